# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestSupportSession(TrainingCase):
    """A one-to-one session: who, when, how long, themes, sent on or not."""

    def _session(self, user=None, **values):
        return (
            self.env["parcours.support.session"]
            .with_user(user or self.mediator)
            .create(
                dict(
                    {
                        "partner_id": self.alice.id,
                        "theme_ids": [Command.set(self.theme_email.ids)],
                    },
                    **values,
                )
            )
        )

    def test_recorded_with_the_defaults(self):
        session = self._session()
        self.assertEqual(session.user_id, self.mediator)
        self.assertEqual(session.place_id, self.place)
        self.assertEqual(session.duration, 30)
        self.assertEqual(session.place_kind, "lieu_activite")
        self.assertFalse(session.redirected)
        self.assertEqual(self.alice.parcours_last_contact_date, fields.Date.today())

    def test_sent_on_to_another_structure(self):
        session = self._session(
            redirected=True,
            redirection_kind="aide_demarches",
            redirection_structure="France Services Crest",
        )
        self.assertTrue(session.redirected)
        with self.assertRefused(ValidationError, "which kind of structure"):
            self._session(redirected=True)

    def test_bad_values_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._session(duration=0)
        session = self._session()
        with self.assertRefused(ValidationError, "more than 0"):
            session.write({"duration": 0})
        with self.assertRefused(ValidationError, "in the future"):
            self._session(date=fields.Datetime.now() + timedelta(days=2))
        with self.assertRefused(ValidationError, "at least one theme"):
            self._session(theme_ids=[])

    def test_own_place_only(self):
        with self.assertRaises(AccessError):
            self._session(partner_id=self.other.id)
        session = self._session()
        with self.assertRaises(AccessError):
            session.with_user(self.mediator2).read(["duration"])
        with self.assertRaises(AccessError):
            session.with_user(self.mediator2).write({"duration": 45})
        with self.assertRaises(UserError):
            self._session(place_id=self.place2.id)
        # The back office reads them; the accountant and operators do not.
        self.assertEqual(
            session.with_user(self.officer).read(["duration"])[0]["duration"], 30
        )
        for user in (self.accountant, self.esat_user, self.pihc_user):
            with self.assertRaises(AccessError):
                self.env["parcours.support.session"].with_user(user).search([])

    def test_anonymisation_wipes_the_training_notes(self):
        session = self._session(note="Difficultés avec sa banque en ligne")
        registration = self._register(self._workshop(), self.alice)
        self.alice._parcours_anonymise()
        self.env.invalidate_all()
        self.assertFalse(session.note)
        self.assertTrue(self.alice.parcours_anonymised)
        self.assertEqual(registration.name, self.alice.name)
        self.assertNotIn("Alice", registration.name)
        self.assertFalse(registration.phone)
