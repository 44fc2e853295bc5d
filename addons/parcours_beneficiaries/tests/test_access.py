# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BeneficiaryCase


@tagged("post_install", "-at_install")
class TestBeneficiaryAccess(BeneficiaryCase):
    """Mediator of place A vs place B, partner operators, accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jeanne = cls._beneficiary("Jeanne Place A", user=cls.mediator)
        cls.agreement = cls._signed_agreement(cls.jeanne, user=cls.mediator)
        cls.application = cls.agreement.application_id
        cls.paul = cls._beneficiary(
            "Paul Place B", place=cls.place2, user=cls.mediator2
        )
        cls.application2 = cls._waiting_application(cls.paul, user=cls.mediator2)

    def test_mediator_sees_own_third_place_only(self):
        Partner = self.env["res.partner"].with_user(self.mediator)
        beneficiaries = Partner.search([("parcours_is_beneficiary", "=", True)])
        self.assertEqual(beneficiaries, self.jeanne)
        self.assertEqual(
            self.env["parcours.application"].with_user(self.mediator).search([]),
            self.application,
        )
        self.assertEqual(
            self.env["parcours.loan.agreement"].with_user(self.mediator).search([]),
            self.agreement,
        )
        for record in (self.paul, self.application2):
            with self.assertRaises(AccessError):
                record.with_user(self.mediator).read(["name"])
        with self.assertRaises(AccessError):
            self.paul.with_user(self.mediator).write({"phone": "0475000000"})
        with self.assertRaises(AccessError):
            self.application2.with_user(self.mediator).action_withdraw()
        with self.assertRaises(AccessError):
            self._beneficiary("Sneaky", place=self.place2, user=self.mediator)
        self.env.invalidate_all()
        self.assertFalse(self.paul.phone)
        self.assertEqual(self.application2.state, "waiting")
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=", "Sneaky")])
        )

    def test_mediator_cannot_touch_other_contacts(self):
        """Mediators read ordinary contacts but change only their beneficiaries."""
        with self.assertRaises(AccessError):
            self.donor.partner_id.with_user(self.mediator).write({"phone": "0"})
        self.assertTrue(self.donor.partner_id.with_user(self.mediator).read(["name"]))

    def test_operators_see_no_beneficiary(self):
        for user in (self.esat_user, self.pihc_user):
            Partner = self.env["res.partner"].with_user(user)
            self.assertFalse(Partner.search([("parcours_is_beneficiary", "=", True)]))
            with self.assertRaises(AccessError):
                self.jeanne.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.env["parcours.application"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["parcours.loan.agreement"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.agreement.lot_id.with_user(user).read(["parcours_agreement_ids"])

    def test_accountant_reads_money_not_social_data(self):
        agreement = self.agreement.with_user(self.accountant)
        self.assertEqual(agreement.invoice_id.amount_total, 25.0)
        self.assertEqual(agreement.partner_id.name, "Jeanne Place A")
        invoice = agreement.invoice_id
        self.assertEqual(invoice.partner_id, self.jeanne)
        with self.assertRaises(AccessError):
            self.jeanne.with_user(self.accountant).read(["parcours_criterion_ids"])
        with self.assertRaises(AccessError):
            self.jeanne.with_user(self.accountant).read(["parcours_income_bracket"])
        with self.assertRaises(AccessError):
            self.env["parcours.application"].with_user(self.accountant).search([])
        with self.assertRaises(AccessError):
            agreement.write({"note": "x"})

    def test_mediator_collects_without_accounting_rights(self):
        agreement = self.agreement.with_user(self.mediator)
        with self.assertRaises(AccessError):
            agreement.invoice_id.read(["amount_total"])
        agreement._parcours_register_payment("cheque")
        self.env.invalidate_all()
        self.assertIn(self.agreement.payment_state, ("paid", "in_payment"))
        payment = self.env["account.payment"].search(
            [("partner_id", "=", self.jeanne.id)]
        )
        self.assertEqual(payment.journal_id, self.place.journal_id)
        self.assertEqual(self.agreement.contribution_method, "cheque")
