# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestAttendance(TrainingCase):
    """Attendance is Odoo's done state, or absent, set by the steps only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls._workshop()
        cls.registrations = cls._register(
            cls.workshop, cls.alice | cls.bruno | cls.chantal
        )
        cls.reg_alice, cls.reg_bruno, cls.reg_chantal = cls.registrations

    def test_mark_attended_and_absent(self):
        (self.reg_alice | self.reg_bruno).with_user(self.mediator).action_set_done()
        self.reg_chantal.with_user(self.mediator).action_parcours_absent()
        self.env.invalidate_all()
        self.assertEqual(self.registrations.mapped("state"), ["done", "done", "absent"])
        self.assertTrue(self.reg_alice.date_closed)
        self.assertEqual(self.workshop.parcours_attended_count, 2)
        self.assertEqual(self.workshop.parcours_to_mark_count, 0)
        # A mistake is corrected with the other step.
        self.reg_chantal.with_user(self.mediator).action_set_done()
        self.reg_bruno.with_user(self.mediator).action_parcours_absent()
        self.assertEqual(self.reg_chantal.state, "done")
        self.assertEqual(self.reg_bruno.state, "absent")
        self.assertEqual(self.alice.parcours_training_hours, 2.0)

    def test_state_never_written_directly(self):
        Registration = self.env["event.registration"].with_user(self.mediator)
        with self.assertRefused(UserError, "Status"):
            self.reg_alice.with_user(self.mediator).write({"state": "done"})
        with self.assertRefused(UserError, "Status"):
            Registration.create(
                {
                    "event_id": self.workshop.id,
                    "partner_id": self.env["res.partner"]
                    .with_user(self.mediator)
                    .create(
                        {
                            "name": "Direct Done",
                            "parcours_is_beneficiary": True,
                            "zip": "26400",
                        }
                    )
                    .id,
                    "state": "done",
                }
            )
        # A context key grants nothing: the default is dropped.
        dana = self._beneficiary("Dana Context", user=self.mediator)
        registration = Registration.with_context(default_state="done").create(
            {"event_id": self.workshop.id, "partner_id": dana.id}
        )
        self.env.invalidate_all()
        self.assertEqual(registration.state, "open")
        self.assertEqual(self.reg_alice.state, "open")

    def test_not_before_the_workshop_starts(self):
        upcoming = self._workshop(begin=fields.Datetime.now() + timedelta(days=1))
        registration = self._register(upcoming, self.alice)
        with self.assertRefused(UserError, "has not started yet"):
            registration.with_user(self.mediator).action_set_done()
        with self.assertRefused(UserError, "has not started yet"):
            registration.with_user(self.mediator).action_parcours_absent()
        self.env.invalidate_all()
        self.assertEqual(registration.state, "open")

    def test_other_mediator_cannot_mark(self):
        with self.assertRaises(AccessError):
            self.reg_alice.with_user(self.mediator2).action_set_done()
        with self.assertRaises(AccessError):
            self.reg_alice.with_user(self.mediator2).action_parcours_absent()
        self.env.invalidate_all()
        self.assertEqual(self.reg_alice.state, "open")

    def test_states_checked(self):
        self.reg_alice.with_user(self.mediator).action_cancel()
        with self.assertRefused(UserError, "marking attended"):
            self.reg_alice.with_user(self.mediator).action_set_done()
        self.reg_bruno.with_user(self.mediator).action_set_done()
        with self.assertRefused(UserError, "cancelling"):
            self.reg_bruno.with_user(self.mediator).action_cancel()
        self.env.invalidate_all()
        self.assertEqual(self.reg_alice.state, "cancel")
        self.assertEqual(self.reg_bruno.state, "done")

    def test_marked_registration_keeps_its_person(self):
        self.reg_alice.with_user(self.mediator).action_set_done()
        with self.assertRaises(UserError):
            self.reg_alice.with_user(self.mediator).write({"partner_id": self.bruno.id})
        self.assertEqual(self.reg_alice.partner_id, self.alice)

    def test_batch_attendance_cost_does_not_grow(self):
        """Marking a whole session costs the same queries as marking two people."""
        people = self.env["res.partner"].concat(
            *(
                self._beneficiary(f"Batch {index}", user=self.mediator)
                for index in range(16)
            )
        )
        warm, small, large = (self._workshop(seats=12) for __ in range(3))
        self._register(warm, people[:2])
        self._register(small, people[2:4])
        self._register(large, people[4:])
        Registration = self.env["event.registration"].with_user(self.mediator)
        counts = []
        for workshop in (warm, small, large):
            registrations = Registration.browse(workshop.registration_ids.ids)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            registrations.action_set_done()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertGreater(counts[2], 0)
        self.assertEqual(counts[1], counts[2])
        self.assertEqual(set(large.registration_ids.mapped("state")), {"done"})
