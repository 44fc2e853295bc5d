# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from odoo.addons.parcours_training.tests.common import TrainingCase


@tagged("post_install", "-at_install", "parcours_tour")
class TestDashboardTour(HttpCase, TrainingCase):
    """The département's day: from the dashboards to the records behind a
    figure, then the partner bills of last month.

    Billing the partners is the département managers' step (the server holds
    it), so the tour runs as a manager, a département officer who also bills.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        # A workshop of the year at the test third place, Alice came.
        workshop = cls._workshop(
            name="Workshop Officer Tour",
            begin=now - timedelta(hours=3),
            date_end=now - timedelta(hours=1),
        )
        cls._register(workshop, cls.alice).action_set_done()
        # The ESAT triaged two laptops last month: the work to bill.
        today = fields.Date.context_today(cls.env.user)
        cls.period_end = today.replace(day=1) - timedelta(days=1)
        cls.period_start = cls.period_end.replace(day=1)
        with freeze_time(cls.period_start + timedelta(days=9)):
            lot = cls._received_lot(2, prefix="TOFF-")
            cls._triage(lot)
        cls.work = lot.work_order_ids.line_ids

    def test_dashboard_tour(self):
        self.assertFalse(self.work.bill_id)
        # Read the addons' static paths once here (see parcours_devices' tour).
        self.assertIn("parcours_dashboard", http.root.statics)
        self.start_tour("/odoo", "parcours_dashboard_tour", login="manager")
        bill = self.work.bill_id
        self.assertEqual(len(bill), 1)
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "state": "draft",
                    "partner_id": self.esat.partner_id.id,
                    "invoice_date": self.period_end,
                    "amount_untaxed": 16.0,
                }
            ],
        )
        self.assertRecordValues(
            bill.invoice_line_ids, [{"quantity": 2.0, "price_unit": 8.0}]
        )
