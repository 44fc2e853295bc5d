# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestApi(ParcoursCase):
    """parcours.api as the remote client calls it: as the limited user."""

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

    def _assert_not_received(self, lot, prefix):
        self.env.invalidate_all()
        self.assertEqual(lot.state, "draft")
        self.assertFalse(lot.picking_id)
        self.assertEqual(
            self.env["stock.lot"].search_count([("name", "=like", f"{prefix}-%")]), 0
        )

    # ---------------------------------------------------------------- lots
    def test_bad_cells_are_named_by_row_and_column_and_nothing_is_written(self):
        lot = self._new_lot()
        rows = self._lot_rows(4)
        rows[1]["RAM (Go)"] = "huit"
        rows[2]["Modèle"] = "Minitel"
        rows[3]["Numéro de série"] = "API-000"
        rows[3]["Batterie"] = 120
        rows[0]["Couleur"] = "gris"
        report = self._api(self.esat_user).import_lot(lot=lot.name, rows=rows)
        self.assertFalse(report["written"])
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]],
            [(3, "RAM (Go)"), (4, "Modèle"), (5, "Numéro de série"), (5, "Batterie")],
        )
        self.assertIn("row 2", report["errors"][2]["message"])
        self.assertEqual(report["ignored_columns"], ["Couleur"])
        self._assert_not_received(lot, "API")

    def test_missing_column_is_reported_once(self):
        lot = self._new_lot()
        rows = [{"row": 2, "serial": "X1"}, {"row": 3, "serial": "X2"}]
        report = self._api(self.esat_user).import_lot(lot=lot.name, rows=rows)
        self.assertEqual(len(report["errors"]), 1)
        self.assertEqual(report["errors"][0]["column"], "model")
        self.assertIsNone(report["errors"][0]["row"])

    def test_dry_run_writes_nothing_then_the_import_receives_the_lot(self):
        lot = self._new_lot()
        api = self._api(self.esat_user)
        report = api.import_lot(lot=lot.name, rows=self._lot_rows(3), dry_run=True)
        self.assertEqual(report["errors"], [])
        self.assertTrue(report["dry_run"])
        self.assertFalse(report["written"])
        self.assertIn(f"Devices received in lot {lot.name}: 3", report["summary"][0])
        self._assert_not_received(lot, "API")

        report = api.import_lot(
            lot=lot.name, rows=self._lot_rows(3), received_date="2026-11-05"
        )
        self.assertTrue(report["written"])
        self.env.invalidate_all()
        self.assertEqual(lot.state, "received")
        self.assertEqual(lot.received_date, fields.Date.to_date("2026-11-05"))
        self.assertEqual(set(lot.device_ids.mapped("parcours_ram_gb")), {8})
        self.assertEqual(set(lot.device_ids.mapped("parcours_weight")), {1.6})

    def test_another_workshops_lot_and_a_reader_are_refused(self):
        lot = self._new_lot(workshop=self.esat2)
        with self.assertRaisesRegex(UserError, "no donation lot"):
            self._api(self.esat_user).import_lot(lot=lot.name, rows=self._lot_rows(1))
        # The accountant reads every lot but receives none.
        with self.assertRaises(AccessError):
            self._api(self.accountant).import_lot(lot=lot.name, rows=self._lot_rows(1))
        self._assert_not_received(lot, "API")

    def test_a_rule_of_the_business_method_joins_the_report(self):
        lot = self._received_lot(2, prefix="DONE-")
        report = self._api(self.esat_user).import_lot(
            lot=lot.name, rows=self._lot_rows(1)
        )
        self.assertFalse(report["written"])
        self.assertIn("already received", report["errors"][0]["message"])

    def test_uploads_belong_to_their_sender(self):
        lot = self._new_lot()
        api = self._api(self.esat_user)
        rows = self._lot_rows(5)
        token = api.upload(rows=rows[:2])
        self.assertEqual(api.upload(rows=rows[2:4], upload=token), token)
        with self.assertRaisesRegex(UserError, "not there any more"):
            self._api(self.esat2_user).import_lot(
                lot=lot.name, rows=rows[4:], upload=token
            )
        report = api.import_lot(lot=lot.name, rows=rows[4:], upload=token)
        self.assertTrue(report["written"])
        self.assertEqual(report["rows"], 5)
        self.assertEqual(len(lot.device_ids), 5)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "parcours.api"), ("name", "like", token)]
            )
        )

    # ---------------------------------------------------------------- results
    def test_triage_results_start_and_validate_the_lots_order(self):
        lot = self._received_lot(3, prefix="TRI-")
        api = self._api(self.esat_user)
        rows = [
            {"serial": "TRI-00000", "verdict": "rebut", "motif": "Ne s'allume pas"},
            {"serial": "TRI-00001", "verdict": "ok"},
        ]
        for row in rows:
            row.update(worker="supported worker a", hours="0:15")
        report = api.import_triage(rows=rows)
        self.assertTrue(report["written"], report)
        order = lot.work_order_ids
        self.assertEqual(order.state, "in_progress")
        self.assertIn("stays in progress", report["summary"][1])

        report = api.import_triage(
            rows=[
                {
                    "serial": "TRI-00002",
                    "verdict": "pass",
                    "worker": "Supported worker A",
                }
            ]
        )
        self.assertIn(f"{order.name} validated.", report["summary"])
        self.env.invalidate_all()
        self.assertEqual(order.state, "done")
        self.assertEqual(
            lot.device_ids.sorted("name").mapped("parcours_stage"),
            ["to_recycle", "to_refurbish", "to_refurbish"],
        )
        self.assertEqual(
            order.line_ids.filtered(lambda x: x.lot_id.name == "TRI-00000").duration,
            0.25,
        )

    def test_triage_rows_are_checked_before_anything_is_written(self):
        lot = self._received_lot(2, prefix="TRB-")
        other = self._received_lot(1, prefix="OTH-", workshop=self.esat2)
        rows = [
            {"row": 2, "serial": "TRB-00000", "verdict": "fail", "worker": "Nobody"},
            {"row": 3, "serial": "TRB-00001", "verdict": "maybe"},
            {"row": 4, "serial": other.device_ids.name, "verdict": "pass"},
        ]
        report = self._api(self.esat_user).import_triage(rows=rows)
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]],
            [(2, "reason"), (2, "worker"), (3, "verdict"), (4, "serial")],
        )
        self.assertFalse(lot.work_order_ids)
        self.assertEqual(set(lot.device_ids.mapped("parcours_stage")), {"received"})

    def _refurbish_rows(self, devices):
        rows = []
        for device in devices:
            rows.append(
                {
                    "serial": device.name,
                    "tests": "oui",
                    "disk": f"D-{device.name}",
                    "tool": "nwipe 0.35",
                    "operator": "Insertion worker C",
                    "verification": "Vérifié",
                    "os": "Linux Mint 22",
                    "grade": "B",
                    "worker": "Insertion worker C",
                    "hours": 3,
                }
            )
        return rows

    def test_refurbishment_results_make_devices_ready(self):
        lot = self._received_lot(2, prefix="REF-")
        self._triage(lot)
        self._send(lot.device_ids, self.pihc)
        devices = lot.device_ids.sorted("name")
        rows = self._refurbish_rows(devices)
        rows.append(
            {
                "serial": devices[0].name,
                "disque": "D2",
                "outil": "nwipe",
                "opérateur": "Insertion worker C",
                "vérification": "ok",
                "méthode": "Effacement cryptographique",
            }
        )
        report = self._api(self.pihc_user).import_refurbishment(rows=rows)
        self.assertTrue(report["written"], report)
        self.env.invalidate_all()
        self.assertEqual(set(devices.mapped("parcours_stage")), {"ready"})
        self.assertEqual(set(devices.mapped("parcours_grade")), {"b"})
        self.assertEqual(len(devices.parcours_erasure_ids), 3)
        second = devices.parcours_erasure_ids.filtered(lambda e: e.disk_serial == "D2")
        self.assertEqual(second.method, "crypto_erase")

    def test_refurbishment_conflicting_cells_and_a_workshop_are_refused(self):
        lot = self._received_lot(1, prefix="RFC-")
        self._triage(lot)
        self._send(lot.device_ids, self.pihc)
        rows = self._refurbish_rows(lot.device_ids)
        rows.append(dict(rows[0], disk="D-second", grade="A"))
        report = self._api(self.pihc_user).import_refurbishment(rows=rows)
        self.assertEqual(
            [(e["row"], e["column"], e["message"]) for e in report["errors"]],
            [(3, "grade", "differs from row 2 for the same device")],
        )
        self.assertEqual(lot.device_ids.parcours_stage, "to_refurbish")
        with self.assertRaises(AccessError):
            self._api(self.esat_user).import_refurbishment(rows=rows[:1])

    # ---------------------------------------------------------------- reads
    def test_devices_and_lots_as_partners(self):
        lot = self._received_lot(2, prefix="LST-")
        self._received_lot(1, prefix="LSO-", workshop=self.esat2)
        devices = self._api(self.esat_user).devices(stage="Received")
        self.assertEqual([d["serial"] for d in devices], ["LST-00000", "LST-00001"])
        self.assertEqual(devices[0]["lot"], lot.name)
        with self.assertRaisesRegex(UserError, "no stage"):
            self._api(self.esat_user).devices(stage="lost in space")
        lots = self._api(self.esat_user).lots()
        self.assertEqual([lot["reference"] for lot in lots], [lot.name])
        with self.assertRaises(AccessError):
            self._api(self.pihc_user).lots()
        figures = self._api(self.esat_user).dashboard()
        self.assertIn({"section": "Devices", "label": "Received", "value": 2}, figures)

    def test_hours_export_for_the_accountants(self):
        order = self._triage(self._received_lot(2, prefix="EXP-"))
        period = order.date_done.strftime("%Y-%m")
        self.assertEqual(self._api(self.esat_user).export_kinds(), [])
        api = self._api(self.accountant)
        # the addons above add their own kinds
        kinds = [k["kind"] for k in api.export_kinds()]
        self.assertLessEqual({"hours", "partner-payments"}, set(kinds))
        result = api.export(kind="hours", period=period)
        self.assertEqual(result["filename"], f"heures-{period}.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(result["content"])))
        detail = book.worksheets[1]
        serials = [row[5] for row in detail.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(
            sorted(s for s in serials if s.startswith("EXP-")),
            ["EXP-00000", "EXP-00001"],
        )
        year = api.export(kind="hours", period=period[:4])
        self.assertEqual(year["filename"], f"heures-{period[:4]}.xlsx")
        with self.assertRaisesRegex(UserError, "not a month nor a year"):
            api.export(kind="hours", period="November")
        with self.assertRaises(AccessError):
            self._api(self.esat_user).export(kind="hours", period=period)
