# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ContributionCase


@tagged("post_install", "-at_install")
class TestLoansApi(ContributionCase):
    """What the loans add to the remote client's API, as each role calls it."""

    def _api(self, user):
        return self.env["parcours.api"].with_user(user)

    def _book(self, result):
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(result["content"])))

    def test_the_remittance_slips_of_a_month(self):
        self._remittance(self.mediator).action_collect()
        # the other place's slip of the month, nothing collected there yet
        self._remittance(self.mediator2, place=self.place2)
        mediator = self._api(self.mediator)
        self.assertIn("remittance", [k["kind"] for k in mediator.export_kinds()])
        result = mediator.export(kind="remittance", period="2025-03")
        self.assertEqual(result["filename"], "bordereaux-2025-03.xlsx")
        book = self._book(result)
        # her own place's slip only: one sheet, with Alice's receipt
        self.assertEqual(len(book.worksheets), 1)
        cells = {
            str(cell)
            for row in book.worksheets[0].iter_rows(values_only=True)
            for cell in row
            if cell
        }
        self.assertIn(self.alice.name, cells)
        accountant = self._api(self.accountant).export(
            kind="remittance", period="2025-03"
        )
        self.assertEqual(len(self._book(accountant).worksheets), 2)

    def test_a_month_without_slip_says_so(self):
        result = self._api(self.accountant).export(kind="remittance", period="2024-01")
        [sheet] = self._book(result).worksheets
        self.assertIn("No remittance slip", sheet["A1"].value)

    def test_operators_have_no_slip_to_download(self):
        api = self._api(self.esat_user)
        self.assertNotIn("remittance", [k["kind"] for k in api.export_kinds()])
        with self.assertRaises(AccessError):
            api.export(kind="remittance", period="2025-03")

    def test_loan_figures_for_the_back_office(self):
        figures = self._api(self.officer).dashboard()
        loans = {f["label"]: f["value"] for f in figures if f["section"] == "Loans"}
        active = self.env["parcours.loan.agreement"].search_count(
            [("state", "=", "active")]
        )
        self.assertEqual(loans["Active loans"], active)
        mediator = self._api(self.mediator).dashboard()
        self.assertFalse([f for f in mediator if f["section"] == "Loans"])
