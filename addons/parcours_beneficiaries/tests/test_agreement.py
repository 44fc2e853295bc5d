# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BeneficiaryCase

PAID = ("paid", "in_payment")


class LoanFlowMixin:
    """Steps of a loan, each run by the mediator of the third place."""

    def _allocate(self, partner=None, device=None, name="Jeanne Test"):
        partner = partner or self._beneficiary(name=name, user=self.mediator)
        application = self._waiting_application(partner, user=self.mediator)
        wizard = (
            self.env["parcours.allocation.wizard"]
            .with_user(self.mediator)
            .with_context(default_application_id=application.id)
            .create({"lot_id": device.id} if device else {})
        )
        action = wizard.action_allocate()
        return (
            self.env["parcours.loan.agreement"]
            .with_user(self.mediator)
            .browse(action["res_id"])
        )

    def _sign(self, agreement):
        agreement.write(
            {"signature_date": fields.Date.today(), "witness_id": self.mediator.id}
        )
        agreement.action_sign()
        return agreement

    def _pay(self, agreement, method="cash"):
        return (
            self.env["parcours.contribution.wizard"]
            .with_user(self.mediator)
            .create(
                {
                    "agreement_id": agreement.id,
                    "method": method,
                    "cheque_number": "1234567",
                    "cheque_bank": "Banque Test",
                    "cheque_drawer": "Tireur Test",
                }
            )
            .action_confirm()
        )

    def _lend(self, partner=None, device=None, name="Jeanne Test"):
        """Allocated, signed, paid and handed over."""
        agreement = self._sign(
            self._allocate(partner=partner, device=device, name=name)
        )
        self._pay(agreement)
        agreement.action_handover()
        return agreement

    def _invoices(self, agreement):
        return self.env["account.move"].search(
            [("parcours_agreement_id", "=", agreement.id)]
        )

    def _payments(self, partner):
        return self.env["account.payment"].search([("partner_id", "=", partner.id)])


