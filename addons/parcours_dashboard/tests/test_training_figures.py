# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.parcours_training.tests.common import TrainingCase

from . import test_dashboards
from .test_activity_report import MONTHS

TRAINING = test_dashboards.DASHBOARDS[3]


@tagged("post_install", "-at_install")
class TestTrainingFigures(TrainingCase):
    """2018, a year no other data reaches, counted by hand.

    March 6: a 2-hour workshop, Alice comes, Bruno is absent. April 10: a
    3-hour workshop, Alice and Chantal come. April 17: a 2-hour workshop where
    nobody comes (Bruno absent): not held. Alice was assessed on March 5 and
    Chantal on April 9 (all skills at 0), both again on April 20: Alice gained
    2 levels in the first skill and 1 in the second, Chantal 1 in the first.

    People trained: 2 (1 in March, 2 in April); attendances 3; hours of
    training 2 + 2 × 3 = 8; workshops held 2, 5 hours; skills assessed before
    and after: 2 people × the workshop type's skills; levels gained 4.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.skills = cls.getting_started.parcours_skill_ids.sorted("sequence")
        cls._assess(cls.alice, "before", {}, date(2018, 3, 5))
        cls._assess(cls.chantal, "before", {}, date(2018, 4, 9))
        for day, hours, present, absent in (
            (date(2018, 3, 6), 2, cls.alice, cls.bruno),
            (date(2018, 4, 10), 3, cls.alice | cls.chantal, None),
            (date(2018, 4, 17), 2, None, cls.bruno),
        ):
            with freeze_time(cls._at(day, 10 + hours)):
                workshop = cls._workshop(
                    name=f"Workshop 2018 {day}",
                    begin=cls._at(day, 9),
                    date_end=cls._at(day, 9 + hours),
                )
                if present:
                    cls._register(workshop, present).action_set_done()
                if absent:
                    cls._register(workshop, absent).action_parcours_absent()
        first, second = cls.skills[:2]
        cls._assess(cls.alice, "after", {first: 2, second: 1}, date(2018, 4, 20))
        cls._assess(cls.chantal, "after", {first: 1}, date(2018, 4, 20))

    @classmethod
    def _assess(cls, partner, moment, levels, day):
        assessment = (
            cls.env["parcours.skill.assessment"]
            .with_user(cls.mediator)
            .create(
                {
                    "partner_id": partner.id,
                    "event_type_id": cls.getting_started.id,
                    "moment": moment,
                    "date": day,
                }
            )
        )
        for line in assessment.line_ids:
            line.level = levels.get(line.skill_id, line.level)
        return assessment

    def test_dashboard_figures(self):
        # The dashboard's own evaluation of its Data sheet, for 2018.
        dashboards = test_dashboards.TestDashboards("_kpis")
        dashboards.env, dashboards.officer = self.env, self.officer
        kpis = dashboards._kpis(TRAINING, (date(2018, 1, 1), date(2018, 12, 31)))
        skills = len(self.skills)
        self.assertGreaterEqual(skills, 2)
        self.assertEqual(
            kpis,
            {
                "People trained": 2,
                "Workshop hours": 5.0,
                "Workshops held": 2,
                "Attendances": 3,
                "Hours of training": 8.0,
                "Skills assessed before and after": 2 * skills,
                "Levels gained": 4,
            },
        )
        data = dashboards._data(self.env.ref(TRAINING))
        cells = data["sheets"][1]["cells"]
        self.assertEqual(cells["A8"]["content"], '=_t("Average skills gain (levels)")')
        self.assertEqual(cells["B8"]["content"], "=IFERROR(ROUND(B7/B6,2),0)")
        scorecards = {
            figure["data"]["title"]["text"]: figure["data"]["keyValue"]
            for figure in data["sheets"][0]["figures"]
            if figure["data"]["type"] == "scorecard"
        }
        self.assertEqual(
            scorecards,
            {
                "People trained": "Data!B1",
                "Workshop hours": "Data!B2",
                "Hours of training": "Data!B5",
                "Average skills gain": "Data!B8",
            },
        )
        # Each figure opens its records: the pivots' actions show the same.
        self.assertEqual(
            {pivot["model"]: pivot["actionXmlId"] for pivot in data["pivots"].values()},
            {
                "parcours.training.report": (
                    "parcours_training.parcours_training_report_action"
                ),
                "event.event": "parcours_training.event_event_action_parcours",
                "parcours.skill.progression.summary": (
                    "parcours_training.parcours_skill_progression_summary_action"
                ),
            },
        )

    def test_activity_report_training_sheet(self):
        wizard = (
            self.env["parcours.activity.report.wizard"]
            .with_user(self.officer)
            .create({"year": 2018})
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render("parcours_dashboard.report_activity_xlsx", wizard.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Training"]
        rows = list(sheet.iter_rows(values_only=True))
        skills = len(self.skills)
        self.assertEqual(rows[0][0], "Training - 2018")
        self.assertEqual(
            rows[2],
            (
                "Month",
                "People trained",
                "Attendances",
                "Hours of training",
                "Workshops held",
                "Workshop hours",
                "Skills assessed before and after",
                "Levels gained",
            ),
        )
        expected = {3: (1, 1, 2, 1, 2, 0, 0), 4: (2, 2, 6, 1, 3, 2 * skills, 4)}
        for index, month in enumerate(MONTHS):
            self.assertEqual(
                rows[3 + index],
                (month.replace("2019", "2018"), *expected.get(index + 1, (0,) * 7)),
                month,
            )
        # The year counts each person once.
        self.assertEqual(rows[15], ("Year", 2, 3, 8, 2, 5, 2 * skills, 4))
        self.assertEqual(
            rows[17][:2], ("Average skills gain (levels)", round(4 / (2 * skills), 2))
        )
        # Every text cell is text, no formula, no name.
        names = {"Alice Training", "Bruno Training", "Chantal Training"}
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f")
                self.assertNotIn(cell.value, names)
                if isinstance(cell.value, str):
                    self.assertEqual(cell.data_type, "s")
