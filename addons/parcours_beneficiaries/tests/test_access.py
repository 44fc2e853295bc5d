# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CHEQUE, BeneficiaryCase


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
        agreement._parcours_register_payment("cheque", cheque=CHEQUE)
        self.env.invalidate_all()
        self.assertIn(self.agreement.payment_state, ("paid", "in_payment"))
        payment = self.env["account.payment"].search(
            [("partner_id", "=", self.jeanne.id)]
        )
        self.assertEqual(payment.journal_id, self.place.journal_id)
        self.assertEqual(self.agreement.contribution_method, "cheque")

    # ------------------------------------------------- isolation after a write
    def test_no_write_moves_a_record_to_another_third_place(self):
        """Odoo checks the rules before a write; the mixin checks them after."""
        partner = self._beneficiary("Jeanne Mobile", user=self.mediator)
        draft = (
            self.env["parcours.application"]
            .with_user(self.mediator)
            .create({"partner_id": partner.id})
        )
        proof = partner.parcours_proof_ids
        moves = (
            (partner, {"parcours_place_id": self.place2.id}),
            (partner, {"parcours_is_beneficiary": False}),
            (draft, {"place_id": self.place2.id}),
            (proof, {"partner_id": self.paul.id}),
            (self.agreement.with_user(self.mediator), {"place_id": self.place2.id}),
        )
        for record, values in moves:
            with self.subTest(model=record._name, values=values):
                with self.assertRaises(UserError):
                    record.with_user(self.mediator).write(values)
                self.env.invalidate_all()
                for name, value in values.items():
                    kept = record.sudo()[name]
                    self.assertNotEqual(getattr(kept, "id", kept), value)
        self.assertEqual(partner.parcours_place_id, self.place)
        self.assertEqual(proof.partner_id, partner)

    def test_no_application_for_another_place_s_beneficiary(self):
        Application = self.env["parcours.application"].with_user(self.mediator)
        with self.assertRaises(ValidationError) as caught:
            Application.create({"partner_id": self.paul.id})
        # The refusal does not tell her who the person is.
        self.assertNotIn("Paul", str(caught.exception))
        with self.assertRaises(AccessError):
            Application.create({"partner_id": self.paul.id, "place_id": self.place2.id})
        self.env.invalidate_all()
        self.assertEqual(
            self.env["parcours.application"].search_count(
                [("partner_id", "=", self.paul.id)]
            ),
            1,
        )
        with self.assertRaises(AccessError):
            self.paul.with_user(self.mediator).read(["name"])
        with self.assertRaises(AccessError):
            self.application2.with_user(self.mediator).read(["priority_explanation"])
        # Nor through the search of her own applications.
        self.assertFalse(Application.search([("partner_id.name", "ilike", "Paul")]))

    # ---------------------------------------------------------- social data
    def test_nobody_searches_on_social_data_they_cannot_read(self):
        """The accountant learns nothing of criteria, proofs or income."""
        Partner = self.env["res.partner"].with_user(self.accountant)
        rsa = self.criterion.id
        domains = (
            [("parcours_criterion_ids", "in", [rsa])],
            [("parcours_criterion_ids.name", "ilike", "RSA")],
            [("parcours_proof_ids.proof_type", "=", "benefit")],
            [("parcours_proof_ids", "!=", False)],
            [("parcours_income_bracket", "=", "1")],
            ["|", ("name", "=", "x"), ("parcours_household_size", ">", 1)],
        )
        for domain in domains:
            with self.subTest(domain=domain), self.assertRaises(AccessError):
                Partner.search(domain)
        for groupby in ("parcours_criterion_ids", "parcours_income_bracket"):
            with self.subTest(groupby=groupby), self.assertRaises(AccessError):
                Partner.read_group(
                    [("parcours_is_beneficiary", "=", True)], ["id:count"], [groupby]
                )
        with self.assertRaises(AccessError):
            Partner.search([], order="parcours_household_size")
        # Nor through the records that lead to the person.
        for model, path in (
            ("parcours.loan.agreement", "partner_id.parcours_criterion_ids"),
            ("account.move", "partner_id.parcours_criterion_ids"),
            ("account.move", "parcours_agreement_id.partner_id.parcours_proof_ids"),
        ):
            with self.subTest(model=model, path=path), self.assertRaises(AccessError):
                self.env[model].with_user(self.accountant).search([(path, "in", [rsa])])
        # What she may read, she may search.
        found = Partner.search([("parcours_is_beneficiary", "=", True)])
        self.assertLessEqual(self.jeanne + self.paul, found)

    def test_other_employees_see_no_beneficiary(self):
        """A plain employee, an HR officer, a contact manager, a stock manager."""
        users = [
            new_test_user(self.env, login=login, groups=groups)
            for login, groups in (
                ("employee", "base.group_user"),
                ("hr_officer", "base.group_user,hr.group_hr_user"),
                ("contacts", "base.group_user,base.group_partner_manager"),
                ("stock_admin", "base.group_user,stock.group_stock_manager"),
            )
        ]
        for user in [*users, self.place_user]:
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                self.assertFalse(
                    Partner.search([("parcours_is_beneficiary", "=", True)])
                )
                self.assertFalse(Partner.search([("name", "ilike", "Jeanne Place A")]))
                self.assertFalse(
                    Partner.read_group(
                        [("parcours_is_beneficiary", "=", True)], ["id:count"], []
                    )[0]["__count"]
                )
                with self.assertRaises(AccessError):
                    self.jeanne.with_user(user).read(["name"])
                if Partner.has_access("write"):
                    with self.assertRaises(AccessError):
                        self.jeanne.with_user(user).write({"phone": "0475000000"})
                    with self.assertRaises(AccessError):
                        Partner.create(
                            {
                                "name": "Hidden Beneficiary",
                                "zip": "26400",
                                "parcours_is_beneficiary": True,
                                "parcours_place_id": self.place.id,
                            }
                        )
        self.env.invalidate_all()
        self.assertFalse(self.jeanne.phone)
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=", "Hidden Beneficiary")])
        )
        # They still see ordinary contacts.
        self.assertTrue(self.donor.partner_id.with_user(users[0]).read(["name"]))
        self.assertTrue(
            self.env["res.partner"]
            .with_user(users[2])
            .create({"name": "Ordinary Contact"})
        )
