# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.tests import tagged

from .common import TrainingCase

EXPORT = "parcours_beneficiaries.report_partner_data_xlsx"


@tagged("post_install", "-at_install")
class TestPersonalData(TrainingCase):
    """The right of access covers what the training holds on a person."""

    def test_the_export_lists_workshops_and_support_sessions(self):
        workshop = self._workshop(name="Premiers pas Test")
        registration = self._register(workshop, self.alice)
        registration.with_user(self.mediator).action_set_done()
        self.env["parcours.support.session"].with_user(self.mediator).create(
            {
                "partner_id": self.alice.id,
                "duration": 45,
                "theme_ids": [(6, 0, self.theme_email.ids)],
            }
        )
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render(EXPORT, self.alice.ids, {})
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertIn("Workshops", book.sheetnames)
        workshops = list(book["Workshops"].iter_rows(values_only=True))
        self.assertEqual(workshops[1][0], "Premiers pas Test")
        self.assertEqual(workshops[1][2], self.place.name)
        sessions = list(book["Support sessions"].iter_rows(values_only=True))
        self.assertEqual(sessions[1][1], 45)
        self.assertEqual(
            len(list(book["Skills assessments"].iter_rows())), 1, "a header only"
        )
