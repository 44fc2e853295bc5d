# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestBilling(ParcoursCase):
    """The département's manager bills each partner for a period's work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # March 2025: ESAT triages 3 devices (1 fails) and dismantles the reject;
        # PIHC refurbishes the 2 others. April 2025: ESAT triages 2 more.
        with freeze_time("2025-03-10 10:00:00"):
            cls.march_lot = cls._received_lot(3, prefix="BM")
            cls.march_triage = cls._triage(cls.march_lot, failed=(0,))
            # A triage started and cancelled the same month is not billed.
            cls.cancelled_lot = cls._received_lot(2, prefix="BX")
            cls.cancelled_lot.action_start_triage()
            cls.cancelled_triage = cls.cancelled_lot.work_order_ids
            cls.cancelled_triage.action_start()
            cls.cancelled_triage.line_ids.write(
                {"result": "pass", "employee_id": cls.esat_worker.id}
            )
            cls.cancelled_triage.action_cancel()
        devices = cls.march_lot.device_ids.sorted("name")
        with freeze_time("2025-03-20 10:00:00"):
            cls.march_dismantle = cls.env["parcours.work.order"].create(
                {
                    "work_type": "dismantle",
                    "organisation_id": cls.esat.id,
                    "donation_lot_id": cls.march_lot.id,
                    "employee_id": cls.esat_worker.id,
                    "line_ids": [Command.create({"lot_id": devices[0].id})],
                    "fraction_ids": [
                        Command.create(
                            {
                                "material": "metal",
                                "weight": 1.0,
                                "channel_id": cls.channel_metal.id,
                            }
                        )
                    ],
                }
            )
            cls.march_dismantle.action_start()
            cls.march_dismantle.action_done()
        with freeze_time("2025-03-31 16:00:00"):
            cls._send(devices[1:], cls.pihc)
            cls.march_refurbish = cls._refurbish_order(devices[1:])
            cls.march_refurbish.action_done()
        with freeze_time("2025-04-01 08:00:00"):
            cls.april_lot = cls._received_lot(2, prefix="BA")
            cls.april_triage = cls._triage(cls.april_lot)
        cls.march_lines = (
            cls.march_triage.line_ids
            | cls.march_dismantle.line_ids
            | cls.march_refurbish.line_ids
        )
        cls.Bill = cls.env["account.move"]

    # ---------------------------------------------------------------- helpers
    def _wizard(self, **values):
        return (
            self.env["parcours.partner.bill.wizard"]
            .with_user(self.manager)
            .create(values)
        )

    def _bills(self, action):
        return self.Bill.browse(action["domain"][0][2])

    def _our_bills(self):
        return self.Bill.search(
            [
                ("move_type", "=", "in_invoice"),
                (
                    "partner_id",
                    "in",
                    (self.esat | self.esat2 | self.pihc).partner_id.ids,
                ),
            ]
        )

    def _invoice_lines(self, bill):
        return [
            (line.product_id.default_code, line.quantity, line.price_unit)
            for line in bill.invoice_line_ids.sorted(
                lambda line: line.product_id.default_code
            )
        ]

    # ------------------------------------------------------------------ bills
    @freeze_time("2025-04-05 10:00:00")
    def test_one_bill_per_organisation_for_last_month(self):
        wizard = self._wizard()
        # By default the wizard bills last month.
        self.assertEqual(wizard.date_from, fields.Date.to_date("2025-03-01"))
        self.assertEqual(wizard.date_to, fields.Date.to_date("2025-03-31"))
        bills = self._bills(wizard.action_create_bills())

        self.env.invalidate_all()
        self.assertEqual(bills, self._our_bills())
        self.assertEqual(len(bills), 2)
        esat_bill = bills.filtered(lambda b: b.partner_id == self.esat.partner_id)
        pihc_bill = bills.filtered(lambda b: b.partner_id == self.pihc.partner_id)
        for bill in (esat_bill, pihc_bill):
            self.assertRecordValues(
                bill,
                [
                    {
                        "move_type": "in_invoice",
                        "state": "draft",
                        "invoice_date": fields.Date.to_date("2025-03-31"),
                        "currency_id": self.env.company.currency_id.id,
                    }
                ],
            )
            self.assertIn("2025-03-01 - 2025-03-31", bill.ref)
        # One invoice line per kind of work: devices counted, unit price applied.
        self.assertEqual(
            self._invoice_lines(esat_bill),
            [("PNS-DISMANTLE", 1.0, 12.0), ("PNS-TRIAGE", 3.0, 8.0)],
        )
        self.assertEqual(esat_bill.amount_untaxed, 36.0)
        self.assertEqual(self._invoice_lines(pihc_bill), [("PNS-REFURBISH", 2.0, 45.0)])
        self.assertEqual(pihc_bill.amount_untaxed, 90.0)
        self.assertIn(
            "Triage of 3 devices",
            esat_bill.invoice_line_ids.filtered(
                lambda line: line.product_id.default_code == "PNS-TRIAGE"
            ).name,
        )

        # Each billed work line points to its bill; the rest is left for later.
        self.assertEqual(
            (self.march_triage | self.march_dismantle).line_ids.bill_id, esat_bill
        )
        self.assertEqual(self.march_refurbish.line_ids.bill_id, pihc_bill)
        self.assertFalse(self.april_triage.line_ids.bill_id)
        self.assertFalse(self.cancelled_triage.line_ids.bill_id)

    @freeze_time("2025-04-05 10:00:00")
    def test_billing_again_bills_nothing_new(self):
        self._wizard().action_create_bills()
        bills = self._our_bills()
        with self.assertRaises(UserError) as caught:
            self._wizard().action_create_bills()
        self.assertIn(
            "No validated work left to bill between 2025-03-01 and 2025-03-31",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(self._our_bills(), bills)
        self.assertEqual(len(self.march_lines.bill_id), 2)

    def test_a_deleted_draft_bill_frees_its_work(self):
        action = self._wizard(
            date_from="2025-03-01", date_to="2025-03-31"
        ).action_create_bills()
        bills = self._bills(action)
        esat_bill = bills.filtered(lambda b: b.partner_id == self.esat.partner_id)
        esat_bill.with_user(self.manager).unlink()
        self.env.invalidate_all()
        self.assertFalse(self.march_triage.line_ids.bill_id)

        again = self._bills(
            self._wizard(
                date_from="2025-03-01", date_to="2025-03-31"
            ).action_create_bills()
        )
        self.assertEqual(again.partner_id, self.esat.partner_id)
        self.assertEqual(
            self._invoice_lines(again),
            [("PNS-DISMANTLE", 1.0, 12.0), ("PNS-TRIAGE", 3.0, 8.0)],
        )

    def test_missing_unit_price_bills_nobody(self):
        with freeze_time("2025-03-15 10:00:00"):
            lot = self._received_lot(2, prefix="BD", workshop=self.esat2)
            self._triage(lot, worker=self.esat2_worker)
        wizard = self._wizard(date_from="2025-03-01", date_to="2025-03-31")
        with self.assertRaises(UserError) as caught:
            wizard.action_create_bills()
        message = str(caught.exception)
        self.assertIn("Set a unit price for ESAT Test Die / Triage", message)
        self.assertNotIn("ESAT Test Valence", message)

        self.env.invalidate_all()
        self.assertFalse(
            self._our_bills(), "no partner is billed, not even ESAT Valence"
        )
        self.assertFalse(self.march_lines.bill_id)
        self.assertFalse(lot.work_order_ids.line_ids.bill_id)

        # With its price set, the other workshop is billed in its turn.
        self.env["parcours.unit.price"].with_user(self.manager).create(
            {"organisation_id": self.esat2.id, "work_type": "triage", "price": 7.5}
        )
        bills = self._bills(wizard.action_create_bills())
        esat2_bill = bills.filtered(lambda b: b.partner_id == self.esat2.partner_id)
        self.assertEqual(self._invoice_lines(esat2_bill), [("PNS-TRIAGE", 2.0, 7.5)])
        self.assertEqual(len(bills), 3)

    def test_work_outside_the_period_is_not_billed(self):
        bills = self._bills(
            self._wizard(
                date_from="2025-04-01", date_to="2025-04-30"
            ).action_create_bills()
        )
        self.assertEqual(bills.partner_id, self.esat.partner_id)
        self.assertEqual(self._invoice_lines(bills), [("PNS-TRIAGE", 2.0, 8.0)])
        self.env.invalidate_all()
        self.assertEqual(self.april_triage.line_ids.bill_id, bills)
        self.assertFalse(self.march_lines.bill_id)

        # The last day of the period counts: work validated on March 31st.
        bills = self._bills(
            self._wizard(
                date_from="2025-03-31", date_to="2025-03-31"
            ).action_create_bills()
        )
        self.assertEqual(bills.partner_id, self.pihc.partner_id)
        self.assertEqual(self._invoice_lines(bills), [("PNS-REFURBISH", 2.0, 45.0)])

    def test_bill_only_the_chosen_organisations(self):
        wizard = self._wizard(
            date_from="2025-03-01",
            date_to="2025-03-31",
            organisation_ids=[Command.set(self.pihc.ids)],
        )
        bills = self._bills(wizard.action_create_bills())
        self.assertEqual(bills.partner_id, self.pihc.partner_id)
        self.env.invalidate_all()
        self.assertFalse(self.march_triage.line_ids.bill_id)

    def test_period_ending_before_it_starts(self):
        wizard = self._wizard(date_from="2025-03-31", date_to="2025-03-01")
        with self.assertRaises(UserError) as caught:
            wizard.action_create_bills()
        self.assertIn("The period ends before it starts", str(caught.exception))
        self.env.invalidate_all()
        self.assertFalse(self._our_bills())
        self.assertFalse(self.march_lines.bill_id)

    def test_accountant_cannot_create_bills(self):
        with self.assertRaises(AccessError):
            self.env["parcours.partner.bill.wizard"].with_user(self.accountant).create(
                {"date_from": "2025-03-01", "date_to": "2025-03-31"}
            )
        self.env.invalidate_all()
        self.assertFalse(self._our_bills())
        self.assertFalse(self.march_lines.bill_id)
        # The accountant still reads the work lines to check the bills.
        self.assertEqual(
            self.env["parcours.work.order.line"]
            .with_user(self.accountant)
            .search_count([("id", "in", self.march_lines.ids)]),
            6,
        )

    def test_billing_is_a_model_method_for_managers(self):
        """The remote client and the demo bill through the model, not the wizard."""
        Line = self.env["parcours.work.order.line"]
        for user in (self.officer, self.esat_user, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Line.with_user(user).parcours_create_bills("2025-03-01", "2025-03-31")
        self.env.invalidate_all()
        self.assertFalse(self._our_bills())
        bill_ids = Line.with_user(self.manager).parcours_create_bills(
            "2025-03-01", "2025-03-31", [self.pihc.id]
        )
        self.env.invalidate_all()
        bills = self.Bill.browse(bill_ids)
        self.assertEqual(bills.partner_id, self.pihc.partner_id)
        self.assertEqual(self.march_refurbish.line_ids.bill_id, bills)
        self.assertFalse(self.march_triage.line_ids.bill_id)
