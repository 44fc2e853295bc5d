# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TrainingCase

TRAINING_MODELS = (
    "event.event",
    "event.registration",
    "parcours.support.session",
    "parcours.pass",
    "parcours.pass.claim",
    "parcours.skill.assessment",
    "parcours.skill.progression",
    "parcours.skill.progression.summary",
    "parcours.training.report",
)


@tagged("post_install", "-at_install")
class TestTrainingAccess(TrainingCase):
    """Each mediator their own place; operators nothing; the accountant money."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls._workshop()
        cls.registration = cls._register(cls.workshop, cls.alice)
        cls.workshop2 = cls._workshop(user=cls.mediator2)
        cls.registration2 = cls._register(cls.workshop2, cls.other, user=cls.mediator2)
        for user, partner in ((cls.mediator, cls.alice), (cls.mediator2, cls.other)):
            cls.env["parcours.support.session"].with_user(user).create(
                {
                    "partner_id": partner.id,
                    "theme_ids": [Command.set(cls.theme_email.ids)],
                }
            )
            cls.env["parcours.skill.assessment"].with_user(user).create(
                {
                    "partner_id": partner.id,
                    "event_type_id": cls.getting_started.id,
                    "date": date(2026, 1, 5),
                }
            )
        cls.voucher = (
            cls.env["parcours.pass"]
            .with_user(cls.mediator)
            .create({"name": "ACCESS-1", "registration_id": cls.registration.id})
        )
        cls.voucher2 = (
            cls.env["parcours.pass"]
            .with_user(cls.mediator2)
            .create({"name": "ACCESS-2", "registration_id": cls.registration2.id})
        )

    def test_mediator_sees_own_place_only(self):
        for model in TRAINING_MODELS:
            records = self.env[model].with_user(self.mediator).search([])
            places = (
                records.mapped("parcours_place_id")
                if "parcours_place_id" in records._fields
                else records.mapped("place_id")
            )
            self.assertLessEqual(places, self.place, model)
        self.assertEqual(
            self.env["event.event"].with_user(self.mediator).search([]), self.workshop
        )
        for record in (self.workshop2, self.registration2, self.voucher2):
            with self.assertRaises(AccessError):
                record.with_user(self.mediator).read(["display_name"])
        with self.assertRaises(AccessError):
            self.workshop2.with_user(self.mediator).write({"name": "Taken over"})
        with self.assertRaises(AccessError):
            self.registration2.with_user(self.mediator).action_cancel()
        self.env.invalidate_all()
        self.assertEqual(self.workshop2.name, "Workshop Test")
        self.assertEqual(self.registration2.state, "open")

    def test_workshop_cannot_be_moved_out_of_reach(self):
        with self.assertRaises(Exception):  # noqa: B017 - AccessError or UserError
            self.workshop.with_user(self.mediator).write(
                {"parcours_place_id": self.place2.id}
            )
        self.env.invalidate_all()
        self.assertEqual(self.workshop.parcours_place_id, self.place)

    def test_operators_see_none_of_it(self):
        for user in (self.esat_user, self.pihc_user, self.place_user):
            for model in TRAINING_MODELS:
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.env[model].with_user(user).search([])

    def test_accountant_sees_passes_and_claims_not_skills(self):
        Pass = self.env["parcours.pass"].with_user(self.accountant)
        self.assertEqual(
            Pass.search([]) & (self.voucher | self.voucher2),
            self.voucher | self.voucher2,
        )
        values = self.voucher.with_user(self.accountant).read(
            ["name", "value", "event_id", "place_id"]
        )[0]
        self.assertEqual(values["value"], 10.0)
        self.assertEqual(values["event_id"][0], self.workshop.id)
        with self.assertRaises(AccessError):
            self.voucher.with_user(self.accountant).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.voucher.with_user(self.accountant).read(["registration_id"])
        self.assertTrue(
            self.env["parcours.pass.claim"].with_user(self.accountant).search_count([])
            >= 0
        )
        with self.assertRaises(AccessError):
            self.voucher.with_user(self.accountant).write({"value": 1})
        for model in (
            "parcours.skill.assessment",
            "parcours.skill.progression",
            "parcours.skill.progression.summary",
            "event.registration",
            "parcours.support.session",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.accountant).search([])
        with self.assertRaises(AccessError):
            self.alice.with_user(self.accountant).read(["parcours_gender"])
        # A search on a field the accountant cannot read is refused too.
        with self.assertRaises(AccessError):
            Pass.search([("partner_id.name", "=", "Alice Training")])

    def test_officer_follows_every_place(self):
        for model in (
            "event.event",
            "event.registration",
            "parcours.support.session",
            "parcours.pass",
            "parcours.training.report",
        ):
            records = self.env[model].with_user(self.officer).search([])
            self.assertTrue(records, model)
        self.assertIn(
            self.workshop2, self.env["event.event"].with_user(self.officer).search([])
        )
