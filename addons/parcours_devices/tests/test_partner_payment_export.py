# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io
import zipfile

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestPartnerPaymentExport(ParcoursCase):
    """March 2025: ESAT triages 3 laptops, PIHC refurbishes 2; the manager bills
    March. April: ESAT triages 2 more, not billed yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2025-03-10 10:00:00"):
            lot = cls._received_lot(3, prefix="PAY-M")
            cls._triage(lot)
        with freeze_time("2025-03-25 10:00:00"):
            cls._send(lot.device_ids[:2], cls.pihc)
            cls._refurbish_order(lot.device_ids[:2]).action_done()
        with freeze_time("2025-04-08 10:00:00"):
            cls._triage(cls._received_lot(2, prefix="PAY-A"))
        cls.bills = (
            cls.env["parcours.work.order.line"]
            .with_user(cls.manager)
            ._parcours_create_bills(
                datetime.date(2025, 3, 1),
                datetime.date(2025, 3, 31),
                cls.esat | cls.pihc,
            )
        )
        cls.esat_bill = cls.bills.filtered(
            lambda bill: bill.partner_id == cls.esat.partner_id
        )
        cls.pihc_bill = cls.bills - cls.esat_bill
        # A new price after the March bill: March keeps the price billed.
        cls.env["parcours.unit.price"].search(
            [("organisation_id", "=", cls.esat.id), ("work_type", "=", "triage")]
        ).price = 9.0

    def _export(self, user, **values):
        wizard = (
            self.env["parcours.partner.payment.wizard"]
            .with_user(user)
            .create(
                dict(
                    {
                        "date_from": datetime.date(2025, 3, 1),
                        "date_to": datetime.date(2025, 4, 30),
                        "organisation_ids": [(6, 0, (self.esat | self.pihc).ids)],
                    },
                    **values,
                )
            )
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render("parcours_devices.report_partner_payments_xlsx", wizard.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return content

    def test_units_prices_amounts_and_bills(self):
        content = self._export(self.accountant)
        book = openpyxl.load_workbook(io.BytesIO(content))
        summary, detail = book.worksheets
        self.assertEqual(
            summary["A1"].value, "Partner payments from 2025-03-01 to 2025-04-30"
        )
        self.assertEqual(
            [cell.value for cell in summary[3]],
            [
                "Partner",
                "Work",
                "Units",
                "Unit price",
                "Amount",
                "Vendor bill",
                "Bill date",
            ],
        )
        self.assertEqual(
            list(summary.iter_rows(min_row=4, values_only=True)),
            [
                (
                    "ESAT Test Valence",
                    "Triage",
                    3,
                    8.0,
                    24.0,
                    self.esat_bill.name,
                    "2025-03-31",
                ),
                ("ESAT Test Valence", "Triage", 2, 9.0, 18.0, "Not billed yet", None),
                (
                    "PIHC Test",
                    "Refurbishment",
                    2,
                    45.0,
                    90.0,
                    self.pihc_bill.name,
                    "2025-03-31",
                ),
                ("Total", None, None, None, 132.0, None, None),
            ],
        )
        rows = list(detail.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 7)
        self.assertEqual([row[0] for row in rows], sorted(row[0] for row in rows))
        self.assertEqual(
            sorted(
                (row[4], row[2], row[5], row[6])
                for row in rows
                if row[1] == "PIHC Test"
            ),
            [
                ("PAY-M00000", "Refurbishment", 45.0, self.pihc_bill.name),
                ("PAY-M00001", "Refurbishment", 45.0, self.pihc_bill.name),
            ],
        )
        self.assertEqual(
            sorted(row[4] for row in rows if row[6] == "Not billed yet"),
            ["PAY-A00000", "PAY-A00001"],
        )

    def test_formulas_are_neutralised(self):
        self.esat.name = '=HYPERLINK("http://example.com","click")'
        content = self._export(self.manager)
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
        ]
        names = [cell for cell in cells if cell.value == self.esat.name]
        self.assertTrue(names)
        self.assertEqual({cell.data_type for cell in names}, {"s"})
        self.assertNotIn("f", {cell.data_type for cell in cells})
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    self.assertNotIn(b"<f>", archive.read(name))

    def test_batches_read_every_record_once_in_order(self):
        Line = self.env["parcours.work.order.line"]
        domain = [("lot_id.name", "=like", "PAY-%"), ("state", "=", "done")]
        seen = []
        for batch in self.env["parcours.report.xlsx"]._parcours_batches(
            Line, domain, order_field="date", size=2
        ):
            self.assertLessEqual(len(batch), 2)
            seen.extend((line.date, line.id) for line in batch)
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(len(seen), Line.search_count(domain))

    def test_only_the_back_office_exports_partner_payments(self):
        for user in (self.esat_user, self.pihc_user, self.officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._export(user)
