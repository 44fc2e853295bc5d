# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestWorkshopSeats(TrainingCase):
    """A workshop's seats, and the registrations that hold them, as the mediator."""

    def test_seats_never_below_the_confirmed_registrations(self):
        workshop = self._workshop(seats=4)
        registrations = self._register(workshop, self.alice | self.bruno | self.chantal)
        registrations[0].with_user(self.mediator).action_set_done()
        mediator_workshop = workshop.with_user(self.mediator)
        # 1 attended and 2 confirmed hold 3 seats: 2 are refused, saying why.
        with self.assertRefused(ValidationError, "3 confirmed registrations"):
            mediator_workshop.write({"seats_max": 2})
        # the way round the limit: unlimited seats, which a workshop may not have
        with self.assertRefused(ValidationError, "needs a number of seats"):
            mediator_workshop.write({"seats_limited": False})
        self.env.invalidate_all()
        self.assertEqual(workshop.seats_max, 4)
        self.assertTrue(workshop.seats_limited)
        # Exactly the seats taken is accepted: the workshop is then full.
        mediator_workshop.write({"seats_max": 3})
        self.assertEqual(workshop.seats_available, 0)
        # A cancelled registration frees its seat: then it can be lowered again.
        registrations[2].with_user(self.mediator).action_cancel()
        mediator_workshop.write({"seats_max": 2})
        self.assertEqual(workshop.seats_max, 2)

    def test_other_events_keep_odoo_rule(self):
        # The check of the seats left is still Odoo's constraint for every event.
        event = self.env["event.event"].create(
            {
                "name": "Not a workshop",
                "date_begin": "2030-01-01 10:00:00",
                "date_end": "2030-01-01 12:00:00",
                "seats_limited": True,
                "seats_max": 2,
                "parcours_place_id": False,
            }
        )
        self.env["event.registration"].create(
            [{"event_id": event.id, "name": f"Visitor {i}"} for i in range(2)]
        )
        with self.assertRaises(ValidationError):
            event.write({"seats_max": 1})

    def test_odoo_actions_run_for_workshops(self):
        """The registration's steps go through Odoo's own actions (and so through
        every module's extension of them), checked for the workshop."""
        workshop = self._workshop(seats=4)
        registration = self._register(workshop, self.alice)
        # event's own class, below ours in the chain of the registry's classes
        event_class = next(
            cls
            for cls in type(registration).__mro__
            if cls.__module__ == "odoo.addons.event.models.event_registration"
        )
        event_action = event_class.action_cancel
        called = []

        def watched(records):
            called.append(records.ids)
            return event_action(records)

        self.patch(event_class, "action_cancel", watched)
        registration.with_user(self.mediator).action_cancel()
        self.assertEqual(called, [registration.ids])
        self.assertEqual(registration.state, "cancel")
        # still checked for the workshop: the state the step leaves
        with self.assertRefused(UserError, "cancelling"):
            registration.with_user(self.mediator).action_cancel()
        self.assertEqual(called, [registration.ids])
