# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime, timedelta

import openpyxl
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestPass(TrainingCase):
    """Pass numérique: one use per number, dates, the monthly claim."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls._workshop()
        cls.reg_alice, cls.reg_bruno, cls.reg_chantal = cls._register(
            cls.workshop, cls.alice | cls.bruno | cls.chantal
        )

    def _pass(self, registration, number, user=None, **values):
        return (
            self.env["parcours.pass"]
            .with_user(user or self.mediator)
            .create(
                dict({"name": number, "registration_id": registration.id}, **values)
            )
        )

    def test_record_a_pass(self):
        voucher = self._pass(self.reg_alice, " aptic 0001 ")
        self.assertEqual(voucher.name, "APTIC0001")
        self.assertEqual(voucher.value, 10.0)
        self.assertEqual(voucher.valid_until, date(fields.Date.today().year, 12, 31))
        self.assertEqual(
            voucher.accepted_until, date(fields.Date.today().year + 1, 1, 31)
        )
        self.assertEqual(voucher.place_id, self.place)
        self.assertEqual(voucher.event_id, self.workshop)
        self.assertEqual(voucher.partner_id, self.alice)
        self.assertTrue(self.reg_alice.parcours_paid_by_pass)

    def test_a_pass_used_twice_refused(self):
        self._pass(self.reg_alice, "APTIC0002")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._pass(self.reg_bruno, "aptic 0002")
        # Nor twice on the same registration.
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._pass(self.reg_alice, "APTIC0003")
        self.assertEqual(self.reg_bruno.parcours_pass_ids.ids, [])

    def test_a_pass_typed_differently_is_the_pass_already_used(self):
        """A zero-width space, a non-breaking hyphen, an en dash or full-width
        digits do not make a new pass number: the mediator is refused."""
        first = self._pass(self.reg_alice, "APTIC-0042")
        for typed in (
            "APTIC-\u200b0042",  # zero-width space
            "APTIC\u20110042",  # non-breaking hyphen
            "aptic\u20130042",  # en dash, small letters
            "\ufeffAPTIC-００４２",  # byte order mark, full-width digits
        ):
            with (
                self.subTest(typed=typed),
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self._pass(self.reg_bruno, typed)
        # The mediator finds the pass however it is typed.
        Pass = self.env["parcours.pass"].with_user(self.mediator)
        self.assertEqual(Pass.search([("name", "=", "aptic\u2011\u200b0042")]), first)
        self.assertEqual(Pass.search([("name", "in", ["APTIC–0042"])]), first)
        # Nor can a pass be renamed into another one's number.
        second = self._pass(self.reg_bruno, "APTIC-0043")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            second.with_user(self.mediator).write({"name": "APTIC\u20110042"})
            second.flush_recordset()

    def test_pass_dates(self):
        this_year = fields.Date.today().year
        # Accepted in January for a pass valid until 31 December.
        accepted = self._pass(
            self.reg_alice,
            "APTIC-JAN",
            valid_until=date(this_year - 1, 12, 31),
            date=date(this_year, 1, 31),
        )
        self.assertTrue(accepted)
        with self.assertRefused(ValidationError, "accepted until"):
            self._pass(
                self.reg_bruno,
                "APTIC-FEB",
                valid_until=date(this_year - 1, 12, 31),
                date=date(this_year, 2, 1),
            )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._pass(self.reg_chantal, "APTIC-ZERO", value=0)

    def test_pass_pays_a_workshop_of_two_hours_at_most(self):
        long_workshop = self._workshop(
            date_end=fields.Datetime.now() + timedelta(hours=1)
        )
        registration = self._register(long_workshop, self.alice)
        with self.assertRefused(ValidationError, "up to 2 hours"):
            self._pass(registration, "APTIC-LONG")

    def test_absent_with_a_pass(self):
        self._pass(self.reg_alice, "APTIC0004")
        with self.assertRefused(UserError, "remove the pass first"):
            self.reg_alice.with_user(self.mediator).action_parcours_absent()
        self.assertEqual(self.reg_alice.state, "open")
        self.reg_chantal.with_user(self.mediator).action_cancel()
        with self.assertRefused(ValidationError, "not registered"):
            self._pass(self.reg_chantal, "APTIC0005")

    def test_other_place_cannot_record(self):
        with self.assertRaises(AccessError):
            self._pass(self.reg_alice, "APTIC0006", user=self.mediator2)
        with self.assertRaises(UserError):
            self._pass(self.reg_alice, "APTIC0007", claim_id=1)
        self.assertFalse(
            self.env["parcours.pass"].search([("name", "like", "APTIC000%")])
        )

    def test_monthly_claim(self):
        with freeze_time("2026-05-12 10:00:00"):
            may = self._workshop(begin=datetime(2026, 5, 12, 8, 0), name="Mai")
            registrations = self._register(may, self.alice | self.bruno)
            for index, registration in enumerate(registrations):
                self._pass(registration, f"APTIC-MAY-{index}")
        with freeze_time("2026-06-03 10:00:00"):
            june = self._workshop(begin=datetime(2026, 6, 3, 8, 0), name="Juin")
            self._pass(self._register(june, self.alice), "APTIC-JUNE")
            other = self._workshop(
                user=self.mediator2, begin=datetime(2026, 5, 20, 8, 0)
            )
            self._pass(
                self._register(other, self.other, user=self.mediator2),
                "APTIC-OTHER",
                user=self.mediator2,
                date=date(2026, 5, 20),
            )
            claims = self.env["parcours.pass.claim"]._cron_monthly_claims()
        self.assertEqual(len(claims), 2)
        claim = claims.filtered(lambda c: c.place_id == self.place).with_user(
            self.mediator
        )
        self.assertEqual(claim.date_from, date(2026, 5, 1))
        self.assertEqual(claim.date_to, date(2026, 5, 31))
        self.assertEqual(
            sorted(claim.pass_ids.mapped("name")), ["APTIC-MAY-0", "APTIC-MAY-1"]
        )
        self.assertEqual(claim.pass_count, 2)
        self.assertEqual(claim.amount_total, 20.0)
        # The other third place's mediator sees neither this claim nor its passes.
        with self.assertRaises(AccessError):
            claim.with_user(self.mediator2).read(["name"])
        with self.assertRaises(AccessError):
            claim.with_user(self.mediator2).action_send()

        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render("parcours_training.report_pass_claim_xlsx", claim.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
        self.assertEqual(rows[3][0], "Pass number")
        self.assertEqual(
            [row[:2] for row in rows[4:6]],
            [("APTIC-MAY-0", 10.0), ("APTIC-MAY-1", 10.0)],
        )
        self.assertEqual(rows[-2][:2], ("Number of passes", 2))
        self.assertEqual(rows[-1][:2], ("Total", 20.0))
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f")

        claim.action_send()
        self.assertEqual(claim.state, "sent")
        voucher = claim.pass_ids[0].with_user(self.mediator)
        with self.assertRaises(UserError):
            voucher.write({"value": 5.0})
        with self.assertRaises(UserError):
            voucher.unlink()
        with self.assertRaises(UserError):
            claim.with_user(self.mediator).action_mark_paid()
        claim.with_user(self.officer).action_mark_paid()
        self.assertEqual(claim.state, "paid")

    def test_claim_state_and_passes_by_the_steps_only(self):
        claim = (
            self.env["parcours.pass.claim"]
            .with_user(self.mediator)
            .create({"date_from": fields.Date.today().replace(day=1)})
        )
        self.assertEqual(claim.place_id, self.place)
        voucher = self._pass(self.reg_alice, "APTIC-STEP")
        with self.assertRaises(UserError):
            claim.write({"state": "sent"})
        with self.assertRaises(UserError):
            voucher.write({"claim_id": claim.id})
        with self.assertRefused(UserError, "holds no pass"):
            claim.action_send()
        claim.action_collect()
        self.assertEqual(claim.pass_ids, voucher)
        with self.assertRefused(ValidationError, "first day of the month"):
            claim.copy({"date_from": fields.Date.today().replace(day=2)})
