# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestHandoverGate(TrainingCase):
    """The getting-started workshop, before or within N days after the handover."""

    def _paid_agreement(self, name):
        partner = self._beneficiary(name, user=self.mediator)
        agreement = self._signed_agreement(partner, user=self.mediator)
        agreement.with_user(self.mediator)._parcours_register_payment("cash")
        return agreement.with_user(self.mediator)

    def _attend(self, partner, begin=None):
        workshop = self._workshop(begin=begin)
        registration = self._register(workshop, partner)
        registration.with_user(self.mediator).action_set_done()
        return registration

    def test_not_required_by_default(self):
        agreement = self._paid_agreement("Gate None")
        agreement.action_handover()
        self.assertEqual(agreement.state, "active")
        self.assertFalse(agreement.parcours_training_due_date)

    def test_required_before_handover(self):
        self.env.company.parcours_training_gate = "before"
        agreement = self._paid_agreement("Gate Before")
        upcoming = self._workshop(
            begin=fields.Datetime.now() + timedelta(days=4), name="Session de mai"
        )
        with self.assertRefused(UserError, "Getting started with the computer"):
            agreement.action_handover()
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.lot_id.parcours_stage, "reserved")
        self.assertFalse(agreement.delivery_picking_id)
        # Registered is not enough: the person must have attended.
        registration = self._register(upcoming, agreement.partner_id)
        with self.assertRaises(UserError):
            agreement.action_handover()
        registration.with_user(self.mediator).action_cancel()
        self._attend(agreement.partner_id)
        agreement.action_handover()
        self.assertEqual(agreement.state, "active")

    def test_refusal_names_the_next_sessions(self):
        self.env.company.parcours_training_gate = "before"
        agreement = self._paid_agreement("Gate Sessions")
        self._workshop(begin=fields.Datetime.now() + timedelta(days=4))
        with self.assertRaises(UserError) as catcher:
            agreement.action_handover()
        message = str(catcher.exception)
        self.assertIn("Gate Sessions", message)
        self.assertIn(self.place.name, message)
        self.assertNotIn("none planned yet", message)

    def test_required_after_handover_follow_up(self):
        company = self.env.company
        company.write(
            {"parcours_training_gate": "after", "parcours_training_gate_days": 30}
        )
        Agreement = self.env["parcours.loan.agreement"]
        with freeze_time("2026-03-02 10:00:00"):
            late = self._paid_agreement("Gate Late")
            diligent = self._paid_agreement("Gate Diligent")
            (late | diligent).action_handover()
        self.assertEqual(late.parcours_training_due_date, date(2026, 4, 1))
        with freeze_time("2026-03-20 15:00:00"):
            self._attend(diligent.partner_id, begin=datetime(2026, 3, 20, 9, 0))
        with freeze_time("2026-04-01 08:00:00"):
            self.assertFalse(Agreement._cron_training_followup())
            self.assertFalse(late.activity_ids)
        with freeze_time("2026-04-02 08:00:00"):
            overdue = Agreement._cron_training_followup()
        self.assertEqual(overdue, late)
        self.assertEqual(late.activity_ids.user_id, self.mediator)
        self.assertEqual(late.activity_ids.date_deadline, date(2026, 4, 2))
        self.assertIn("Getting started with the computer", late.activity_ids.note)
        self.assertFalse(diligent.activity_ids)
        # Once only.
        with freeze_time("2026-04-03 08:00:00"):
            self.assertFalse(Agreement._cron_training_followup())
        self.assertEqual(len(late.activity_ids), 1)

    def test_due_date_written_by_the_steps_only(self):
        agreement = self._paid_agreement("Gate Forge")
        with self.assertRaises(UserError):
            agreement.write({"parcours_training_due_date": "2030-01-01"})
        with self.assertRaises(UserError):
            agreement.write({"parcours_training_followup_done": True})

    def test_agreement_shows_the_workshops(self):
        agreement = self._paid_agreement("Gate Shows")
        registration = self._attend(agreement.partner_id)
        absent = self._register(self._workshop(), agreement.partner_id)
        absent.with_user(self.mediator).action_parcours_absent()
        self.assertEqual(agreement.parcours_registration_ids, registration | absent)
        self.assertEqual(
            set(agreement.parcours_registration_ids.mapped("state")),
            {"done", "absent"},
        )