@tagged("post_install", "-at_install")
class TestAgreement(LoanFlowMixin, BeneficiaryCase):
    """The loan agreement: signature, 25 € contribution, handover and term."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lent = cls.env.ref("parcours_beneficiaries.stock_location_lent")
        cls.lost = cls.env.ref("parcours_beneficiaries.stock_location_lost")

    def _moves_of(self, device, location_dest):
        return self.env["stock.move.line"].search_count(
            [("lot_id", "=", device.id), ("location_dest_id", "=", location_dest.id)]
        )

    # ------------------------------------------------------------------ dates
    def test_end_date_is_start_plus_the_configured_duration(self):
        with freeze_time("2026-03-15"):
            agreement = self._allocate()
        self.assertRecordValues(
            agreement,
            [
                {
                    "start_date": date(2026, 3, 15),
                    "duration_months": 24,
                    "end_date": date(2028, 3, 15),
                    "amount": 25.0,
                }
            ],
        )
        self.assertRegex(agreement.name, r"^CMD/2026/\d{4}$")
        agreement.start_date = date(2028, 2, 29)
        self.assertEqual(agreement.end_date, date(2030, 2, 28))
        agreement.duration_months = 36
        self.assertEqual(agreement.end_date, date(2031, 2, 28))

        self.env.company.parcours_loan_months = 12
        with freeze_time("2026-03-15"):
            shorter = self._allocate(name="Jean Court")
        self.assertEqual(
            (shorter.duration_months, shorter.end_date), (12, date(2027, 3, 15))
        )

    def test_a_loan_ends_after_it_starts(self):
        with freeze_time("2026-03-15"):
            agreement = self._allocate()
        for end in (date(2026, 3, 14), date(2026, 3, 15)):
            with self.subTest(end=end):
                with self.assertRaises(ValidationError) as caught:
                    agreement.end_date = end
                message = str(caught.exception)
                self.assertIn(f"Agreement {agreement.name} ends on {end}", message)
                self.assertIn("correct the dates", message)
                self.env.invalidate_all()
                self.assertEqual(agreement.end_date, date(2028, 3, 15))

    def test_the_contribution_cannot_be_negative(self):
        agreement = self._allocate()
        # Even a write with every right is checked: the database's own checks.
        with self.assertRaises(ValidationError) as caught:
            agreement.sudo().amount = -5
        message = str(caught.exception)
        self.assertIn(
            f"The contribution of agreement {agreement.name} cannot be negative",
            message,
        )
        self.assertIn("ask the back office to waive it", message)
        self.env.invalidate_all()
        self.assertEqual(agreement.amount, 25.0)

    def test_the_mediator_cannot_change_the_contribution(self):
        """Setting 0 € on a draft would sign without invoice: refused."""
        agreement = self._allocate()
        with self.assertRaises(UserError) as caught:
            agreement.write({"amount": 0})
        self.assertIn(
            "Contribution can only be changed by the steps", str(caught.exception)
        )
        # The related field of the collection dialog does not write it either.
        self.env["parcours.contribution.wizard"].with_user(self.mediator).create(
            {"agreement_id": agreement.id, "amount": 0}
        ).write({"amount": 0})
        for step in (
            agreement.action_change_contribution,
            lambda: agreement._parcours_set_contribution(0, "No money"),
        ):
            with self.assertRaises(AccessError):
                step()
        self.env.invalidate_all()
        self.assertEqual(agreement.amount, 25.0)
        self._sign(agreement)
        self.assertEqual(self._invoices(agreement).amount_total, 25.0)

    def test_the_back_office_sets_another_contribution(self):
        agreement = self._allocate()
        as_officer = agreement.with_user(self.officer)
        action = as_officer.action_change_contribution()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer)
            .with_context(**action["context"])
            .create({"reason": "   "})
        )
        self.assertEqual(wizard.amount, 25.0)
        for amount, reason, expected in (
            (0, "No income", "waive it instead"),
            (-5, "No income", "waive it instead"),
            (10, "   ", "Write why the contribution changes"),
        ):
            with self.subTest(amount=amount, reason=reason):
                wizard.write({"amount": amount, "reason": reason})
                with self.assertRaises(UserError) as caught:
                    wizard.action_confirm()
                self.assertIn(expected, str(caught.exception))
                self.env.invalidate_all()
                self.assertEqual(agreement.amount, 25.0)

        wizard.write({"amount": 10, "reason": "Reduced rate of the CCAS"})
        wizard.action_confirm()
        self.env.invalidate_all()
        self.assertEqual(agreement.amount, 10.0)
        self.assertIn("Reduced rate of the CCAS", agreement.sudo().message_ids[:1].body)
        self._sign(agreement)
        self.assertEqual(self._invoices(agreement).amount_total, 10.0)
        # Signed: the amount is part of the agreement.
        with self.assertRaises(UserError) as caught:
            as_officer._parcours_set_contribution(5, "Changed my mind")
        self.assertIn("this step needs it to be Draft", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(agreement.amount, 10.0)

    # -------------------------------------------------------------- signature
    def test_signing_needs_a_date_and_a_witness(self):
        agreement = self._allocate()
        for values in (
            {"signature_date": False, "witness_id": self.mediator.id},
            {"signature_date": fields.Date.today(), "witness_id": False},
        ):
            with self.subTest(values=values):
                agreement.write(values)
                with self.assertRaises(UserError) as caught:
                    agreement.action_sign()
                self.assertIn(
                    "Fill in the signature date and the witness of agreement "
                    f"{agreement.name}",
                    str(caught.exception),
                )
                self.env.invalidate_all()
                self.assertEqual(agreement.state, "draft")
                self.assertEqual(len(self._invoices(agreement)), 0)

    def test_signing_creates_exactly_one_posted_invoice(self):
        with freeze_time("2026-03-15"):
            agreement = self._sign(self._allocate())
        self.env.invalidate_all()
        invoice = self._invoices(agreement)
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.sudo().invoice_id, invoice)
        self.assertRecordValues(
            invoice,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "partner_id": agreement.partner_id.id,
                    "amount_total": 25.0,
                    "invoice_date": date(2026, 3, 15),
                    "invoice_origin": agreement.name,
                    "payment_state": "not_paid",
                }
            ],
        )
        serial = agreement.sudo().lot_id.name
        self.assertEqual(
            invoice.invoice_line_ids.product_id,
            self.env.ref("parcours_beneficiaries.product_contribution"),
        )
        self.assertIn(serial, invoice.invoice_line_ids.name)
        self.assertEqual(agreement.payment_state, "not_paid")

        with self.assertRaises(UserError) as caught:
            agreement.action_sign()
        self.assertIn(
            f"Agreement {agreement.name} is Signed: this step needs it to be Draft",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(len(self._invoices(agreement)), 1)

    def test_the_database_refuses_a_second_invoice_for_an_agreement(self):
        agreement = self._sign(self._allocate())
        values = {
            "move_type": "out_invoice",
            "partner_id": agreement.partner_id.id,
            "parcours_agreement_id": agreement.id,
            "invoice_line_ids": [
                Command.create(
                    {"name": "Second contribution", "quantity": 1, "price_unit": 25}
                )
            ],
        }
        with self.env.cr.savepoint():
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.ExclusionViolation),
            ):
                self.env["account.move"].create(values)
                self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(len(self._invoices(agreement)), 1)

        # A cancelled invoice does not count: the agreement can be invoiced again.
        invoice = self._invoices(agreement)
        invoice.button_draft()
        invoice.button_cancel()
        self.env.flush_all()
        self.env["account.move"].create(values)
        self.env.flush_all()
        self.assertEqual(len(self._invoices(agreement)), 2)

    # ---------------------------------------------------------------- payment
    def test_the_mediator_collects_the_contribution_in_the_cash_office(self):
        journal = self.place.journal_id
        self.assertEqual(journal.type, "cash")
        self.assertIn("Tiers-lieu Test", journal.name)
        self.assertTrue(self.place2.journal_id)
        self.assertNotEqual(self.place2.journal_id, journal)

        with freeze_time("2026-03-15"):
            agreement = self._sign(self._allocate())
            action = self._pay(agreement, method="cheque")
        self.assertEqual(
            action["report_name"], "parcours_beneficiaries.report_contribution_receipt"
        )
        self.env.invalidate_all()
        invoice = self._invoices(agreement)
        payment = self._payments(agreement.partner_id)
        self.assertRecordValues(
            payment,
            [
                {
                    "journal_id": journal.id,
                    "amount": 25.0,
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "date": date(2026, 3, 15),
                    "memo": "Cheque",
                }
            ],
        )
        self.assertEqual(payment.invoice_ids, invoice)
        self.assertIn(invoice.payment_state, PAID)
        self.assertIn(agreement.payment_state, PAID)
        self.assertEqual(agreement.contribution_method, "cheque")

        with self.assertRaises(UserError) as caught:
            self._pay(agreement)
        self.assertIn(
            f"The contribution of agreement {agreement.name} is already paid",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(len(self._payments(agreement.partner_id)), 1)
        self.assertEqual(agreement.contribution_method, "cheque")

    def test_no_payment_without_a_cash_office(self):
        agreement = self._sign(self._allocate())
        self.place.journal_id = False
        with self.assertRaises(UserError) as caught:
            self._pay(agreement)
        message = str(caught.exception)
        self.assertIn("Tiers-lieu Test has no cash office journal", message)
        self.assertIn("ask the back office", message)
        self.env.invalidate_all()
        self.assertEqual(len(self._payments(agreement.partner_id)), 0)
        self.assertFalse(agreement.contribution_method)
        self.assertEqual(self._invoices(agreement).payment_state, "not_paid")

    # --------------------------------------------------------------- handover
    def test_no_handover_before_payment(self):
        agreement = self._sign(self._allocate())
        device = agreement.sudo().lot_id
        with self.assertRaises(UserError) as caught:
            agreement.action_handover()
        message = str(caught.exception)
        self.assertIn(
            f"The 25 € contribution of agreement {agreement.name} is not paid", message
        )
        self.assertIn("collect it before handing over the device", message)
        self.assertIn("ask the back office to waive it", message)
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.application_id.state, "allocated")
        self.assertFalse(agreement.delivery_picking_id)
        self.assertEqual(device.parcours_stage, "reserved")
        self.assertEqual(device.location_id, self.place.location_id)
        self.assertEqual(self._moves_of(device, self.lent), 0)

    def test_the_back_office_waives_the_contribution(self):
        agreement = self._sign(self._allocate())
        agreement.waiver_reason = "Emergency housing, no income"
        with self.assertRaises(UserError) as caught:
            agreement.action_waive()
        self.assertIn(
            "Only the département's back office can waive a contribution",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertFalse(agreement.waived)

        as_officer = agreement.with_user(self.officer)
        as_officer.waiver_reason = "  "
        with self.assertRaises(UserError) as caught:
            as_officer.action_waive()
        self.assertIn(
            f"Write why the contribution of {agreement.name} is waived first",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertFalse(agreement.waived)

        as_officer.waiver_reason = "Emergency housing, no income"
        as_officer.action_waive()
        agreement.action_handover()
        self.env.invalidate_all()
        self.assertTrue(agreement.waived)
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.sudo().lot_id.parcours_stage, "lent")
        self.assertEqual(len(self._payments(agreement.partner_id)), 0)

    def test_a_waived_contribution_leaves_no_open_receivable(self):
        """The back office waived the 25 €: nobody may be asked to pay them."""
        signed = self._sign(self._allocate(name="Signed Then Waived"))
        draft = self._allocate(name="Waived Then Signed")
        for agreement in signed + draft:
            agreement.with_user(self.officer).write({"waiver_reason": "No income"})
            agreement.with_user(self.officer).action_waive()
        self._sign(draft)
        self.env.invalidate_all()
        for agreement in signed + draft:
            with self.subTest(agreement=agreement.partner_id.name):
                open_invoices = self._invoices(agreement).filtered(
                    lambda m: m.state == "posted" and m.payment_state == "not_paid"
                )
                self.assertFalse(
                    open_invoices,
                    "a waived contribution must not stay due in the accounts",
                )

    def test_handover_lends_the_device(self):
        with freeze_time("2026-03-15"):
            agreement = self._lend()
        self.env.invalidate_all()
        device = agreement.sudo().lot_id
        picking = agreement.delivery_picking_id.sudo()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.application_id.state, "handed_over")
        self.assertEqual(device.parcours_stage, "lent")
        self.assertEqual(device.location_id, self.lent)
        self.assertFalse(device.parcours_holder_id)
        self.assertRecordValues(
            picking,
            [
                {
                    "state": "done",
                    "location_id": self.place.location_id.id,
                    "location_dest_id": self.lent.id,
                    "origin": agreement.name,
                }
            ],
        )
        self.assertEqual(picking.move_line_ids.lot_id, device)
        self.assertEqual(
            agreement.partner_id.parcours_last_contact_date, date(2026, 3, 15)
        )

    # ------------------------------------------------------------------ term
    def test_a_returned_device_must_be_erased_again_before_a_new_loan(self):
        agreement = self._lend()
        device = agreement.sudo().lot_id
        agreement.action_return()

        self.env.invalidate_all()
        self.assertRecordValues(
            agreement, [{"state": "ended", "end_reason": "returned"}]
        )
        self.assertEqual(device.parcours_stage, "returned")
        self.assertEqual(device.location_id, self.pihc.location_id)
        self.assertRecordValues(
            agreement.return_picking_id.sudo(),
            [
                {
                    "state": "done",
                    "location_id": self.lent.id,
                    "location_dest_id": self.pihc.location_id.id,
                }
            ],
        )

        # Not proposed, and refused if forced.
        application = self._waiting_application(
            self._beneficiary(name="Next One", user=self.mediator), user=self.mediator
        )
        self.assertNotIn(device, application._proposed_devices())
        with self.assertRaises(UserError) as caught:
            application._parcours_allocate(device)
        self.assertIn(
            f"Device {device.name} is not a ready Laptop", str(caught.exception)
        )
        self.env.invalidate_all()
        self.assertEqual(application.state, "waiting")
        self.assertEqual(
            self.env["parcours.loan.agreement"].search_count(
                [("lot_id", "=", device.id)]
            ),
            1,
        )

        # The refurbisher cannot make it ready without a new erasure.
        order = (
            self.env["parcours.work.order"]
            .with_user(self.pihc_user)
            .create(
                {
                    "work_type": "refurbish",
                    "organisation_id": self.pihc.id,
                    "line_ids": [Command.create({"lot_id": device.id})],
                }
            )
        )
        order.action_start()
        line = order.line_ids
        line.write(
            dict(
                {name: True for name in line._applicable_tests()},
                employee_id=self.pihc_worker.id,
                duration=1.0,
                os_installed="Linux Mint 22",
                grade="b",
            )
        )
        self.assertEqual(
            len(device.parcours_erasure_ids), 1, "the first erasure is kept"
        )
        with self.assertRaises(UserError) as caught:
            order.action_done()
        message = str(caught.exception)
        self.assertIn(
            f"Device {device.name} in work order {order.name} is not finished", message
        )
        self.assertIn("record the erasure of each storage device", message)
        self.env.invalidate_all()
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(device.parcours_stage, "refurbishing")

        self._complete_refurbish_line(line)
        order.action_done()
        self.env.invalidate_all()
        self.assertEqual(device.parcours_stage, "ready")
        self.assertEqual(len(device.parcours_erasure_ids), 2)

        # Back at the third place, it is lent again.
        self._send(device, self.place)
        self.assertIn(device, application._proposed_devices())
        second = application._parcours_allocate(device)
        self.assertEqual(second.state, "draft")
        self.assertEqual(device.parcours_stage, "reserved")

    def test_lost_or_stolen_devices_leave_stock(self):
        for index, (declare, reason) in enumerate(
            (("action_declare_lost", "lost"), ("action_declare_stolen", "stolen"))
        ):
            with self.subTest(reason=reason):
                agreement = self._lend(
                    device=self.devices[index], name=f"Victim {reason}"
                )
                getattr(agreement, declare)()
                self.env.invalidate_all()
                device = self.devices[index]
                self.assertRecordValues(
                    agreement, [{"state": "lost", "end_reason": reason}]
                )
                self.assertEqual(device.parcours_stage, "lost")
                self.assertEqual(device.location_id, self.lost)
                self.assertEqual(agreement.return_picking_id.sudo().state, "done")
                in_stock = self.env["stock.quant"].search_count(
                    [
                        ("lot_id", "=", device.id),
                        ("location_id.usage", "=", "internal"),
                        ("quantity", ">", 0),
                    ]
                )
                self.assertEqual(in_stock, 0)

    def test_renewal_continues_the_loan_of_the_same_device(self):
        with freeze_time("2026-03-15"):
            old = self._lend()
        device = old.sudo().lot_id
        with freeze_time("2028-03-01"):
            action = old.action_renew()
        renewal = (
            self.env["parcours.loan.agreement"]
            .with_user(self.mediator)
            .browse(action["res_id"])
        )
        self.env.invalidate_all()
        self.assertRecordValues(old, [{"state": "ended", "end_reason": "renewed"}])
        self.assertFalse(old.return_picking_id)
        self.assertRecordValues(
            renewal,
            [
                {
                    "state": "draft",
                    "lot_id": device.id,
                    "partner_id": old.partner_id.id,
                    "application_id": old.application_id.id,
                    "renewed_from_id": old.id,
                    "start_date": date(2028, 3, 15),
                    "end_date": date(2030, 3, 15),
                    "amount": 25.0,
                    "waived": False,
                    "term_reminder_sent": False,
                }
            ],
        )
        self.assertNotEqual(renewal.name, old.name)
        self.assertFalse(renewal.sudo().invoice_id)
        # The device stays with the beneficiary.
        self.assertEqual(device.parcours_stage, "lent")
        self.assertEqual(device.location_id, self.lent)

        with freeze_time("2028-03-15"):
            self._sign(renewal)
            self._pay(renewal)
            renewal.action_handover()
        self.env.invalidate_all()
        self.assertEqual(renewal.state, "active")
        self.assertFalse(renewal.delivery_picking_id, "the device did not move")
        self.assertEqual(len(self._invoices(renewal)), 1)
        self.assertEqual(self._moves_of(device, self.lent), 1)

    def test_cancelling_a_renewal_keeps_the_device_on_loan(self):
        """The beneficiary changes their mind: the device must stay accounted for."""
        with freeze_time("2026-03-15"):
            old = self._lend()
        device = old.sudo().lot_id
        with freeze_time("2028-03-01"):
            renewal = (
                self.env["parcours.loan.agreement"]
                .with_user(self.mediator)
                .browse(old.action_renew()["res_id"])
            )
            renewal.action_cancel()
        self.env.invalidate_all()
        self.assertEqual(renewal.state, "cancel")
        self.assertEqual(device.parcours_stage, "lent")
        # Some agreement still covers the device, so it can be returned at term.
        self.assertEqual(old.state, "active")
        old.action_return()
        self.assertEqual(device.parcours_stage, "returned")

    def test_renewal_follows_the_settings(self):
        agreement = self._lend()
        self.env.company.parcours_allow_renewal = False
        with self.assertRaises(UserError) as caught:
            agreement.action_renew()
        self.assertIn("do not allow renewing a loan", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "active")
        self.assertFalse(agreement.end_reason)
        self.assertEqual(
            self.env["parcours.loan.agreement"].search_count(
                [("lot_id", "=", agreement.sudo().lot_id.id)]
            ),
            1,
        )

    def test_only_an_active_loan_is_renewed(self):
        agreement = self._sign(self._allocate())
        with self.assertRaises(UserError) as caught:
            agreement.action_renew()
        self.assertIn(
            f"Agreement {agreement.name} is Signed: this step needs it to be Active",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(
            self.env["parcours.loan.agreement"].search_count(
                [("renewed_from_id", "=", agreement.id)]
            ),
            0,
        )

    def test_ownership_transfer_follows_the_settings(self):
        agreement = self._lend()
        self.assertFalse(self.env.company.parcours_allow_ownership)
        with self.assertRaises(UserError) as caught:
            agreement.action_transfer_ownership()
        self.assertIn("do not allow transferring the ownership", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.sudo().lot_id.parcours_stage, "lent")
        self.assertFalse(agreement.return_picking_id)

    def test_a_device_given_at_term_leaves_the_stock_and_counts_as_reused(self):
        """Issue 7 §6.1: given to the beneficiary, delivered, reused, never lent."""
        self.env.company.parcours_allow_ownership = True
        agreement = self._lend(name="Jeanne Propriétaire")
        device = agreement.sudo().lot_id
        donation = device.parcours_donation_lot_id
        reused_before = donation.weight_reused
        agreement.action_transfer_ownership()

        self.env.invalidate_all()
        self.assertRecordValues(
            agreement, [{"state": "ended", "end_reason": "ownership"}]
        )
        customers = self.env.ref("stock.stock_location_customers")
        self.assertEqual(device.parcours_stage, "given")
        self.assertEqual(device.location_id, customers)
        self.assertFalse(device.parcours_holder_id)
        self.assertRecordValues(
            agreement.return_picking_id.sudo(),
            [
                {
                    "state": "done",
                    "partner_id": agreement.partner_id.id,
                    "location_id": self.lent.id,
                    "location_dest_id": customers.id,
                    "origin": agreement.name,
                }
            ],
        )
        self.assertEqual(
            agreement.return_picking_id.sudo().move_line_ids.lot_id, device
        )
        self.assertFalse(
            self.env["stock.quant"].search_count(
                [
                    ("lot_id", "=", device.id),
                    ("location_id.usage", "=", "internal"),
                    ("quantity", ">", 0),
                ]
            )
        )
        # Reused in the mass balance and on the donor's certificate.
        self.assertIn("given", self.env["stock.lot"]._parcours_reused_stages())
        self.assertGreater(device.parcours_weight, 0)
        self.assertEqual(donation.weight_reused, reused_before)
        self.assertEqual(
            device._parcours_outcome(), "Refurbished, lent, then given to the resident"
        )
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html(
                "parcours_devices.report_donation_certificate", donation.ids
            )
        )
        self.assertIn("Refurbished, lent, then given to the resident", html.decode())

        # It can no longer be lent, whoever tries.
        application = self._waiting_application(
            self._beneficiary(name="Next One", user=self.mediator), user=self.mediator
        )
        self.assertNotIn(device, application._proposed_devices())
        with self.assertRaises(UserError):
            application._parcours_allocate(device)
        with self.assertRaises(ValidationError):
            self.env["parcours.loan.agreement"].sudo().create(
                {
                    "application_id": application.id,
                    "partner_id": application.partner_id.id,
                    "place_id": self.place.id,
                    "lot_id": device.id,
                }
            )
        self.env.invalidate_all()
        self.assertEqual(application.state, "waiting")
        self.assertEqual(device.parcours_stage, "given")

    # ----------------------------------------------------------------- cancel
    def test_cancel_a_signed_unpaid_agreement(self):
        agreement = self._sign(self._allocate())
        invoice = self._invoices(agreement)
        device = agreement.sudo().lot_id
        agreement.action_cancel()
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "cancel")
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(device.parcours_stage, "ready")
        self.assertEqual(device.location_id, self.place.location_id)
        self.assertEqual(agreement.application_id.state, "waiting")
        self.assertFalse(agreement.application_id.lot_id)
        self.assertIn(device, agreement.application_id._proposed_devices())

    def test_cancel_after_payment_is_refused(self):
        agreement = self._sign(self._allocate())
        self._pay(agreement)
        with self.assertRaises(UserError) as caught:
            agreement.action_cancel()
        self.assertIn(
            f"The contribution of {agreement.name} is paid: refund it before",
            str(caught.exception),
        )
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(self._invoices(agreement).state, "posted")
        self.assertEqual(len(self._payments(agreement.partner_id)), 1)
        self.assertEqual(agreement.sudo().lot_id.parcours_stage, "reserved")
        self.assertEqual(agreement.application_id.state, "allocated")

    # -------------------------------------------------------- documents, log
    def test_the_agreement_and_the_receipt_print(self):
        with freeze_time("2026-03-15"):
            agreement = self._sign(self._allocate(name="Jeanne Imprimée"))
            self._pay(agreement, method="cheque")
        # The mediator prints them: no accounting right is needed.
        Report = self.env["ir.actions.report"].with_user(self.mediator)
        html, kind = Report._render_qweb_html(
            "parcours_beneficiaries.report_loan_agreement", agreement.ids
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        for text in (
            agreement.name,
            "Jeanne Imprimée",
            agreement.sudo().lot_id.name,
            "Tiers-lieu Test",
            "Test Laptop 14",
        ):
            self.assertIn(text, html)
        self.assertIn("03/15/2028", html)

        html, __ = Report._render_qweb_html(
            "parcours_beneficiaries.report_contribution_receipt", agreement.ids
        )
        html = html.decode()
        for text in (agreement.name, "Jeanne Imprimée", "Cheque", "25.00"):
            self.assertIn(text, html)

    def test_each_state_change_is_tracked(self):
        agreement = self._sign(self._allocate()).with_context(
            tracking_disable=False, mail_notrack=False
        )
        # The first step is tracked on a fresh agreement.
        draft = self._allocate(name="Tracked From Draft").with_context(
            tracking_disable=False, mail_notrack=False
        )
        # A record is not tracked in the transaction that creates it: end it.
        self.env.flush_all()
        self.env.cr.flush()
        draft.write(
            {"signature_date": fields.Date.today(), "witness_id": self.mediator.id}
        )
        draft.action_sign()
        self.env.flush_all()
        self.env.cr.flush()
        self._pay(agreement)
        for step in ("action_handover", "action_return"):
            getattr(agreement, step)()
            self.env.flush_all()
            self.env.cr.flush()

        def state_changes(record):
            values = (
                record.sudo()
                .message_ids.tracking_value_ids.filtered(
                    lambda t: t.field_id.name == "state"
                )
                .sorted("id")
            )
            return [(t.old_value_char, t.new_value_char) for t in values]

        self.assertEqual(state_changes(draft), [("Draft", "Signed")])
        self.assertEqual(
            state_changes(agreement), [("Signed", "Active"), ("Active", "Ended")]
        )
        authors = agreement.sudo().message_ids.filtered("tracking_value_ids").author_id
        self.assertEqual(authors, self.mediator.partner_id)
