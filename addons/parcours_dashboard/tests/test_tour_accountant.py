# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.parcours_beneficiaries.tests.common import BeneficiaryCase


@tagged("post_install", "-at_install", "parcours_tour")
class TestAccountantTour(HttpCase, BeneficiaryCase):
    """The accountant's day: the invoices to check, the hours, a slip, and the
    social data they are refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        # A contribution not paid yet: its invoice is to check.
        cls.unpaid = cls._signed_agreement(cls._beneficiary(name="Zoé Tour Comptable"))
        # A contribution paid in cash, on the slip of the month.
        cls.paid = cls._signed_agreement(cls._beneficiary(name="Yves Tour Comptable"))
        cls.paid._parcours_register_payment("cash")
        cls.paid.action_handover()
        cls.slip = (
            cls.env["parcours.remittance"]
            .with_user(cls.officer)
            .create(
                {
                    "place_id": cls.place.id,
                    "date_from": today.replace(day=1),
                    "date_to": today,
                }
            )
        )
        cls.slip.action_collect()
        # The ESAT's triage of the month, billed by a manager: a draft bill.
        cls.bill = (
            cls.env["parcours.work.order.line"]
            .with_user(cls.manager)
            ._parcours_create_bills(today.replace(day=1), today, cls.esat)
        )

    def test_accountant_tour(self):
        self.assertEqual(self.bill.state, "draft")
        self.assertEqual(self.unpaid.invoice_id.payment_state, "not_paid")
        # Read the addons' static paths once here (see parcours_devices' tour).
        self.assertIn("parcours_dashboard", http.root.statics)
        self.start_tour("/odoo", "parcours_accountant_tour", login="accountant")
        # A read-only day: nothing changed, and what the tour downloaded holds
        # the month's figures.
        self.assertEqual(self.bill.state, "draft")
        self.assertEqual(self.unpaid.invoice_id.payment_state, "not_paid")
        lines = self.env["parcours.work.order.line"].search(
            [("bill_id", "=", self.bill.id)]
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render("parcours_devices.report_hours_xlsx", lines.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        values = {
            cell
            for sheet in openpyxl.load_workbook(io.BytesIO(content)).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        }
        self.assertIn("ESAT Test Valence", values)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render("parcours_beneficiaries.report_remittance_xlsx", self.slip.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        with self.assertRaises(AccessError):
            self.env["parcours.eligibility.criterion"].with_user(
                self.accountant
            ).search([])
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.accountant).browse(
                self.unpaid.partner_id.id
            ).read(["parcours_criterion_ids"])
