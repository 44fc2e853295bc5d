# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
from datetime import datetime, timedelta

from odoo import fields

from odoo.addons.parcours_beneficiaries.tests.common import BeneficiaryCase


class TrainingCase(BeneficiaryCase):
    """Two third places with a mediator each, workshop types, people of each place."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.getting_started = ref("parcours_training.event_type_getting_started")
        cls.email_type = ref("parcours_training.event_type_email_accounts")
        cls.theme_email = ref("parcours_training.event_tag_theme_email")
        cls.env.company.write(
            {"parcours_training_gate": "none", "parcours_pass_value": 10.0}
        )
        cls.alice = cls._beneficiary("Alice Training", user=cls.mediator)
        cls.bruno = cls._beneficiary("Bruno Training", user=cls.mediator)
        cls.chantal = cls._beneficiary("Chantal Training", user=cls.mediator)
        cls.other = cls._beneficiary(
            "Odile Other Place", place=cls.place2, user=cls.mediator2
        )

    # ---------------------------------------------------------------- helpers
    @classmethod
    def _workshop(cls, user=None, event_type=None, begin=None, seats=None, **values):
        """A workshop of ``user``'s third place (a past one by default)."""
        user = user or cls.mediator
        vals = dict(
            {
                "name": "Workshop Test",
                "event_type_id": (event_type or cls.getting_started).id,
                "date_begin": begin or fields.Datetime.now() - timedelta(hours=3),
            },
            **values,
        )
        if seats:
            vals["seats_max"] = seats
        return cls.env["event.event"].with_user(user).create(vals)

    @classmethod
    def _register(cls, workshop, partners, user=None):
        return (
            cls.env["event.registration"]
            .with_user(user or cls.mediator)
            .create(
                [
                    {"event_id": workshop.id, "partner_id": partner.id}
                    for partner in partners
                ]
            )
        )

    @contextlib.contextmanager
    def assertRefused(self, exception, text):
        """``assertRaises`` (its savepoint rolls the refused write back), and the
        message says ``text``."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    @staticmethod
    def _at(day, hour=10):
        return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
