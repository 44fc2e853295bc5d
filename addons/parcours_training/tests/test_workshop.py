# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestWorkshop(TrainingCase):
    """A mediator plans workshops of their own third place and registers people."""

    def test_workshop_of_the_mediators_place(self):
        begin = fields.Datetime.now() + timedelta(days=3)
        workshop = self._workshop(begin=begin)
        self.assertEqual(workshop.parcours_place_id, self.place)
        self.assertEqual(workshop.organizer_id, self.place.partner_id)
        self.assertEqual(workshop.address_id, self.place.partner_id)
        self.assertEqual(workshop.user_id, self.mediator)
        # The type gives the seats and the duration.
        self.assertEqual(workshop.seats_max, 8)
        self.assertTrue(workshop.seats_limited)
        self.assertEqual(workshop.date_end, begin + timedelta(hours=2))
        self.assertEqual(workshop.parcours_duration, 2.0)
        self.assertEqual(
            workshop.parcours_theme_id, self.getting_started.parcours_theme_id
        )

    def test_trainer_is_a_mediator_of_the_place(self):
        with self.assertRaises(ValidationError):
            self._workshop(user_id=self.mediator2.id)
        with self.assertRaises(ValidationError):
            self._workshop(user_id=self.officer.id)
        self.assertFalse(
            self.env["event.event"].search([("name", "=", "Workshop Test")])
        )

    def test_venue_is_an_address_of_the_place(self):
        with self.assertRaises(ValidationError):
            self._workshop(address_id=self.place2.partner_id.id)
        room = self.env["res.partner"].create(
            {
                "name": "Salle du premier étage",
                "parent_id": self.place.partner_id.id,
                "type": "other",
            }
        )
        self.assertEqual(self._workshop(address_id=room.id).address_id, room)

    def test_mediator_cannot_plan_for_another_place(self):
        with self.assertRaises(AccessError):
            self._workshop(parcours_place_id=self.place2.id, user_id=self.mediator2.id)

    def test_bad_dates_refused(self):
        begin = fields.Datetime.now() + timedelta(days=1)
        with self.assertRaises(ValidationError):
            self._workshop(begin=begin, date_end=begin)
        with self.assertRaises(ValidationError):
            self._workshop(begin=begin, date_end=begin - timedelta(hours=1))

    def test_workshop_type_duration_and_theme(self):
        Type = self.env["event.type"].with_user(self.manager)
        values = {
            "name": "Type Test",
            "parcours_is_workshop": True,
            "has_seats_limitation": True,
            "seats_max": 8,
            "parcours_theme_id": self.theme_email.id,
        }
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Type.create(dict(values, parcours_duration=0))
        with self.assertRaises(ValidationError):
            Type.create(dict(values, parcours_theme_id=False))
        with self.assertRaises(ValidationError):
            Type.create(dict(values, has_seats_limitation=False))
        self.assertTrue(Type.create(dict(values, parcours_duration=1.5)))
        with self.assertRaises(AccessError):
            self.env["event.type"].with_user(self.mediator).create(
                dict(values, name="Mediator type")
            )

    def test_registration_names_the_person(self):
        workshop = self._workshop()
        registration = self._register(workshop, self.alice)
        self.assertEqual(registration.partner_id, self.alice)
        self.assertEqual(registration.state, "open")
        self.assertFalse(registration.email)
        # No person, only an e-mail address: refused, nothing is matched.
        with self.assertRaises(ValidationError):
            self.env["event.registration"].with_user(self.mediator).create(
                {"event_id": workshop.id, "email": self.alice.email or "a@example.org"}
            )

    def test_overbooking_refused(self):
        workshop = self._workshop(seats=2)
        self._register(workshop, self.alice | self.bruno)
        with self.assertRefused(ValidationError, "is full"):
            self._register(workshop, self.chantal)
        self.env.invalidate_all()
        self.assertEqual(workshop.seats_taken, 2)
        self.assertNotIn(self.chantal, workshop.registration_ids.partner_id)
        # Three at once on two seats: refused as a whole.
        other = self._workshop(seats=2)
        with self.assertRaises(ValidationError):
            self._register(other, self.alice | self.bruno | self.chantal)
        self.assertFalse(other.registration_ids)

    def test_cancellation_frees_a_seat(self):
        workshop = self._workshop(seats=1)
        registration = self._register(workshop, self.alice)
        registration.action_cancel()
        self.assertEqual(registration.state, "cancel")
        self._register(workshop, self.bruno)
        # Confirming the cancelled one again would overbook.
        with self.assertRaises(ValidationError):
            registration.action_confirm()
        self.assertEqual(registration.state, "cancel")

    def test_same_person_registered_once(self):
        workshop = self._workshop()
        self._register(workshop, self.alice)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._register(workshop, self.alice)

    def test_person_of_another_place_refused(self):
        workshop = self._workshop()
        # A beneficiary of another third place: the mediator cannot even see them.
        with self.assertRaises(AccessError):
            self._register(workshop, self.other)
        # A contact they can see, followed by another third place: refused too.
        contact = self.env["res.partner"].create(
            {"name": "Visible Contact", "parcours_place_id": self.place2.id}
        )
        with self.assertRefused(ValidationError, "not followed by"):
            self._register(workshop, contact)
        # A contact followed by no third place.
        stranger = self.env["res.partner"].create({"name": "No Place Contact"})
        with self.assertRefused(ValidationError, "followed by no third place"):
            self._register(workshop, stranger)
        self.env.invalidate_all()
        self.assertFalse(workshop.registration_ids)

    def test_mediator_cannot_register_to_another_places_workshop(self):
        workshop = self._workshop(user=self.mediator2)
        with self.assertRaises(AccessError):
            self._register(workshop, self.alice)
        with self.assertRaises(AccessError):
            self._register(workshop, self.other)
        self.assertFalse(workshop.registration_ids)

    def test_resident_registered_from_the_workshop(self):
        """A resident who only comes to a workshop is a person of the third place."""
        workshop = self._workshop()
        resident = (
            self.env["res.partner"]
            .with_user(self.mediator)
            .create(
                {
                    "name": "Resident Without Email",
                    "parcours_is_beneficiary": True,
                    "zip": "26400",
                }
            )
        )
        self.assertEqual(resident.parcours_place_id, self.place)
        workshop.with_user(self.mediator).write(
            {"registration_ids": [fields.Command.create({"partner_id": resident.id})]}
        )
        self.assertEqual(workshop.registration_ids.partner_id, resident)
        self.assertEqual(resident.parcours_last_contact_date, fields.Date.today())

    def test_stage_only_through_the_steps(self):
        workshop = self._workshop()
        registration = self._register(workshop, self.alice)
        ended = self.env.ref("event.event_stage_done")
        with self.assertRaises(UserError):
            workshop.with_user(self.mediator).write({"stage_id": ended.id})
        with self.assertRefused(UserError, "Mark the attendance"):
            workshop.with_user(self.mediator).action_set_done()
        self.env.invalidate_all()
        self.assertNotEqual(workshop.stage_id, ended)
        registration.with_user(self.mediator).action_set_done()
        workshop.with_user(self.mediator).action_set_done()
        self.assertEqual(workshop.stage_id, ended)
        # Once attendance is marked, the dates and type are kept as reported.
        with self.assertRaises(UserError):
            workshop.with_user(self.mediator).write(
                {"date_begin": workshop.date_begin - timedelta(days=1)}
            )
        workshop.with_user(self.mediator).write({"note": "<p>Went well</p>"})

    def test_cancel_a_workshop(self):
        workshop = self._workshop(begin=fields.Datetime.now() + timedelta(days=2))
        registrations = self._register(workshop, self.alice | self.bruno)
        workshop.with_user(self.mediator).action_parcours_cancel()
        self.assertEqual(set(registrations.mapped("state")), {"cancel"})
        self.assertEqual(workshop.stage_id, self.env.ref("event.event_stage_cancelled"))

    def test_other_events_keep_odoo_behaviour(self):
        """An event that is no Parcours workshop is not guarded."""
        event = self.env["event.event"].create(
            {
                "name": "Département meeting",
                "date_begin": fields.Datetime.now(),
                "date_end": fields.Datetime.now() + timedelta(hours=1),
            }
        )
        self.assertFalse(event.parcours_place_id)
        user = self.officer
        registration = (
            self.env["event.registration"]
            .with_user(user)
            .create({"event_id": event.id, "name": "Visitor", "state": "draft"})
        )
        registration.write({"state": "open"})
        registration.action_set_done()
        self.assertEqual(registration.state, "done")
