# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import datetime
import io

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.parcours_base.identifiers import (
    control_characters,
    identifier_key,
    normalise_identifier,
)
from odoo.addons.parcours_base.importing import read_table, table_rows

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestImportEngine(ParcoursCase):
    """One engine reads every import: the wizard's file, the API's rows and files.

    Control characters are named by row and column on every path, and serials
    typed with invisible characters or other dashes are the same serials.
    """

    def _api(self, user):
        return self.env["parcours.api"].with_user(user)

    def _lot(self):
        return self._new_lot(user=self.esat_user, declared_qty=5)

    def _assert_nothing_received(self, lot):
        self.env.invalidate_all()
        self.assertEqual(lot.state, "draft")
        self.assertFalse(lot.device_ids)

    # ------------------------------------------------------------ readers
    def test_xlsx_rows_keep_the_sheets_row_numbers_and_json_values(self):
        """What the client's own reader did: the engine does it now."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Numéro de série", "Date", "Heures", "RAM"])
        sheet.append(["SN-1", datetime.datetime(2026, 11, 5), datetime.time(0, 30), 8])
        sheet.append([None, None, None, None])  # a blank row keeps its number
        sheet.append(["SN-2", datetime.datetime(2026, 11, 6, 14, 5), None, "  16 "])
        buffer = io.BytesIO()
        book.save(buffer)
        table = read_table(self.env, buffer.getvalue(), "file.xlsx")
        self.assertEqual(
            table_rows(table),
            [
                {
                    "row": 2,
                    "Numéro de série": "SN-1",
                    "Date": "2026-11-05",
                    "Heures": "00:30:00",
                    "RAM": 8,
                },
                {
                    "row": 4,
                    "Numéro de série": "SN-2",
                    "Date": "2026-11-06T14:05:00",
                    "RAM": "16",
                },
            ],
        )

    def test_csv_from_a_french_spreadsheet(self):
        content = "Série;Modèle;Poids\r\nA1;Dell;1,5\r\n;;\r\nA2;HP;\r\n"
        for encoding in ("cp1252", "utf-8-sig", "utf-16"):
            with self.subTest(encoding=encoding):
                table = read_table(self.env, content.encode(encoding), "file.csv")
                self.assertEqual(
                    table_rows(table),
                    [
                        {"row": 2, "Série": "A1", "Modèle": "Dell", "Poids": "1,5"},
                        {"row": 4, "Série": "A2", "Modèle": "HP"},
                    ],
                )

    # ------------------------------------------------------------ control characters
    def test_a_nul_in_a_cell_is_named_by_row_and_column_over_the_api(self):
        lot = self._lot()
        rows = [
            {"row": 2, "serial": "NUL-1", "model": "T-LAP14"},
            {"row": 3, "serial": "NUL\x00-2", "model": "T-LAP14"},
            {"row": 4, "serial": "NUL-3", "model": "T-LAP14", "os": "Linux\x07"},
        ]
        report = self._api(self.esat_user).import_lot(lot=lot.name, rows=rows)
        self.assertFalse(report["written"])
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]],
            [(3, "serial"), (4, "os")],
        )
        self.assertIn("control character (U+0000)", report["errors"][0]["message"])
        self.assertIn("U+0007", report["errors"][1]["message"])
        self._assert_nothing_received(lot)

        # The same in a file sent whole: the CSV is named where it breaks.
        content = b"serial,model\nNUL-1,T-LAP14\nNUL\x00-2,T-LAP14\n"
        report = self._api(self.esat_user).import_lot(
            lot=lot.name, file=base64.b64encode(content).decode(), filename="nul.csv"
        )
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]], [(3, "serial")]
        )
        self.assertIn("U+0000", report["errors"][0]["message"])
        self._assert_nothing_received(lot)

    def test_the_report_speaks_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "in", ["parcours_base", "parcours_devices"])]
        )._update_translations(["fr_FR"])
        self.esat_user.lang = "fr_FR"
        lot = self._lot()
        report = self._api(self.esat_user).import_lot(
            lot=lot.name,
            rows=[{"row": 2, "Modèle": "T-LAP14", "Série": "A\x00"}],
        )
        self.assertEqual(
            [e["message"][:38] for e in report["errors"]],
            ["cette cellule contient un caractère de"],
        )
        report = self._api(self.esat_user).import_lot(
            lot=lot.name, rows=[{"row": 2, "Modèle": "Minitel", "Série": "A"}]
        )
        self.assertEqual(
            report["errors"][0]["message"], "modèle d'appareil inconnu « Minitel »"
        )

    def test_a_nul_in_triage_and_refurbishment_results(self):
        lot = self._received_lot(1, prefix="NUT-")
        report = self._api(self.esat_user).import_triage(
            rows=[{"row": 2, "serial": "NUT-00000", "verdict": "ok", "note": "a\x00b"}]
        )
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]], [(2, "note")]
        )
        self.assertFalse(lot.work_order_ids)
        self._triage(lot)
        self._send(lot.device_ids, self.pihc)
        report = self._api(self.pihc_user).import_refurbishment(
            rows=[
                {
                    "row": 7,
                    "serial": "NUT-00000",
                    "disk": "D\x00-1",
                    "tool": "nwipe",
                    "operator": "Insertion worker C",
                }
            ]
        )
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]], [(7, "disk")]
        )
        self.assertEqual(lot.device_ids.parcours_stage, "to_refurbish")

    def test_a_nul_in_the_wizard_and_in_typed_lines(self):
        lot = self._lot()
        action = lot.action_open_intake()
        Intake = self.env[action["res_model"]].with_user(self.esat_user)
        content = b"serial,model\nOK-1,T-LAP14\nNUL\x00-2,T-LAP14\n"
        wizard = Intake.with_context(**action["context"]).create(
            {"file": base64.b64encode(content), "filename": "nul.csv"}
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("row 3, column serial", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Intake.with_context(**action["context"]).create(
                {
                    "line_ids": [
                        Command.create(
                            {"serial": "NUL\x00-3", "product_id": self.laptop.id}
                        )
                    ]
                }
            )
        self.assertIn("control character (U+0000)", str(caught.exception))
        # The lot's own method for remote clients names the row.
        with self.assertRaises(UserError) as caught:
            lot.parcours_receive([{"serial": "NUL\x00-4", "model": "T-LAP14"}])
        self.assertIn(
            "row 1: the serial holds a control character", str(caught.exception)
        )
        self._assert_nothing_received(lot)

    def test_typed_values_of_a_script_are_checked_not_crashed_on(self):
        lot = self._lot()
        self.assertEqual(
            lot.parcours_check_intake(
                [
                    {"serial": "V-1", "product_id": "abc"},
                    {"serial": "V-2", "product_id": [1]},
                    {"serial": "V-3", "product_id": str(self.laptop.id)},
                ]
            ),
            [
                "row 1: unknown device model 'abc'",
                "row 2: unknown device model '[1]'",
            ],
        )
        with self.assertRaises(UserError):
            lot.parcours_check_intake("V-1")
        self._assert_nothing_received(lot)

    # ------------------------------------------------------------ identifiers
    def test_identifiers_are_normalised_in_one_place(self):
        for typed, shown in (
            ("  PC-1  ", "PC-1"),
            ("PC\u20111", "PC-1"),  # non-breaking hyphen
            ("PC\u20131", "PC-1"),  # en dash
            ("PC\u22121", "PC-1"),  # minus sign
            ("P\u200bC-\u00ad1", "PC-1"),  # zero-width space, soft hyphen
            ("\ufeffＰＣ－１", "PC-1"),  # byte order mark, full width
            ("PC\u00a0 \t 1", "PC 1"),  # no-break space, tab
        ):
            with self.subTest(typed=typed):
                self.assertEqual(normalise_identifier(typed), shown)
        self.assertEqual(identifier_key("pc\u20111"), identifier_key("PC-1"))
        self.assertNotEqual(identifier_key("PC-1"), identifier_key("PC-11"))
        self.assertEqual(control_characters("a\x00b\x07\tc"), ["U+0000", "U+0007"])

    def test_a_serial_typed_differently_is_the_same_device(self):
        first = self._lot()
        report = self._api(self.esat_user).import_lot(
            lot=first.name, rows=[{"serial": "ID-0001", "model": "T-LAP14"}]
        )
        self.assertTrue(report["written"], report)
        device = first.device_ids
        # In another lot, with a zero-width space, a non-breaking hyphen, small
        # letters: a device already registered.
        second = self._lot()
        for typed in ("ID-\u200b0001", "ID\u20110001", " id–0001 "):
            with self.subTest(typed=typed):
                report = self._api(self.esat_user).import_lot(
                    lot=second.name, rows=[{"serial": typed, "model": "T-LAP14"}]
                )
                self.assertFalse(report["written"])
                self.assertIn("already registered", report["errors"][0]["message"])
        self._assert_nothing_received(second)
        # Twice in one file, typed two ways.
        report = self._api(self.esat_user).import_lot(
            lot=second.name,
            rows=[
                {"row": 2, "serial": "ID-0002", "model": "T-LAP14"},
                {"row": 3, "serial": "id\u20110002\u200b", "model": "T-LAP14"},
            ],
        )
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]], [(3, "serial")]
        )
        # A search finds it too, as the operator types it.
        Device = self.env["stock.lot"].with_user(self.esat_user)
        self.assertEqual(Device.search([("name", "=", "id\u20110001\u200b")]), device)
        self.assertEqual(Device.search([("name", "ilike", "d\u2013000")]), device)
        self.assertEqual(Device.search([("name", "in", ["ID\u20130001"])]), device)
        # The triage import finds the device however its serial is typed.
        report = self._api(self.esat_user).import_triage(
            rows=[
                {
                    "serial": "id\u2011\u200b0001",
                    "verdict": "ok",
                    "worker": "Supported worker A",
                }
            ]
        )
        self.assertTrue(report["written"], report)
        self.assertEqual(device.parcours_stage, "to_refurbish")
        # The lot's reference too.
        report = self._api(self.esat_user).import_lot(
            lot=f"\u200b{second.name.lower()} ",
            rows=[{"serial": "ID-0003", "model": "T-LAP14"}],
            dry_run=True,
        )
        self.assertEqual(report["errors"], [])

    def test_a_file_sent_in_pieces(self):
        lot = self._lot()
        content = "Numéro de série;Modèle\r\nPIECE-1;T-LAP14\r\nPIECE-2;T-LAP14\r\n"
        content = content.encode("utf-16")
        api = self._api(self.esat_user)
        token = api.upload(file=base64.b64encode(content[:7]).decode())
        report = api.import_lot(
            lot=lot.name,
            upload=token,
            file=base64.b64encode(content[7:]).decode(),
            filename="lot.csv",
        )
        self.assertTrue(report["written"], report)
        self.assertEqual(sorted(lot.device_ids.mapped("name")), ["PIECE-1", "PIECE-2"])

    # ------------------------------------------------------------ commands
    def test_each_role_is_told_which_commands_it_may_use(self):
        offered = {
            user: {
                command["command"]
                for command in self._api(user).commands()
                if command["offered"]
            }
            for user in (self.esat_user, self.pihc_user, self.place_user)
        }
        self.assertLessEqual(
            {"lot import", "triage import", "devices", "lots"},
            offered[self.esat_user],
        )
        self.assertNotIn("refurbish import", offered[self.esat_user])
        self.assertLessEqual({"refurbish import", "devices"}, offered[self.pihc_user])
        self.assertFalse(
            {"lot import", "triage import", "lots"} & offered[self.pihc_user]
        )
        self.assertEqual(offered[self.place_user], {"devices", "dashboard"})
        # A command not offered is refused with a message that says so.
        with self.assertRaises(AccessError) as caught:
            self._api(self.pihc_user).lots()
        self.assertIn("The command lots", str(caught.exception))
        self.assertIn(
            "'parcours commands' lists those you may use", str(caught.exception)
        )
        with self.assertRaises(AccessError) as caught:
            self._api(self.esat_user).import_refurbishment(rows=[{"serial": "X"}])
        self.assertIn("The command refurbish import", str(caught.exception))
