# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

import psycopg2

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DISABLED_MAIL_CONTEXT, ParcoursCase, RaceCase


@tagged("post_install", "-at_install")
class TestApiIdempotency(ParcoursCase):
    """A write sent again with its idempotency key answers the first answer
    and writes nothing twice."""

    def _api(self, user):
        return self.env["parcours.api"].with_user(user)

    def _lot_rows(self, count, prefix="API"):
        return [
            {
                "row": index + 2,
                "Numéro de série": f"{prefix}-{index:03d}",
                "Modèle": "T-LAP14",
                "RAM (Go)": "8",
                "Poids (kg)": "1,6",
            }
            for index in range(count)
        ]

    def _calls(self, key):
        return self.env["parcours.api.call"].search([("key", "=", key)])

    def test_lot_import_sent_twice_receives_once(self):
        lot = self._new_lot()
        api = self._api(self.esat_user)
        first = api.import_lot(
            lot=lot.name, rows=self._lot_rows(3), idempotency_key="lot-key-1"
        )
        self.assertTrue(first["written"], first)
        again = api.import_lot(
            lot=lot.name, rows=self._lot_rows(3), idempotency_key="lot-key-1"
        )
        self.assertEqual(again, first)
        self.env.invalidate_all()
        self.assertEqual(lot.state, "received")
        self.assertEqual(len(lot.device_ids), 3)
        self.assertEqual(len(lot.picking_id), 1)
        self.assertEqual(self._calls("lot-key-1").user_id, self.esat_user)
        # Without the key, the same call is a second reception, refused.
        report = api.import_lot(lot=lot.name, rows=self._lot_rows(3))
        self.assertIn("already received", report["errors"][0]["message"])

    def test_triage_sent_twice_records_once(self):
        lot = self._received_lot(2, prefix="IDT-")
        api = self._api(self.esat_user)
        rows = [
            {
                "serial": "IDT-00000",
                "verdict": "ok",
                "worker": "supported worker a",
                "hours": "0:15",
            },
        ]
        first = api.import_triage(rows=rows, idempotency_key="triage-key")
        self.assertTrue(first["written"], first)
        self.assertEqual(
            api.import_triage(rows=rows, idempotency_key="triage-key"), first
        )
        self.env.invalidate_all()
        lines = lot.work_order_ids.line_ids.filtered(
            lambda line: line.lot_id.name == "IDT-00000"
        )
        self.assertEqual(sum(lines.mapped("duration")), 0.25)

    def test_a_failed_call_leaves_its_key_free(self):
        lot = self._new_lot()
        api = self._api(self.esat_user)
        # A request that fails is rolled back, with the key it took.
        with (
            self.assertRaisesRegex(UserError, "no donation lot"),
            self.env.cr.savepoint(),
        ):
            api.import_lot(
                lot="NO-SUCH-LOT", rows=self._lot_rows(1), idempotency_key="k-free"
            )
        self.assertFalse(self._calls("k-free"))
        self.assertTrue(
            api.import_lot(
                lot=lot.name, rows=self._lot_rows(1), idempotency_key="k-free"
            )["written"]
        )

    def test_keys_are_per_user_and_per_command(self):
        lot = self._new_lot()
        api = self._api(self.esat_user)
        api.import_lot(lot=lot.name, rows=self._lot_rows(1), idempotency_key="k-cmd")
        with self.assertRaisesRegex(UserError, "already used for import_lot"):
            api.import_triage(rows=[], idempotency_key="k-cmd")
        with self.assertRaisesRegex(UserError, "at most 128 characters"):
            api.import_triage(rows=[], idempotency_key="x" * 129)
        # Another user's key of the same text is another key: never their answer.
        lot2 = self._new_lot(workshop=self.esat2)
        report = self._api(self.esat2_user).import_lot(
            lot=lot2.name,
            rows=self._lot_rows(1, prefix="API2"),
            idempotency_key="k-cmd",
        )
        self.assertTrue(report["written"], report)
        self.assertIn(lot2.name, report["summary"][0])
        self.assertEqual(len(self._calls("k-cmd")), 2)
        # The rows are the server's alone.
        with self.assertRaises(AccessError):
            self.env["parcours.api.call"].with_user(self.esat_user).search([])

    def test_a_dry_run_needs_no_key(self):
        lot = self._new_lot()
        api = self._api(self.esat_user)
        for _run in range(2):
            report = api.import_lot(
                lot=lot.name,
                rows=self._lot_rows(1),
                dry_run=True,
                idempotency_key="k-dry",
            )
            self.assertTrue(report["dry_run"])
        self.assertFalse(self._calls("k-dry"))


@tagged("post_install", "-at_install", "parcours_race")
class TestApiKeyRace(RaceCase):
    """The same write sent twice at once (a client that timed out and tried
    again): the second waits for the first; once the first commits, PostgreSQL
    asks for a retry, which Odoo makes and which finds the first answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = f"race-{uuid.uuid4().hex}"

    @classmethod
    def tearDownClass(cls):
        with cls._committed() as env:
            calls = env["parcours.api.call"].search([("key", "=", cls.key)])
            for token in calls.mapped("result"):
                env["parcours.api"]._parcours_api_uploads(token).unlink()
            calls.unlink()
        super().tearDownClass()

    def _upload(self, cr, index):
        env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
        env["parcours.api"].upload(
            rows=[{"row": 2, "serial": "RACE-KEY"}], idempotency_key=self.key
        )
        env.flush_all()

    def test_the_second_call_is_retried_not_logged(self):
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self.race(self._upload)
        self.assertIsInstance(error, psycopg2.errors.SerializationFailure)
        # Odoo's retry of the second call: the first answer, nothing written.
        with self._committed() as env:
            calls = env["parcours.api.call"].search([("key", "=", self.key)])
            self.assertEqual(len(calls), 1)
            token = calls.result
            again = env["parcours.api"].upload(
                rows=[{"row": 2, "serial": "RACE-KEY"}], idempotency_key=self.key
            )
            self.assertEqual(again, token)
            self.assertEqual(len(env["parcours.api"]._parcours_api_uploads(token)), 1)
