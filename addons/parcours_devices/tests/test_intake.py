# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

import openpyxl
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ParcoursCase

HEADER = (
    "serial",
    "model",
    "cpu",
    "ram",
    "storage",
    "storage type",
    "os",
    "battery",
    "weight",
)


@tagged("post_install", "-at_install")
class TestIntake(ParcoursCase):
    """A workshop operator receives a donation lot through the intake wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tablet = cls.env["product.product"].create(
            {
                "name": "Test Tablet Without Weight",
                "default_code": "T-TAB0",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "parcours_device_type": "tablet",
                "weight": 0.0,
            }
        )

    # ---------------------------------------------------------------- helpers
    def _csv_file(self, rows, header=HEADER, delimiter=","):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
        return base64.b64encode(buffer.getvalue().encode("utf-8"))

    def _lot(self):
        return self._new_lot(user=self.esat_user, declared_qty=10, declared_weight=20.0)

    def _intake(self, lot, **values):
        """The intake wizard of ``lot``, opened by the workshop operator."""
        action = lot.action_open_intake()
        return (
            self.env["parcours.lot.intake"]
            .with_user(self.esat_user)
            .with_context(**action["context"])
            .create(values)
        )

    def _assert_nothing_received(self, lot, serials):
        """The lot is as it was: no serial, no receipt, no move line, still expected."""
        self.env.invalidate_all()
        self.assertEqual(lot.state, "draft")
        self.assertFalse(lot.picking_id)
        self.assertFalse(lot.received_date)
        self.assertEqual(lot.received_weight, 0.0)
        self.assertEqual(
            self.env["stock.lot"].search_count([("name", "in", serials)]), 0
        )
        self.assertEqual(
            self.env["stock.lot"].search_count(
                [("parcours_donation_lot_id", "=", lot.id)]
            ),
            0,
        )
        self.assertEqual(
            self.env["stock.picking"].search_count([("origin", "=", lot.name)]), 0
        )
        self.assertEqual(
            self.env["stock.move.line"].search_count([("lot_name", "in", serials)])
            + self.env["stock.move.line"].search_count(
                [("lot_id.name", "in", serials)]
            ),
            0,
        )

    def _devices(self, lot):
        return self.env["stock.lot"].search(
            [("parcours_donation_lot_id", "=", lot.id)], order="name"
        )

    # ---------------------------------------------------------- happy paths
    @freeze_time("2025-03-12 10:00:00")
    def test_receive_500_devices_from_csv(self):
        """500 devices in one CSV file: 500 serials, one receipt, weights added up."""
        rows = []
        for index in range(500):
            if index % 2:
                # Desktops named by product name, weight typed with a decimal comma.
                rows.append(
                    [
                        f"PNS-{index:04d}",
                        "Test Desktop SFF",
                        "Intel Core i3-6100",
                        "4",
                        "500",
                        "HDD",
                        "Windows 7",
                        "",
                        "4,5",
                    ]
                )
            else:
                # Laptops named by internal reference, weight left to the model's.
                rows.append(
                    [
                        f"PNS-{index:04d}",
                        "T-LAP14",
                        "Intel Core i5-8350U",
                        "8",
                        "256",
                        "ssd",
                        "Windows 10 Pro",
                        "81",
                        "",
                    ]
                )
        lot = self._lot()
        wizard = self._intake(
            lot, file=self._csv_file(rows, delimiter=";"), filename="lot.csv"
        )
        self.assertEqual(wizard.received_date, fields.Date.to_date("2025-03-12"))
        wizard.action_receive()

        self.env.invalidate_all()
        Lot = self.env["stock.lot"].with_user(self.esat_user)
        devices = Lot.search([("parcours_donation_lot_id", "=", lot.id)], order="name")
        self.assertEqual(len(devices), 500)
        self.assertEqual(set(devices.mapped("name")), {row[0] for row in rows})
        self.assertEqual(set(devices.mapped("parcours_stage")), {"received"})
        self.assertEqual(devices.parcours_holder_id, self.esat)
        self.assertEqual(devices.location_id, self.esat.location_id)
        laptops = devices.filtered(lambda d: d.product_id == self.laptop)
        desktops = devices.filtered(lambda d: d.product_id == self.desktop)
        self.assertEqual((len(laptops), len(desktops)), (250, 250))

        laptop = devices.filtered(lambda d: d.name == "PNS-0000")
        self.assertRecordValues(
            laptop,
            [
                {
                    "product_id": self.laptop.id,
                    "parcours_cpu": "Intel Core i5-8350U",
                    "parcours_ram_gb": 8,
                    "parcours_storage_gb": 256,
                    "parcours_storage_type": "ssd",
                    "parcours_os": "Windows 10 Pro",
                    "parcours_battery_health": 81,
                    "parcours_weight": 1.5,
                    "parcours_device_type": "laptop",
                }
            ],
        )
        desktop = devices.filtered(lambda d: d.name == "PNS-0001")
        self.assertRecordValues(
            desktop,
            [
                {
                    "product_id": self.desktop.id,
                    "parcours_cpu": "Intel Core i3-6100",
                    "parcours_ram_gb": 4,
                    "parcours_storage_gb": 500,
                    "parcours_storage_type": "hdd",
                    "parcours_os": "Windows 7",
                    "parcours_battery_health": 0,
                    "parcours_weight": 4.5,
                }
            ],
        )

        lot = lot.with_user(self.esat_user)
        self.assertEqual(lot.state, "received")
        self.assertEqual(lot.received_date, fields.Date.to_date("2025-03-12"))
        # 250 laptops at the model's 1.5 kg and 250 desktops weighed 4.5 kg.
        self.assertAlmostEqual(lot.received_weight, 250 * 1.5 + 250 * 4.5, places=6)
        self.assertEqual(lot.device_count, 500)
        self.assertAlmostEqual(lot.weight_pending, lot.received_weight, places=6)

        picking = lot.picking_id
        self.assertEqual(len(picking), 1)
        self.assertRecordValues(
            picking,
            [
                {
                    "state": "done",
                    "origin": lot.name,
                    "partner_id": self.donor.partner_id.id,
                    "location_id": self.env.ref("stock.stock_location_suppliers").id,
                    "location_dest_id": self.esat.location_id.id,
                    "parcours_receiver_id": self.esat.id,
                    "parcours_is_handoff": False,
                }
            ],
        )
        self.assertEqual(picking.picking_type_id.code, "incoming")
        self.assertEqual(len(picking.move_ids), 2, "one move per device model")
        move_lines = picking.move_ids.move_line_ids
        self.assertEqual(len(move_lines), 500)
        self.assertEqual(move_lines.lot_id, devices)
        self.assertEqual(set(move_lines.mapped("quantity")), {1.0})
        self.assertEqual(set(move_lines.mapped("state")), {"done"})
        self.assertEqual(
            self.env["stock.picking"].search_count([("origin", "=", lot.name)]), 1
        )
        quants = self.env["stock.quant"].search(
            [("lot_id", "in", devices.ids), ("quantity", ">", 0)]
        )
        self.assertEqual(len(quants), 500)
        self.assertEqual(quants.location_id, self.esat.location_id)
        # The receipt lists its serials (Detailed operations, delivery slip):
        # its move lines belong to the transfer, not only to its moves.
        self.assertEqual(
            len(picking.move_line_ids),
            500,
            "the receipt's detailed operations must list its 500 serials",
        )

    def test_receive_typed_lines(self):
        """Devices typed in the wizard; the weighed lot weight wins over the sum."""
        lot = self._lot()
        wizard = self._intake(
            lot,
            received_weight=7.25,
            line_ids=[
                Command.create(
                    {
                        "serial": "TYPED-1",
                        "product_id": self.laptop.id,
                        "cpu": "AMD Ryzen 5 3500U",
                        "ram_gb": 16,
                        "storage_gb": 512,
                        "storage_type": "nvme",
                        "os": "Windows 11",
                        "battery_health": 64,
                        "weight": 1.7,
                    }
                ),
                Command.create({"serial": "TYPED-2", "product_id": self.desktop.id}),
            ],
        )
        wizard.action_receive()

        self.env.invalidate_all()
        devices = self._devices(lot)
        self.assertRecordValues(
            devices,
            [
                {
                    "name": "TYPED-1",
                    "product_id": self.laptop.id,
                    "parcours_cpu": "AMD Ryzen 5 3500U",
                    "parcours_ram_gb": 16,
                    "parcours_storage_gb": 512,
                    "parcours_storage_type": "nvme",
                    "parcours_os": "Windows 11",
                    "parcours_battery_health": 64,
                    "parcours_weight": 1.7,
                    "parcours_stage": "received",
                    "parcours_holder_id": self.esat.id,
                },
                {
                    "name": "TYPED-2",
                    "product_id": self.desktop.id,
                    "parcours_cpu": False,
                    "parcours_ram_gb": 0,
                    "parcours_storage_gb": 0,
                    "parcours_storage_type": False,
                    "parcours_os": False,
                    "parcours_battery_health": 0,
                    "parcours_weight": 5.0,
                    "parcours_stage": "received",
                    "parcours_holder_id": self.esat.id,
                },
            ],
        )
        self.assertEqual(lot.state, "received")
        self.assertEqual(lot.received_weight, 7.25)
        self.assertEqual(lot.picking_id.state, "done")
        self.assertEqual(len(lot.picking_id.move_ids.move_line_ids), 2)

    def test_receive_typed_lines_and_file_together(self):
        """Typed lines and an imported file are received as one lot."""
        lot = self._lot()
        self._intake(
            lot,
            line_ids=[
                Command.create({"serial": "MIX-1", "product_id": self.laptop.id})
            ],
            file=self._csv_file([["MIX-2", "T-DSK", "", "", "", "", "", "", ""]]),
            filename="more.csv",
        ).action_receive()
        self.env.invalidate_all()
        self.assertEqual(self._devices(lot).mapped("name"), ["MIX-1", "MIX-2"])
        self.assertEqual(lot.received_weight, 1.5 + 5.0)
        self.assertEqual(len(lot.picking_id.move_ids.move_line_ids), 2)

    def test_receive_xlsx_with_french_headers(self):
        """An XLSX file with French headers, numeric cells and an empty row."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(
            [
                "Numéro de série",
                "Modèle",
                "Processeur",
                "RAM (Go)",
                "Stockage (Go)",
                "Type de stockage",
                "Système",
                "Batterie",
                "Poids (kg)",
            ]
        )
        sheet.append(
            [
                "FR-001",
                "T-LAP14",
                "Intel Core i7-8650U",
                16,
                512,
                "SSD",
                "Windows 10 Famille",
                72,
                1.62,
            ]
        )
        sheet.append([None] * 9)
        sheet.append(
            [
                2024002,
                "Test Desktop SFF",
                "Intel Pentium G4560",
                8,
                1000,
                "hdd",
                "Windows 10 Pro",
                None,
                None,
            ]
        )
        content = io.BytesIO()
        book.save(content)

        lot = self._lot()
        self._intake(
            lot,
            file=base64.b64encode(content.getvalue()),
            filename="inventaire.xlsx",
        ).action_receive()

        self.env.invalidate_all()
        self.assertRecordValues(
            self._devices(lot),
            [
                {
                    "name": "2024002",
                    "product_id": self.desktop.id,
                    "parcours_cpu": "Intel Pentium G4560",
                    "parcours_ram_gb": 8,
                    "parcours_storage_gb": 1000,
                    "parcours_storage_type": "hdd",
                    "parcours_os": "Windows 10 Pro",
                    "parcours_battery_health": 0,
                    "parcours_weight": 5.0,
                    "parcours_stage": "received",
                },
                {
                    "name": "FR-001",
                    "product_id": self.laptop.id,
                    "parcours_cpu": "Intel Core i7-8650U",
                    "parcours_ram_gb": 16,
                    "parcours_storage_gb": 512,
                    "parcours_storage_type": "ssd",
                    "parcours_os": "Windows 10 Famille",
                    "parcours_battery_health": 72,
                    "parcours_weight": 1.62,
                    "parcours_stage": "received",
                },
            ],
        )
        self.assertEqual(lot.state, "received")
        self.assertAlmostEqual(lot.received_weight, 6.62, places=6)

    # ------------------------------------------------------------ bad input
    def test_negative_lot_weight_is_refused(self):
        lot = self._lot()
        wizard = self._intake(
            lot,
            received_weight=-12.0,
            line_ids=[
                Command.create({"serial": "NEG-LOT-1", "product_id": self.laptop.id})
            ],
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("weight received cannot be negative", str(caught.exception))
        self._assert_nothing_received(lot, ["NEG-LOT-1"])

    def test_negative_device_weight_is_refused(self):
        lot = self._lot()
        wizard = self._intake(
            lot,
            line_ids=[
                Command.create({"serial": "OK-1", "product_id": self.laptop.id}),
                Command.create(
                    {
                        "serial": "NEG-DEV-2",
                        "product_id": self.laptop.id,
                        "weight": -1.5,
                    }
                ),
            ],
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("Nothing was received", str(caught.exception))
        self.assertIn(
            "NEG-DEV-2: weight (kg) cannot be negative", str(caught.exception)
        )
        self.assertNotIn("OK-1", str(caught.exception))
        self._assert_nothing_received(lot, ["OK-1", "NEG-DEV-2"])

    def test_missing_weight_with_model_without_default_weight(self):
        lot = self._lot()
        wizard = self._intake(
            lot,
            line_ids=[
                Command.create({"serial": "TAB-1", "product_id": self.tablet.id}),
                Command.create(
                    {"serial": "TAB-2", "product_id": self.tablet.id, "weight": 0.6}
                ),
            ],
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        message = str(caught.exception)
        self.assertIn("TAB-1: the weight is missing", message)
        self.assertIn("Test Tablet Without Weight", message)
        self.assertNotIn("TAB-2", message, "a weighed tablet is fine")
        self._assert_nothing_received(lot, ["TAB-1", "TAB-2"])

    def test_serial_repeated_in_one_lot(self):
        lot = self._lot()
        rows = [
            ["DUP-1", "T-LAP14", "", "", "", "", "", "", ""],
            ["DUP-2", "T-LAP14", "", "", "", "", "", "", ""],
            ["DUP-1", "T-LAP14", "", "", "", "", "", "", ""],
        ]
        wizard = self._intake(lot, file=self._csv_file(rows), filename="dup.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("DUP-1: typed twice in this lot", str(caught.exception))
        self._assert_nothing_received(lot, ["DUP-1", "DUP-2"])

    def test_serial_already_registered_in_another_lot(self):
        first = self._lot()
        self._intake(
            first,
            line_ids=[
                Command.create({"serial": "TWICE-1", "product_id": self.laptop.id})
            ],
        ).action_receive()

        second = self._lot()
        wizard = self._intake(
            second,
            line_ids=[
                Command.create({"serial": "NEW-1", "product_id": self.laptop.id}),
                Command.create({"serial": "TWICE-1", "product_id": self.laptop.id}),
            ],
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        message = str(caught.exception)
        self.assertIn("TWICE-1: a [T-LAP14] Test Laptop 14", message)
        self.assertIn("already registered (lot %s)" % first.name, message)
        self._assert_nothing_received(second, ["NEW-1"])
        self.assertEqual(
            self.env["stock.lot"]
            .search([("name", "=", "TWICE-1")])
            .parcours_donation_lot_id,
            first,
        )

    def test_same_serial_on_another_model_is_not_a_duplicate(self):
        """A serial is unique per model: a desktop may share a laptop's serial.

        Serials are unique per product in Odoo and the intake itself keys the
        "typed twice" check on (serial, model); the check against registered
        devices must use the same key and not refuse a new laptop because a
        desktop of the same lot wears a serial already given to another desktop.
        """
        first = self._lot()
        self._intake(
            first,
            line_ids=[
                Command.create({"serial": "SHARED-1", "product_id": self.desktop.id})
            ],
        ).action_receive()

        second = self._lot()
        self._intake(
            second,
            line_ids=[
                Command.create({"serial": "SHARED-1", "product_id": self.laptop.id}),
                Command.create({"serial": "OTHER-2", "product_id": self.desktop.id}),
            ],
        ).action_receive()
        self.env.invalidate_all()
        self.assertEqual(second.state, "received")
        self.assertEqual(
            self._devices(second).mapped("display_name"), ["OTHER-2", "SHARED-1"]
        )

    def test_unknown_model_in_spreadsheet(self):
        lot = self._lot()
        rows = [
            ["UNK-1", "T-LAP14", "", "", "", "", "", "", ""],
            ["UNK-2", "Commodore 64", "", "", "", "", "", "", ""],
        ]
        wizard = self._intake(lot, file=self._csv_file(rows), filename="unknown.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn(
            "row 3: unknown device model 'Commodore 64'", str(caught.exception)
        )
        self._assert_nothing_received(lot, ["UNK-1", "UNK-2"])

    def test_product_that_is_not_a_device(self):
        lot = self._lot()
        typed = self._intake(
            lot,
            line_ids=[
                Command.create(
                    {"serial": "TONER-1", "product_id": self.not_a_device.id}
                )
            ],
        )
        with self.assertRaises(UserError) as caught:
            typed.action_receive()
        self.assertIn(
            "TONER-1: [T-TONER] Test Toner is not a device model tracked by serial",
            str(caught.exception),
        )
        self._assert_nothing_received(lot, ["TONER-1"])

        # In a spreadsheet, a product that is not a device model is not found.
        imported = self._intake(
            lot,
            file=self._csv_file([["TONER-2", "T-TONER", "", "", "", "", "", "", ""]]),
            filename="toner.csv",
        )
        with self.assertRaises(UserError) as caught:
            imported.action_receive()
        self.assertIn("row 2: unknown device model 'T-TONER'", str(caught.exception))
        self._assert_nothing_received(lot, ["TONER-1", "TONER-2"])

    def test_spreadsheet_without_serial_column(self):
        lot = self._lot()
        wizard = self._intake(
            lot,
            file=self._csv_file([["T-LAP14", "1.5"]], header=["model", "weight"]),
            filename="no_serial.csv",
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("'serial'", str(caught.exception))
        self.assertIn("found: model, weight", str(caught.exception))
        self._assert_nothing_received(lot, [])

    def test_csv_of_serials_only_names_missing_model_column(self):
        """A one-column CSV (serials only) says the 'model' column is missing.

        There is no delimiter to sniff in a one-column file: the operator must
        get the same clear message as for any other missing column, not a
        ``csv.Error`` traceback.
        """
        lot = self._lot()
        content = base64.b64encode(b"serial\nONECOL-1\nONECOL-2\n")
        wizard = self._intake(lot, file=content, filename="serials.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("'model'", str(caught.exception))
        self._assert_nothing_received(lot, ["ONECOL-1", "ONECOL-2"])

    def test_missing_serial_names_the_spreadsheet_row(self):
        """A row without serial is named by its row number in the spreadsheet.

        Row 1 is the header, so the second device is on row 3, as the unknown
        model message already counts.
        """
        lot = self._lot()
        rows = [
            ["ROW-1", "T-LAP14", "", "", "", "", "", "", ""],
            ["", "T-LAP14", "", "", "", "", "", "", ""],
        ]
        wizard = self._intake(lot, file=self._csv_file(rows), filename="rows.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("row 3: the serial number is missing", str(caught.exception))
        self._assert_nothing_received(lot, ["ROW-1"])

    def test_battery_health_over_100_names_the_serial(self):
        """Specs out of range are refused with the serial, not a database error."""
        lot = self._lot()
        rows = [
            ["BAT-1", "T-LAP14", "", "", "", "", "", "80", ""],
            ["BAT-2", "T-LAP14", "", "", "", "", "", "180", ""],
        ]
        wizard = self._intake(lot, file=self._csv_file(rows), filename="battery.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn(
            "BAT-2: battery health (%) must be at most 100, not 180",
            str(caught.exception),
        )
        self._assert_nothing_received(lot, ["BAT-1", "BAT-2"])

    def test_empty_intake(self):
        lot = self._lot()
        wizard = self._intake(lot)
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("there is nothing to receive", str(caught.exception))
        self._assert_nothing_received(lot, [])

        # A file holding only its header is empty too.
        wizard = self._intake(lot, file=self._csv_file([]), filename="empty.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("there is nothing to receive", str(caught.exception))
        self._assert_nothing_received(lot, [])

    def test_receiving_a_lot_twice(self):
        lot = self._lot()
        first = self._intake(
            lot,
            line_ids=[
                Command.create({"serial": "ONCE-1", "product_id": self.laptop.id})
            ],
        )
        first.action_receive()
        picking = lot.picking_id

        # A wizard left open in another tab, submitted after the first one.
        again = (
            self.env["parcours.lot.intake"]
            .with_user(self.esat_user)
            .create(
                {
                    "donation_lot_id": lot.id,
                    "line_ids": [
                        Command.create(
                            {"serial": "ONCE-2", "product_id": self.laptop.id}
                        )
                    ],
                }
            )
        )
        with self.assertRaises(UserError) as caught:
            again.action_receive()
        self.assertIn("already received", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            lot.with_user(self.esat_user).action_open_intake()
        self.assertIn("already received", str(caught.exception))

        self.env.invalidate_all()
        self.assertEqual(self._devices(lot).mapped("name"), ["ONCE-1"])
        self.assertEqual(lot.picking_id, picking)
        self.assertEqual(
            self.env["stock.picking"].search_count([("origin", "=", lot.name)]), 1
        )
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "ONCE-2")]))

    def test_declared_quantity_and_weight_cannot_be_negative(self):
        """Out of range, the value is refused with a message, before the database."""
        Lot = self.env["parcours.donation.lot"]
        before = Lot.search_count([])
        for field_name, value, label in (
            ("declared_qty", -3, "Declared quantity"),
            ("declared_weight", -0.5, "Declared weight (kg)"),
            ("declared_qty", 2**40, "Declared quantity"),
            ("declared_weight", float("inf"), "Declared weight (kg)"),
        ):
            with self.subTest(field=field_name, value=value):
                with self.assertRaises(ValidationError) as caught:
                    self._new_lot(user=self.esat_user, **{field_name: value})
                self.assertIn(f"{label} must be between 0 and", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(Lot.search_count([]), before)

    # -------------------------------------------------------- unreadable files
    def _refused_file(self, content, filename, *expected):
        lot = self._lot()
        wizard = self._intake(lot, file=base64.b64encode(content), filename=filename)
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        for part in expected:
            self.assertIn(part, str(caught.exception))
        self._assert_nothing_received(lot, [])
        return str(caught.exception)

    def test_binary_garbage_says_how_to_save_the_file(self):
        garbage = bytes(range(256)) * 4
        self._refused_file(
            garbage,
            "inventaire.csv",
            "inventaire.csv",
            "save it as CSV (UTF-8) or XLSX",
        )
        self._refused_file(
            b"serial,model\nA\x00B,T-LAP14\n",
            "nul.csv",
            "not a spreadsheet saved as text",
        )
        self._refused_file(
            b"PK\x03\x04 not really a workbook",
            "book.xlsx",
            "cannot be read as a spreadsheet",
        )

    def test_csv_in_other_encodings(self):
        """Excel on a French Windows writes cp1252; "Unicode text" is UTF-16."""
        text = "serial;model;os\nENC-1;T-LAP14;Windows 10 Éducation\n"
        for encoding in ("cp1252", "utf-16"):
            with self.subTest(encoding=encoding):
                lot = self._lot()
                self._intake(
                    lot,
                    file=base64.b64encode(
                        text.replace("ENC-1", f"ENC-{encoding}").encode(encoding)
                    ),
                    filename="lot.csv",
                ).action_receive()
                self.assertEqual(self._devices(lot).parcours_os, "Windows 10 Éducation")

    def test_ragged_rows_are_named(self):
        content = (
            b"serial,model,cpu\n"
            b"RAG-1,T-LAP14,Intel Core i5\n"
            b"RAG-2,T-LAP14,Intel Core i5, 8th gen\n"
        )
        self._refused_file(
            content,
            "ragged.csv",
            "row 3 has more cells than the header row (3 columns)",
        )
        # A quoted text with the separator in it is one cell.
        lot = self._lot()
        self._intake(
            lot,
            file=base64.b64encode(
                b'serial,model,cpu\nRAG-3,T-LAP14,"Intel Core i5, 8th gen"\n'
            ),
            filename="quoted.csv",
        ).action_receive()
        self.assertEqual(self._devices(lot).parcours_cpu, "Intel Core i5, 8th gen")

    def test_numbers_out_of_range_say_what_to_fix(self):
        """RAM 99999999999 used to end in a database error."""
        rows = [
            ["BIG-1", "T-LAP14", "", "99999999999", "", "", "", "", ""],
            ["BIG-2", "T-LAP14", "", "", "-5", "", "", "", ""],
            ["BIG-3", "T-LAP14", "", "", "", "", "", "", "1e400"],
            ["BIG-4", "T-LAP14", "", "lots", "", "", "", "", ""],
        ]
        lot = self._lot()
        wizard = self._intake(lot, file=self._csv_file(rows), filename="big.csv")
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        message = str(caught.exception)
        self.assertIn("BIG-1: RAM (GB) must be at most 4096, not 99999999999", message)
        self.assertIn("BIG-2: storage (GB) cannot be negative", message)
        self.assertIn("BIG-3: weight (kg) must be at most 500.0, not inf", message)
        self.assertIn(
            "row 5: RAM, storage, battery and weight must be numbers", message
        )
        self._assert_nothing_received(lot, ["BIG-1", "BIG-2", "BIG-3", "BIG-4"])

    def test_typed_numbers_beyond_a_column_are_refused_clearly(self):
        lot = self._lot()
        with self.assertRaises(ValidationError) as caught:
            self._intake(
                lot,
                line_ids=[
                    Command.create(
                        {
                            "serial": "BIG-T",
                            "product_id": self.laptop.id,
                            "ram_gb": 2**40,
                        }
                    )
                ],
            )
        self.assertIn("RAM (GB) must be between", str(caught.exception))
        self._assert_nothing_received(lot, ["BIG-T"])

    def test_serials_are_trimmed(self):
        lot = self._lot()
        rows = [["  TRIM-1 ", "T-LAP14", "", "", "", "", "", "", ""]]
        self._intake(
            lot, file=self._csv_file(rows), filename="trim.csv"
        ).action_receive()
        self.assertEqual(self._devices(lot).mapped("name"), ["TRIM-1"])
        # The same serial with spaces is the same serial.
        again = self._lot()
        wizard = self._intake(
            again,
            line_ids=[
                Command.create({"serial": "TRIM-1 ", "product_id": self.laptop.id})
            ],
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_receive()
        self.assertIn("TRIM-1: a [T-LAP14] Test Laptop 14", str(caught.exception))
        self._assert_nothing_received(again, [])

    # ------------------------------------------------------ remote client
    def test_dry_run_lists_every_error_and_writes_nothing(self):
        lot = self._lot().with_user(self.esat_user)
        rows = [
            {"serial": "DRY-1", "model": "T-LAP14", "ram_gb": 8},
            {"serial": "DRY-1", "product_id": self.laptop.id},
            {"serial": "DRY-2", "model": "Commodore 64"},
            {"serial": "", "model": "T-DSK", "battery_health": 180},
        ]
        errors = lot.parcours_check_intake(rows)
        self.assertEqual(
            errors,
            [
                "row 3: unknown device model 'Commodore 64'",
                "DRY-1: typed twice in this lot",
                "row 4: the serial number is missing",
                "row 4: battery health (%) must be at most 100, not 180",
            ],
        )
        self._assert_nothing_received(lot, ["DRY-1", "DRY-2"])
        self.assertEqual(lot.parcours_check_intake(rows[:1]), [])
        self._assert_nothing_received(lot, ["DRY-1"])

    def test_remote_client_receives_a_lot(self):
        lot = self._lot().with_user(self.esat_user)
        picking_id = lot.parcours_receive(
            [
                {"serial": "RPC-1", "model": "t-lap14", "ram_gb": 16, "weight": 1.4},
                {"serial": "RPC-2", "product_id": self.desktop.id},
            ],
            received_weight=6.5,
        )
        self.env.invalidate_all()
        self.assertEqual(lot.picking_id.id, picking_id)
        self.assertEqual(lot.state, "received")
        self.assertRecordValues(
            self._devices(lot),
            [
                {"name": "RPC-1", "product_id": self.laptop.id, "parcours_ram_gb": 16},
                {"name": "RPC-2", "product_id": self.desktop.id, "parcours_ram_gb": 0},
            ],
        )

    def test_an_operator_without_email_receives_a_lot(self):
        """A lot reception failed with "Unable to send message" (demo accounts)."""
        operator = new_test_user(
            self.env,
            login="esat_no_email",
            groups="base.group_user,parcours_devices.group_workshop_operator",
            parcours_organisation_id=self.esat.id,
            email=False,
        )
        self.assertFalse(operator.email)
        # With the chatter and its tracking on, as in production.
        env = self.env(
            user=operator,
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False),
        )
        lot = self._new_lot(user=operator).with_env(env)
        self._intake(
            lot,
            line_ids=[
                Command.create({"serial": "MAIL-1", "product_id": self.laptop.id})
            ],
        ).with_env(env).action_receive()
        order = env["parcours.work.order"].browse(lot.action_start_triage()["res_id"])
        order.action_start()
        order.line_ids.write({"result": "pass", "employee_id": self.esat_worker.id})
        order.action_done()
        env.cr.precommit.run()  # the tracking is posted on commit, by the operator
        self.env.invalidate_all()
        self.assertEqual(lot.state, "triaged")
        self.assertIn("1 devices received in", lot.message_ids.mapped("body")[-1])
