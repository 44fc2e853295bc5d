# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A second département in the same database: nothing crosses.

Département A is the test company of ``BeneficiaryCase``; département B is a
second company with its own chart of accounts, refurbisher, third place,
mediator, officer and device. Each runs a loan; none sees or touches the
other's records, devices, invoices or numbering.
"""

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BeneficiaryCase
from .test_agreement import PAID, LoanFlowMixin


@tagged("post_install", "-at_install")
class TestTwoDepartements(LoanFlowMixin, BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Département de l'Ardèche",
                "currency_id": cls.company_a.currency_id.id,
            }
        )
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_b, install_demo=False
        )
        env_b = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company_b.ids)
        )
        warehouse = env_b["stock.warehouse"].search(
            [("company_id", "=", cls.company_b.id)], limit=1
        )

        def organisation(name, role):
            # The device chain's own locations are those of the first company;
            # a holder of département B stores its devices in B's warehouse.
            location = env_b["stock.location"].create(
                {
                    "name": name,
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": cls.company_b.id,
                }
            )
            record = env_b["parcours.organisation"].create(
                {
                    "name": name,
                    "role": role,
                    "company_id": cls.company_b.id,
                    "location_id": location.id,
                }
            )
            location.parcours_organisation_id = record
            return record

        cls.pihc_b = organisation("Recyclerie Ardèche", "refurbisher")
        cls.place_b = organisation("Tiers-lieu Privas", "third_place")
        cls.company_b.write(
            {
                "parcours_return_organisation_id": cls.pihc_b.id,
                "parcours_retention_months": 12,
            }
        )

        def user_b(login, group, organisation):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{group}",
                company_id=cls.company_b.id,
                company_ids=cls.company_b.ids,
                parcours_organisation_id=organisation.id,
            )

        cls.mediator_b = user_b(
            "mediator_b", "parcours_beneficiaries.group_mediator", cls.place_b
        )
        cls.officer_b = user_b(
            "officer_b", "parcours_devices.group_officer", cls.place_b
        )
        cls.device_b = (
            env_b["stock.lot"]
            .sudo()
            .create(
                {
                    "name": "ARD-0001",
                    "product_id": cls.laptop.id,
                    "company_id": cls.company_b.id,
                    "parcours_stage": "ready",
                }
            )
        )
        env_b["stock.quant"]._update_available_quantity(
            cls.laptop, cls.place_b.location_id, 1, lot_id=cls.device_b
        )

    def _loan_b(self, name="Jeanne Ardèche"):
        """Département B's mediator runs a loan up to the handover."""
        partner = self._beneficiary(name=name, place=self.place_b, user=self.mediator_b)
        application = self._waiting_application(partner, user=self.mediator_b)
        agreement = application._parcours_allocate(self.device_b)
        agreement.write({"signature_date": fields.Date.today()})
        agreement.action_sign()
        agreement._parcours_register_payment("cash")
        agreement.action_handover()
        return agreement

    def _sequence_a(self, code):
        return self.env["ir.sequence"].search(
            [("code", "=", code), ("company_id", "=", self.company_a.id)]
        )

    def test_each_departement_runs_its_loans_in_its_own_books(self):
        codes = ("parcours.loan.agreement", "parcours.application")
        numbers_a = [self._sequence_a(code).number_next_actual for code in codes]
        with freeze_time("2026-03-15"):
            agreement_b = self._loan_b()
            self.assertEqual(
                [self._sequence_a(code).number_next_actual for code in codes],
                numbers_a,
                "département B's loan took no number of département A",
            )
            agreement_a = self._lend(name="Jeanne Drôme")
        self.env.invalidate_all()
        b, a = agreement_b.sudo(), agreement_a.sudo()
        # Records and their company.
        for record in (
            b,
            b.application_id,
            b.partner_id,
            b.partner_id.parcours_proof_ids,
        ):
            with self.subTest(model=record._name):
                self.assertEqual(record.company_id, self.company_b)
        self.assertEqual(b.partner_id.company_id, self.company_b)
        self.assertEqual(a.company_id, self.company_a)
        self.assertEqual(a.partner_id.company_id, self.company_a)
        # Numbering: B starts its own.
        self.assertRegex(b.name, r"^CMD/2026/0001$")
        self.assertRegex(b.application_id.name, r"^DMD/2026/0001$")
        for code in ("parcours.loan.agreement", "parcours.application"):
            self.assertEqual(
                self.env["ir.sequence"].search_count(
                    [("code", "=", code), ("company_id", "=", self.company_b.id)]
                ),
                1,
            )
        # Invoice and payment in B's journals.
        invoice = self._invoices(agreement_b)
        self.assertEqual(invoice.company_id, self.company_b)
        self.assertEqual(invoice.journal_id.company_id, self.company_b)
        self.assertIn(invoice.payment_state, PAID)
        payment = self._payments(b.partner_id)
        self.assertEqual(payment.journal_id, self.place_b.journal_id)
        self.assertEqual(payment.company_id, self.company_b)
        self.assertEqual(self.place_b.journal_id.company_id, self.company_b)
        # The device goes to B's own lent location, by a transfer of B.
        lent_b = self.company_b.parcours_lent_location_id
        self.assertEqual(lent_b.company_id, self.company_b)
        self.assertNotEqual(lent_b, self.company_a._parcours_loan_location("lent"))
        self.assertEqual(self.device_b.location_id, lent_b)
        self.assertEqual(b.delivery_picking_id.company_id, self.company_b)
        self.assertEqual(
            a.delivery_picking_id.location_dest_id.company_id, a.company_id
        )

        # Lost in B: B's own lost location.
        agreement_b.action_declare_stolen()
        lost_b = self.company_b.parcours_lost_location_id
        self.assertEqual(lost_b.company_id, self.company_b)
        self.assertEqual(self.device_b.location_id, lost_b)
        self.assertNotEqual(lost_b, self.company_a._parcours_loan_location("lost"))

    def test_nobody_sees_the_other_departement(self):
        agreement_b = self._loan_b()
        agreement_a = self._lend(name="Jeanne Drôme")
        for user, mine, theirs in (
            (self.mediator_b, agreement_b, agreement_a),
            (self.mediator, agreement_a, agreement_b),
            (self.officer_b, agreement_b, agreement_a),
        ):
            with self.subTest(user=user.login):
                Agreement = self.env["parcours.loan.agreement"].with_user(user)
                self.assertIn(mine, Agreement.search([]))
                self.assertNotIn(theirs, Agreement.search([]))
                beneficiaries = (
                    self.env["res.partner"]
                    .with_user(user)
                    .search([("parcours_is_beneficiary", "=", True)])
                )
                self.assertIn(mine.partner_id, beneficiaries)
                self.assertNotIn(theirs.partner_id, beneficiaries)
                for record in (
                    theirs,
                    theirs.sudo().partner_id,
                    theirs.sudo().invoice_id,
                ):
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["display_name"])
        # The officer of A only does not see B's either.
        officer_a = new_test_user(
            self.env,
            login="officer_a",
            groups="base.group_user,parcours_devices.group_officer",
            company_id=self.company_a.id,
            company_ids=self.company_a.ids,
        )
        with self.assertRaises(AccessError):
            agreement_b.with_user(officer_a).read(["name"])

    def test_no_device_nor_beneficiary_crosses(self):
        partner_b = self._beneficiary(
            "Paul Ardèche", place=self.place_b, user=self.mediator_b
        )
        application_b = self._waiting_application(partner_b, user=self.mediator_b)
        device_a = self.devices[0]
        # B's mediator cannot take A's device, nor A's mediator B's.
        with self.assertRaises(UserError):
            application_b._parcours_allocate(device_a)
        application_a = self._waiting_application(
            self._beneficiary("Paul Drôme", user=self.mediator), user=self.mediator
        )
        with self.assertRaises(UserError):
            application_a._parcours_allocate(self.device_b)
        # Not even with every right.
        with self.assertRaises(UserError):
            self.env["parcours.loan.agreement"].sudo().create(
                {
                    "application_id": application_b.id,
                    "partner_id": partner_b.id,
                    "place_id": self.place_b.id,
                    "lot_id": device_a.id,
                }
            )
        # A beneficiary of B is not followed by a third place of A.
        with self.assertRaises(UserError):
            partner_b.sudo().write(
                {"parcours_place_id": self.place.id, "company_id": self.company_b.id}
            )
        self.env.invalidate_all()
        self.assertEqual(device_a.parcours_stage, "ready")
        self.assertEqual(self.device_b.parcours_stage, "ready")
        self.assertFalse(
            self.env["parcours.loan.agreement"].search_count(
                [("lot_id", "in", (device_a + self.device_b).ids)]
            )
        )

    def test_each_departement_keeps_data_for_its_own_period(self):
        with freeze_time("2026-03-15"):
            partner_b = self._beneficiary(
                "Oubliée Ardèche", place=self.place_b, user=self.mediator_b
            )
            partner_a = self._beneficiary("Oubliée Drôme", user=self.mediator)
            # Their last contact: an application, then nothing.
            self._waiting_application(partner_b, user=self.mediator_b).action_withdraw()
            self._waiting_application(partner_a, user=self.mediator).action_withdraw()
        with freeze_time("2027-06-01"):
            self.env["res.partner"]._cron_parcours_anonymise()
        self.env.invalidate_all()
        self.assertTrue(partner_b.sudo().parcours_anonymised)
        self.assertFalse(partner_a.parcours_anonymised)
