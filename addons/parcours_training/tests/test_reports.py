# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestTrainingReports(TrainingCase):
    """National export, attendance certificate, training analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice.write(
            {
                "parcours_gender": "feminin",
                "parcours_age_band": "40_59",
                "parcours_social_status": "sans_emploi",
                "parcours_insee_code": "26108",
            }
        )
        cls.bruno.write({"parcours_gender": "masculin", "parcours_insee_code": "26017"})
        with freeze_time("2026-04-14 12:00:00"):
            cls.april = cls._workshop(
                begin=datetime(2026, 4, 14, 8, 0), name='=HYPERLINK("x")'
            )
            cls.reg_alice, cls.reg_bruno, cls.reg_chantal = cls._register(
                cls.april, cls.alice | cls.bruno | cls.chantal
            )
            (cls.reg_alice | cls.reg_bruno).with_user(cls.mediator).action_set_done()
            cls.reg_chantal.with_user(cls.mediator).action_parcours_absent()
            cls.session = (
                cls.env["parcours.support.session"]
                .with_user(cls.mediator)
                .create(
                    {
                        "partner_id": cls.alice.id,
                        "date": datetime(2026, 4, 10, 9, 0),
                        "duration": 45,
                        "theme_ids": [Command.set(cls.theme_email.ids)],
                        "autonomy": "partiellement_autonome",
                        "redirected": True,
                        "redirection_kind": "aide_demarches",
                        "redirection_structure": "France Services Crest",
                    }
                )
            )
            other = cls._workshop(user=cls.mediator2, begin=datetime(2026, 4, 13, 8, 0))
            cls._register(other, cls.other, user=cls.mediator2).with_user(
                cls.mediator2
            ).action_set_done()

    def _export(self, user, **values):
        export = (
            self.env["parcours.activity.export"]
            .with_user(user)
            .create(
                dict(
                    {"date_from": date(2026, 4, 1), "date_to": date(2026, 4, 30)},
                    **values,
                )
            )
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render("parcours_training.report_activity_xlsx", export.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def test_national_export(self):
        sheet = self._export(self.mediator)
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(
            header,
            (
                "Activity",
                "Type",
                "Date",
                "Duration (minutes)",
                "Third place",
                "Kind of place",
                "Themes",
                "Level",
                "Autonomy",
                "Sent on to",
                "Workshop title",
                "Gender",
                "Age band",
                "Social status",
                "INSEE code",
            ),
        )
        body = rows[1:]
        # Two attended the workshop (not the absent one), one individual session;
        # the other third place's workshop is not the mediator's.
        self.assertEqual(len(body), 3)
        workshop_rows = [row for row in body if row[1] == "Collective workshop"]
        self.assertEqual(len(workshop_rows), 2)
        alice_row = next(row for row in workshop_rows if row[14] == "26108")
        self.assertEqual(alice_row[2], "14/04/2026")
        self.assertEqual(alice_row[3], "120")
        self.assertEqual(alice_row[6], "Getting to grips with the equipment")
        self.assertEqual(alice_row[7], "Beginner")
        self.assertEqual(alice_row[10], '=HYPERLINK("x")')
        self.assertEqual(
            alice_row[11:], ("Female", "40 - 59", "Without a job", "26108")
        )
        session_row = next(row for row in body if row[1] == "Individual support")
        self.assertEqual(session_row[3], "45")
        self.assertEqual(session_row[6], "E-mail")
        self.assertEqual(session_row[8], "Took part in the support")
        self.assertEqual(
            session_row[9], "Help with online procedures (France Services...)"
        )
        # No name, no contact, no eligibility criterion, and no formula.
        text = " ".join(str(value) for row in rows for value in row if value)
        for secret in ("Alice", "Bruno", "Chantal", "RSA", "France Services Crest"):
            self.assertNotIn(secret, text)
        for row in sheet.iter_rows():
            for cell in row:
                self.assertIn(cell.data_type, ("s", "n"))
                if cell.value is not None:
                    self.assertEqual(cell.data_type, "s")

    def test_national_export_of_the_back_office(self):
        sheet = self._export(self.officer)
        self.assertEqual(sheet.max_row, 1 + 4)
        sheet = self._export(self.officer, place_id=self.place2.id)
        self.assertEqual(sheet.max_row, 1 + 1)

    def test_export_period_checked(self):
        export = (
            self.env["parcours.activity.export"]
            .with_user(self.mediator)
            .create({"date_from": date(2026, 4, 30), "date_to": date(2026, 4, 1)})
        )
        with self.assertRefused(UserError, "correct the dates"):
            export.action_export()

    def test_attendance_certificate(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.mediator)
            ._render_qweb_html(
                "parcours_training.report_attendance_certificate", self.alice.ids
            )[0]
            .decode()
        )
        self.assertIn("Alice Training", html)
        self.assertIn(self.place.name, html)
        self.assertIn("HYPERLINK", html)
        self.assertIn("02:00", html)
        action = self.reg_alice.with_user(
            self.mediator
        ).action_parcours_print_certificate()
        self.assertEqual(
            action["report_name"], "parcours_training.report_attendance_certificate"
        )

    def test_training_analysis(self):
        Report = self.env["parcours.training.report"].with_user(self.officer)
        groups = Report.read_group(
            [("event_id", "=", self.april.id)],
            [
                "trained_partner_id:count_distinct",
                "hours:sum",
                "attendance_rate:avg",
                "registration_count:sum",
            ],
            ["place_id"],
        )
        self.assertEqual(len(groups), 1)
        group = groups[0]
        self.assertEqual(group["trained_partner_id"], 2)
        self.assertEqual(group["hours"], 4.0)
        self.assertEqual(group["registration_count"], 3)
        self.assertAlmostEqual(group["attendance_rate"], 200 / 3)
        mine = self.env["parcours.training.report"].with_user(self.mediator).search([])
        self.assertEqual(mine.place_id, self.place)
