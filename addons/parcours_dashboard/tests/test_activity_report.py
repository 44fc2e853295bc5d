# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.parcours_beneficiaries.tests.common import BeneficiaryCase

MONTHS = [
    f"{month} 2019"
    for month in (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
]


@tagged("post_install", "-at_install")
class TestActivityReport(BeneficiaryCase):
    """2019, a year no other data reaches, counted by hand.

    March: ESAT receives 3 laptops; one fails triage and is dismantled (1 kg of
    metal, 0.5 kg of plastics). April: PIHC refurbishes the 2 others and sends
    them to the third place. May: two residents of Crest sign and pay 25 € each
    and take their laptop home. June: the slip of May is remitted.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2019-03-11 10:00:00"):
            lot = cls._received_lot(3, prefix="AR19-")
            cls._triage(lot, failed=(0,))
            devices = lot.device_ids.sorted("name")
            cls._dismantle(
                devices[0],
                ("metal", 1.0, cls.channel_metal),
                (
                    "plastic",
                    0.5,
                    cls.env.ref("parcours_devices.recycling_channel_plastic"),
                ),
            )
        with freeze_time("2019-04-09 10:00:00"):
            cls._send(devices[1:], cls.pihc)
            cls._refurbish_order(devices[1:]).action_done()
            cls._send(devices[1:], cls.place)
        with freeze_time("2019-05-14 10:00:00"):
            for name, device in (("Ada 2019", devices[1]), ("Basile 2019", devices[2])):
                agreement = cls._signed_agreement(
                    partner=cls._beneficiary(name=name), device=device
                )
                agreement._parcours_register_payment("cash")
                agreement.action_handover()
        with freeze_time("2019-06-03 09:00:00"):
            slip = cls.env["parcours.remittance"].create(
                {
                    "place_id": cls.place.id,
                    "date_from": "2019-05-01",
                    "date_to": "2019-05-31",
                }
            )
            slip.action_collect()
            slip.action_remit()

    def _book(self, user=None, year=2019):
        user = user or self.officer
        wizard = (
            self.env["parcours.activity.report.wizard"]
            .with_user(user)
            .create({"year": year})
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render("parcours_dashboard.report_activity_xlsx", wizard.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    def _sheet_rows(self, sheet):
        return list(sheet.iter_rows(values_only=True))

    def _monthly(self, rows, start, expected, width):
        """The 12 month rows from ``start`` and the total row, cell by cell."""
        for index, month in enumerate(MONTHS):
            values = expected.get(index + 1, (0,) * width)
            self.assertEqual(rows[start + index][: width + 1], (month, *values), month)

    def test_one_sheet_per_theme(self):
        book = self._book()
        self.assertEqual(
            book.sheetnames,
            [
                "Devices",
                "Recycling",
                "Work",
                "Loans",
                "Contributions",
                "Beneficiaries",
                "Environment",
                "Training",
            ],
        )
        for sheet in book.worksheets:
            self.assertEqual(sheet["A1"].value, f"{sheet.title} - 2019")

    def test_devices_by_month(self):
        rows = self._sheet_rows(self._book()["Devices"])
        self.assertEqual(
            rows[2],
            (
                "Month",
                "Collected",
                "Refurbished",
                "Ready to lend in a third place",
                "Recycled",
                "Lent",
                "All steps",
            ),
        )
        self._monthly(
            rows,
            3,
            {3: (3, 0, 0, 1, 0, 4), 4: (0, 2, 2, 0, 0, 4), 5: (0, 0, 0, 0, 2, 2)},
            6,
        )
        self.assertEqual(rows[15], ("Total", 3, 2, 2, 1, 2, 10))
        self.assertEqual(rows[17][:2], ("Yearly target (devices)", 500))
        # The stage of every device now: the whole base, as the dashboard shows it.
        stages = dict(
            self.env["parcours.device.report"]._read_group([], ["stage"], ["__count"])
        )
        labels = dict(
            self.env["parcours.device.report"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        self.assertEqual(rows[19][:2], ("Stage of every device now", "Devices"))
        table = {row[0]: row[1] for row in rows[20:] if row[0] and row[0] != "Total"}
        self.assertEqual(
            table, {labels[stage]: count for stage, count in stages.items()}
        )

    def test_recycling_work_and_environment_by_month(self):
        book = self._book()
        rows = self._sheet_rows(book["Recycling"])
        self.assertEqual(rows[2][:3], ("Month", "Metals (kg)", "Plastics (kg)"))
        self.assertEqual(rows[3 + 2][:3], ("March 2019", 1, 0.5))
        self.assertEqual(rows[15][0], "Total")
        self.assertEqual(rows[15][-1], 1.5)
        self.assertEqual(
            rows[17:20],
            [
                ("Recycling channel", "Weight (kg)") + (None,) * 8,
                ("Metals", 1) + (None,) * 8,
                ("Plastics", 0.5) + (None,) * 8,
            ],
        )
        rows = self._sheet_rows(book["Work"])
        self.assertEqual(
            rows[2],
            (
                "Month",
                "Supported worker (ESAT) (h)",
                "Worker in insertion (h)",
                "Supervising staff (h)",
                "Volunteer (h)",
                "All (h)",
            ),
        )
        self._monthly(rows, 3, {3: (0.75, 0, 0, 0, 0.75), 4: (0, 6, 0, 0, 6)}, 5)
        self.assertEqual(
            rows[17:20],
            [
                (
                    "Partner",
                    "Supported worker (ESAT) (h)",
                    "Worker in insertion (h)",
                    "Supervising staff (h)",
                    "Volunteer (h)",
                    None,
                ),
                ("ESAT Test Valence", 0.75, 0, 0, 0, None),
                ("PIHC Test", 0, 6, 0, 0, None),
            ],
        )
        rows = self._sheet_rows(book["Environment"])
        # 2 laptops x 2 years of use x 27 kg CO2e and x 127 kg of raw materials
        self._monthly(rows, 3, {4: (2, 2 * 2 * 27, 2 * 2 * 127)}, 3)
        self.assertTrue(rows[17][0].startswith("Method (ADEME)"))

    def test_loans_contributions_and_beneficiaries_by_month(self):
        book = self._book()
        rows = self._sheet_rows(book["Loans"])
        self.assertEqual(rows[2], ("Loans started", "Tiers-lieu Test", "All places"))
        self._monthly(rows, 3, {5: (2, 2)}, 2)
        self.assertEqual(rows[15], ("Total", 2, 2))
        Loan = self.env["parcours.loan.report"]
        self.assertEqual(
            rows[17:21],
            [
                ("Loans now", "Loans", None),
                ("Active", Loan.search_count([("state", "=", "active")]), None),
                (
                    "Ending within 60 days",
                    Loan.search_count([("ending_soon", "=", True)]),
                    None,
                ),
                (
                    "Past their term",
                    Loan.search_count([("past_term", "=", True)]),
                    None,
                ),
            ],
        )
        rows = self._sheet_rows(book["Contributions"])
        self.assertEqual(
            rows[2],
            (
                "Month",
                "Due (€)",
                "Collected (€)",
                "Waived (count)",
                "Remitted (€)",
                "Collected, not remitted (€)",
            ),
        )
        self._monthly(rows, 3, {5: (50, 50, 0, 0, 0), 6: (0, 0, 0, 50, 0)}, 5)
        self.assertEqual(rows[15], ("Total", 50, 50, 0, 50, 0))
        rows = self._sheet_rows(book["Beneficiaries"])
        self.assertEqual(rows[2][0], "First device by commune")
        self.assertEqual(rows[3], ("Crest", 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2))
        self.assertEqual(rows[4][0], "Total")

    def test_no_name_and_no_social_criterion(self):
        book = self._book()
        values = {
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }
        forbidden = set(
            self.env["res.partner"]
            .search([("parcours_is_beneficiary", "=", True)])
            .mapped("name")
        )
        forbidden |= set(
            self.env["parcours.eligibility.criterion"].search([]).mapped("name")
        )
        Partner = self.env["res.partner"]
        for name in ("parcours_income_bracket", "parcours_prescriber_kind"):
            forbidden |= {
                label
                for __, label in Partner._fields[name]._description_selection(self.env)
            }
        self.assertFalse(values & forbidden)
        self.assertNotIn(
            "f",
            {
                cell.data_type
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for cell in row
            },
        )

    def test_formulas_are_neutralised(self):
        self.place.name = "=1+1"
        sheet = self._book()["Loans"]
        self.assertEqual((sheet["B3"].value, sheet["B3"].data_type), ("=1+1", "s"))

    def test_back_office_only(self):
        for user in (self.mediator, self.accountant, self.esat_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._book(user=user)
