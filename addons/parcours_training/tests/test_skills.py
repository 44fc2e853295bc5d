# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestSkills(TrainingCase):
    """The skills grid, 0 to 3, before and after a workshop type."""

    def _assess(self, partner, moment, levels, day, user=None, event_type=None):
        assessment = (
            self.env["parcours.skill.assessment"]
            .with_user(user or self.mediator)
            .create(
                {
                    "partner_id": partner.id,
                    "event_type_id": (event_type or self.getting_started).id,
                    "moment": moment,
                    "date": day,
                }
            )
        )
        for line in assessment.line_ids:
            line.level = levels.get(line.skill_id, line.level)
        return assessment

    def test_grid_of_the_workshop_type(self):
        assessment = self._assess(self.alice, "before", {}, date(2026, 3, 1))
        self.assertEqual(
            assessment.line_ids.skill_id, self.getting_started.parcours_skill_ids
        )
        self.assertEqual(set(assessment.line_ids.mapped("level")), {0})
        self.assertEqual(assessment.place_id, self.place)

    def test_level_outside_0_3_refused(self):
        assessment = self._assess(self.alice, "before", {}, date(2026, 3, 1))
        line = assessment.line_ids[0]
        with self.assertRefused(ValidationError, "between 0"):
            line.write({"level": 4})
        with self.assertRefused(ValidationError, "between 0"):
            line.write({"level": -1})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            assessment.write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "skill_id": self.env.ref(
                                    "parcours_training.skill_smartphone"
                                ).id,
                                "level": 7,
                            }
                        )
                    ]
                }
            )
        self.env.invalidate_all()
        self.assertEqual(line.level, 0)

    def test_progression_per_person_and_counts(self):
        computer = self.env.ref("parcours_training.skill_computer")
        internet = self.env.ref("parcours_training.skill_internet")
        office = self.env.ref("parcours_training.skill_office")
        self._assess(self.alice, "before", {computer: 0, internet: 1}, date(2026, 3, 1))
        self._assess(
            self.alice,
            "after",
            {computer: 2, internet: 1, office: 1},
            date(2026, 3, 29),
        )
        self._assess(self.bruno, "before", {computer: 1}, date(2026, 3, 2))
        self._assess(self.bruno, "after", {computer: 3}, date(2026, 3, 30))
        # Only a "before" for Chantal: no progression yet.
        self._assess(self.chantal, "before", {computer: 1}, date(2026, 3, 2))
        Progression = self.env["parcours.skill.progression"].with_user(self.mediator)
        alice = Progression.search([("partner_id", "=", self.alice.id)])
        self.assertEqual(
            {(p.skill_id, p.level_before, p.level_after, p.progress) for p in alice},
            {(computer, 0, 2, 2), (internet, 1, 1, 0), (office, 0, 1, 1)},
        )
        self.assertFalse(Progression.search([("partner_id", "=", self.chantal.id)]))
        self.assertEqual(
            self.alice.with_user(self.mediator).parcours_progression_ids, alice
        )
        # The back office reads counts, by place, type, month and skill.
        Summary = self.env["parcours.skill.progression.summary"].with_user(self.officer)
        rows = Summary.search(
            [("place_id", "=", self.place.id), ("skill_id", "=", computer.id)]
        )
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.month, date(2026, 3, 1))
        self.assertEqual(rows.people_count, 2)
        self.assertEqual(rows.progressed_count, 2)
        self.assertEqual(rows.levels_gained, 4)
        self.assertNotIn("partner_id", Summary._fields)
        # Not the people nor their levels.
        for model in (
            "parcours.skill.progression",
            "parcours.skill.assessment",
            "parcours.skill.assessment.line",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.officer).search([])

    def test_assessment_dates(self):
        self._assess(self.alice, "before", {}, date(2026, 3, 10))
        with self.assertRefused(ValidationError, "dated before the one before"):
            self._assess(self.alice, "after", {}, date(2026, 3, 9))
        # The "before" of a type must not follow the first workshop of that type.
        with freeze_time("2026-03-05 12:00:00"):
            workshop = self._workshop(begin=datetime(2026, 3, 5, 9, 0))
            self._register(workshop, self.bruno).with_user(
                self.mediator
            ).action_set_done()
        with self.assertRefused(ValidationError, "already came to workshop"):
            self._assess(self.bruno, "before", {}, date(2026, 3, 6))
        self.assertTrue(self._assess(self.bruno, "before", {}, date(2026, 3, 5)))

    def test_one_assessment_per_moment(self):
        self._assess(self.alice, "before", {}, date(2026, 3, 1))
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._assess(self.alice, "before", {}, date(2026, 3, 2))

    def test_other_place_person_refused(self):
        with self.assertRaises(AccessError):
            self._assess(self.other, "before", {}, date(2026, 3, 1))
        mine = self._assess(self.alice, "before", {}, date(2026, 3, 1))
        with self.assertRaises(AccessError):
            mine.with_user(self.mediator2).read(["date"])
        with self.assertRaises(AccessError):
            mine.line_ids[0].with_user(self.mediator2).write({"level": 3})
        with self.assertRaises(AccessError):
            self.env["parcours.skill.assessment"].with_user(self.accountant).search([])
        # The third place is the person's, never typed.
        with self.assertRaises(UserError):
            self.env["parcours.skill.assessment"].with_user(self.mediator).create(
                {
                    "partner_id": self.alice.id,
                    "event_type_id": self.email_type.id,
                    "place_id": self.place2.id,
                }
            )
