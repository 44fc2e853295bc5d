# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BeneficiaryCase

# Which states each step of an application accepts.
STEPS = {
    "action_submit": ("draft",),
    "action_mark_eligible": ("submitted",),
    "action_reject": ("submitted", "eligible"),
    "action_add_to_waiting_list": ("eligible",),
    "action_allocate": ("waiting",),
    "action_withdraw": ("draft", "submitted", "eligible", "waiting", "allocated"),
}


@tagged("post_install", "-at_install")
class TestApplication(BeneficiaryCase):
    """A resident's application, from draft to a device reserved at the third place."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One chain run for the devices that must NOT be proposed for a laptop at
        # the first third place: a ready desktop there, a ready laptop at the other.
        lot = cls._new_lot()
        lot._receive_devices(
            cls._rows(1, prefix="APD-", product=cls.desktop)
            + cls._rows(1, prefix="AP2-")
        )
        cls._triage(lot)
        cls._send(lot.device_ids, cls.pihc)
        cls._refurbish_order(lot.device_ids).action_done()
        cls.desktop_device = lot.device_ids.filtered(
            lambda d: d.product_id == cls.desktop
        )
        cls.laptop_place2 = lot.device_ids - cls.desktop_device
        cls._send(cls.desktop_device, cls.place)
        cls._send(cls.laptop_place2, cls.place2)
        cls.criterion_single_parent = cls.env.ref(
            "parcours_beneficiaries.criterion_single_parent"
        )
        cls.criterion_disability = cls.env.ref(
            "parcours_beneficiaries.criterion_disability"
        )
        cls.state_labels = dict(
            cls.env["parcours.application"]
            ._fields["state"]
            ._description_selection(cls.env)
        )

    # ---------------------------------------------------------------- helpers
    def _new_application(self, partner=None, user=None, device_type="laptop"):
        user = user or self.mediator
        partner = partner or self._beneficiary(
            user=user, place=user.parcours_organisation_id
        )
        return (
            self.env["parcours.application"]
            .with_user(user)
            .create({"partner_id": partner.id, "device_type": device_type})
        )

    def _allocation_wizard(self, application, **values):
        return (
            self.env["parcours.allocation.wizard"]
            .with_user(application.env.user)
            .with_context(default_application_id=application.id)
            .create(values)
        )

    def _agreement_count(self, **domain):
        return self.env["parcours.loan.agreement"].search_count(
            [(name, "=", value) for name, value in domain.items()]
        )

    def _application_in(self, state):
        """An application brought to ``state`` by the mediator, step by step."""
        application = self._new_application()
        if state == "draft":
            return application
        if state == "withdrawn":
            application.action_withdraw()
            return application
        application.action_submit()
        if state == "submitted":
            return application
        if state == "rejected":
            application.reject_reason = "Already equipped"
            application.action_reject()
            return application
        application.action_mark_eligible()
        if state == "eligible":
            return application
        application.action_add_to_waiting_list()
        if state == "waiting":
            return application
        self._allocation_wizard(application).action_allocate()
        if state == "allocated":
            return application
        agreement = application.agreement_ids
        agreement.write(
            {"signature_date": fields.Date.today(), "witness_id": self.mediator.id}
        )
        agreement.action_sign()
        agreement.with_user(self.officer).write({"waiver_reason": "Test"})
        agreement.with_user(self.officer).action_waive()
        agreement.action_handover()
        self.assertEqual(application.state, state)
        return application

    # ------------------------------------------------------ the state machine
    def test_the_mediator_takes_an_application_to_allocation(self):
        with freeze_time("2026-03-02"):
            partner = self._beneficiary(user=self.mediator)
            application = self._new_application(partner)
            self.assertRecordValues(
                application,
                [
                    {
                        "state": "draft",
                        "place_id": self.place.id,
                        "user_id": self.mediator.id,
                        "date_submitted": False,
                    }
                ],
            )
            self.assertRegex(application.name, r"^DMD/2026/\d{4}$")
            application.action_submit()
            self.assertEqual(application.state, "submitted")
            self.assertEqual(
                application.date_submitted, fields.Date.to_date("2026-03-02")
            )
            self.assertEqual(partner.parcours_last_contact_date, fields.Date.today())
            application.action_mark_eligible()
            self.assertEqual(application.state, "eligible")
            application.action_add_to_waiting_list()
            self.assertEqual(application.state, "waiting")
            action = application.action_allocate()
            self.assertEqual(action["res_model"], "parcours.allocation.wizard")
            wizard = self._allocation_wizard(application)
            agreement_action = wizard.action_allocate()

        self.env.invalidate_all()
        agreement = application.agreement_ids
        self.assertEqual(agreement_action["res_id"], agreement.id)
        self.assertEqual(application.state, "allocated")
        self.assertEqual(application.lot_id, wizard.lot_id)
        self.assertRecordValues(
            agreement,
            [
                {
                    "state": "draft",
                    "partner_id": partner.id,
                    "place_id": self.place.id,
                    "lot_id": wizard.lot_id.id,
                    "user_id": self.mediator.id,
                }
            ],
        )
        self.assertEqual(wizard.lot_id.parcours_stage, "reserved")

    def test_two_wizards_open_together_allocate_different_devices(self):
        first = self._application_in("waiting")
        second = self._application_in("waiting")
        wizards = self._allocation_wizard(first) | self._allocation_wizard(second)
        proposed = wizards[0].lot_id
        self.assertEqual(wizards.lot_id, proposed, "both proposed the best device")
        wizards[0].action_allocate()
        # The proposal kept: the best device still ready, the next one.
        wizards[1].action_allocate()
        self.env.invalidate_all()
        self.assertEqual(first.lot_id, proposed)
        self.assertTrue(second.lot_id)
        self.assertNotEqual(second.lot_id, proposed)
        # A device chosen by hand is that one or none.
        third = self._application_in("waiting")
        with self.assertRaisesRegex(UserError, "choose one of the devices"):
            self._allocation_wizard(third, lot_id=proposed.id).action_allocate()

    def test_each_step_refuses_the_other_states(self):
        applications = {
            state: self._application_in(state)
            for state in (
                "draft",
                "submitted",
                "eligible",
                "rejected",
                "waiting",
                "allocated",
                "handed_over",
                "withdrawn",
            )
        }
        agreements_before = self._agreement_count()
        for state, application in applications.items():
            for step, allowed in STEPS.items():
                if state in allowed:
                    continue
                with self.subTest(state=state, step=step):
                    with self.assertRaises(UserError) as caught:
                        getattr(application, step)()
                    message = str(caught.exception)
                    self.assertIn(
                        f"Application {application.name} is {self.state_labels[state]}",
                        message,
                    )
                    self.assertIn("this step needs it to be", message)
                    self.env.invalidate_all()
                    self.assertEqual(application.state, state)
        self.assertEqual(self._agreement_count(), agreements_before)

    def test_submit_needs_the_consent_of_the_beneficiary(self):
        partner = self._beneficiary(
            name="Paul Sansaccord", user=self.mediator, consent=False
        )
        application = self._new_application(partner)
        with self.assertRaises(UserError) as caught:
            application.action_submit()
        message = str(caught.exception)
        self.assertIn("Paul Sansaccord has not given consent", message)
        self.assertIn("record the date and purpose of their consent", message)
        self.env.invalidate_all()
        self.assertEqual(application.state, "draft")
        self.assertFalse(application.date_submitted)

        partner.parcours_consent_date = fields.Date.today()
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_eligible_needs_a_criterion_and_a_proof(self):
        partner = self._beneficiary(name="Lucie Preuve", user=self.mediator)
        partner.write(
            {
                "parcours_criterion_ids": [Command.clear()],
                "parcours_proof_ids": [Command.clear()],
            }
        )
        application = self._new_application(partner)
        application.action_submit()
        with self.assertRaises(UserError) as caught:
            application.action_mark_eligible()
        self.assertIn(
            "Record at least one eligibility criterion of Lucie Preuve",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(application.state, "submitted")

        partner.parcours_criterion_ids = [Command.link(self.criterion.id)]
        with self.assertRaises(UserError) as caught:
            application.action_mark_eligible()
        self.assertIn(
            "Record which proofs of Lucie Preuve were checked", str(caught.exception)
        )
        self.env.invalidate_all()
        self.assertEqual(application.state, "submitted")

        partner.parcours_proof_ids = [Command.create({"proof_type": "identity"})]
        self.assertEqual(partner.parcours_proof_ids.user_id, self.mediator)
        application.action_mark_eligible()
        self.assertEqual(application.state, "eligible")

    def test_reject_needs_a_reason(self):
        submitted = self._application_in("submitted")
        eligible = self._application_in("eligible")
        for application in submitted + eligible:
            for reason in (False, "   "):
                with self.subTest(application=application.name, reason=reason):
                    application.reject_reason = reason
                    with self.assertRaises(UserError) as caught:
                        application.action_reject()
                    message = str(caught.exception)
                    self.assertIn(
                        f"Write the reason of the rejection of {application.name}",
                        message,
                    )
                    self.assertIn("the resident has the right to know it", message)
                    self.env.invalidate_all()
                    self.assertIn(application.state, ("submitted", "eligible"))
            application.reject_reason = "Income above the ceiling"
            application.action_reject()
            self.assertEqual(application.state, "rejected")
        self.assertFalse(self._agreement_count(application_id=submitted.id))

    # ----------------------------------------------------------- waiting list
    def test_waiting_list_is_ordered_by_priority_then_submission_date(self):
        def apply(name, on, user=None, extra=()):
            user = user or self.mediator
            partner = self._beneficiary(
                name=name, user=user, place=user.parcours_organisation_id
            )
            if extra:
                partner.parcours_criterion_ids = [Command.link(c.id) for c in extra]
            with freeze_time(on):
                application = self._new_application(partner, user=user)
                application.action_submit()
            application.action_mark_eligible()
            application.action_add_to_waiting_list()
            return application

        ana = apply("Ana", "2026-03-02")
        bruno = apply("Bruno", "2026-03-03", extra=self.criterion_single_parent)
        chloe = apply("Chloé", "2026-03-01")
        denis = apply(
            "Denis", "2026-02-01", user=self.mediator2, extra=self.criterion_disability
        )

        self.assertEqual((ana.priority, bruno.priority, chloe.priority), (3, 4, 3))
        self.assertEqual(
            bruno.priority_explanation,
            "Minimum social benefits (RSA) (+3), Single-parent family (+1)",
        )
        self.assertEqual(ana.priority_explanation, "Minimum social benefits (RSA) (+3)")

        def waiting_list(user, place):
            return (
                self.env["parcours.application"]
                .with_user(user)
                .search([("state", "=", "waiting"), ("place_id", "=", place.id)])
            )

        self.assertEqual(waiting_list(self.mediator, self.place), bruno + chloe + ana)
        self.assertEqual(waiting_list(self.mediator2, self.place2), denis)

        # Priority follows the criteria: a disability recorded later moves Ana up.
        ana.partner_id.parcours_criterion_ids = [
            Command.link(self.criterion_disability.id)
        ]
        self.env.invalidate_all()
        self.assertEqual(ana.priority, 6)
        self.assertIn("Disability (AAH, RQTH) (+3)", ana.priority_explanation)
        self.assertEqual(waiting_list(self.mediator, self.place), ana + bruno + chloe)

    # ------------------------------------------------------------- allocation
    def test_only_ready_devices_of_the_place_and_of_the_type_are_proposed(self):
        self.devices[2].parcours_grade = "a"
        first = self._application_in("waiting")
        expected = self.devices[2] + self.devices[0] + self.devices[1] + self.devices[3]
        self.assertEqual(first._proposed_devices(), expected)
        for device in self.desktop_device + self.laptop_place2:
            self.assertNotIn(device, first._proposed_devices())

        wizard = self._allocation_wizard(first)
        self.assertEqual(wizard.lot_id, self.devices[2], "the best device comes first")
        self.assertEqual(wizard.proposed_lot_ids, expected)
        wizard.action_allocate()

        # The reserved device is no longer proposed.
        second = self._application_in("waiting")
        self.assertEqual(second._proposed_devices(), expected - self.devices[2])
        self.assertEqual(self._allocation_wizard(second).lot_id, self.devices[0])

        desktop_application = self._new_application(device_type="desktop")
        self.assertEqual(desktop_application._proposed_devices(), self.desktop_device)

        other_place = self._new_application(user=self.mediator2)
        self.assertEqual(other_place.place_id, self.place2)
        self.assertEqual(other_place._proposed_devices(), self.laptop_place2)

    def test_allocating_a_device_that_is_not_proposed_is_refused(self):
        reserved = self._application_in("allocated").lot_id
        self.assertEqual(reserved.parcours_stage, "reserved")
        application = self._application_in("waiting")
        for device, stage in (
            (reserved, "reserved"),
            (self.laptop_place2, "ready"),
            (self.desktop_device, "ready"),
        ):
            with self.subTest(serial=device.name):
                wizard = self._allocation_wizard(application, lot_id=device.id)
                with self.assertRaises(UserError) as caught:
                    wizard.action_allocate()
                message = str(caught.exception)
                self.assertIn(
                    f"Device {device.name} is not a ready Laptop at Tiers-lieu Test",
                    message,
                )
                self.assertIn("choose one of the devices proposed", message)
                self.env.invalidate_all()
                self.assertEqual(application.state, "waiting")
                self.assertFalse(application.lot_id)
                self.assertEqual(
                    self._agreement_count(application_id=application.id), 0
                )
                self.assertEqual(device.parcours_stage, stage)
        self.assertEqual(self._agreement_count(lot_id=self.laptop_place2.id), 0)
        self.assertEqual(self._agreement_count(lot_id=self.desktop_device.id), 0)
        self.assertEqual(self._agreement_count(lot_id=reserved.id), 1)

    def test_withdraw_frees_the_device(self):
        application = self._application_in("allocated")
        device = application.lot_id
        agreement = application.agreement_ids
        application.action_withdraw()

        self.env.invalidate_all()
        self.assertEqual(application.state, "withdrawn")
        self.assertEqual(agreement.state, "cancel")
        self.assertEqual(device.parcours_stage, "ready")
        self.assertEqual(device.parcours_holder_id, self.place)

        # The device goes to the next one on the list.
        following = self._application_in("waiting")
        self.assertIn(device, following._proposed_devices())
        self._allocation_wizard(following, lot_id=device.id).action_allocate()
        self.assertEqual(following.lot_id, device)
        self.assertEqual(device.parcours_stage, "reserved")

    def test_withdraw_after_signing_cancels_the_unpaid_invoice(self):
        application = self._application_in("allocated")
        agreement = application.agreement_ids
        agreement.write(
            {"signature_date": fields.Date.today(), "witness_id": self.mediator.id}
        )
        agreement.action_sign()
        invoice = agreement.sudo().invoice_id
        self.assertEqual(invoice.state, "posted")

        application.action_withdraw()
        self.env.invalidate_all()
        self.assertEqual(application.state, "withdrawn")
        self.assertEqual(agreement.state, "cancel")
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(agreement.sudo().lot_id.parcours_stage, "ready")

    def test_withdraw_after_payment_is_refused(self):
        application = self._application_in("allocated")
        agreement = application.agreement_ids
        agreement.write(
            {"signature_date": fields.Date.today(), "witness_id": self.mediator.id}
        )
        agreement.action_sign()
        self.env["parcours.contribution.wizard"].with_user(self.mediator).create(
            {"agreement_id": agreement.id, "method": "cash"}
        ).action_confirm()
        with self.assertRaises(UserError) as caught:
            application.action_withdraw()
        self.assertIn(
            f"The contribution of {agreement.name} is paid: refund it before",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(application.state, "allocated")
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.sudo().invoice_id.state, "posted")
        self.assertEqual(application.lot_id.parcours_stage, "reserved")

    # ------------------------------------------------------------ beneficiary
    def test_beneficiary_must_live_in_the_drome(self):
        Partner = self.env["res.partner"].with_user(self.mediator)
        with self.assertRaises(ValidationError) as caught:
            Partner.create(
                {
                    "name": "Jean Isère",
                    "zip": "38000",
                    "city": "Grenoble",
                    "parcours_is_beneficiary": True,
                    "parcours_place_id": self.place.id,
                    "parcours_consent_date": fields.Date.today(),
                }
            )
        message = str(caught.exception)
        self.assertIn("Jean Isère lives outside the Drôme (postcode 38000)", message)
        self.assertIn("postcodes 26xxx", message)
        self.env.invalidate_all()
        self.assertEqual(
            self.env["res.partner"].search_count([("name", "=", "Jean Isère")]), 0
        )

        partner = self._beneficiary(name="Marie Crest", user=self.mediator)
        with self.assertRaises(ValidationError) as caught:
            partner.zip = "38000"
        self.assertIn("Marie Crest lives outside the Drôme", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(partner.zip, "26400")

        # A prescriber may work outside the Drôme: only beneficiaries are bound.
        prescriber = (
            self.env["res.partner"]
            .with_user(self.officer)
            .create(
                {
                    "name": "CCAS Grenoble",
                    "zip": "38000",
                    "parcours_is_prescriber": True,
                }
            )
        )
        self.assertEqual(prescriber.zip, "38000")
