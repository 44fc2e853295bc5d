# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import contextlib
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.parcours_donation_lot import format_errors

# Column headers accepted in an imported spreadsheet, English or French.
COLUMNS = {
    "serial": (
        "serial",
        "serial number",
        "numéro de série",
        "numero de serie",
        "série",
    ),
    "model": ("model", "device model", "modèle", "modele", "reference", "référence"),
    "cpu": ("cpu", "processor", "processeur"),
    "ram_gb": ("ram", "ram_gb", "ram (gb)", "ram (go)", "mémoire"),
    "storage_gb": (
        "storage",
        "storage_gb",
        "storage (gb)",
        "stockage",
        "stockage (go)",
    ),
    "storage_type": ("storage type", "storage_type", "type de stockage"),
    "os": ("os", "operating system", "système", "systeme"),
    "battery_health": ("battery", "battery_health", "battery health (%)", "batterie"),
    "weight": ("weight", "weight (kg)", "poids", "poids (kg)"),
}
# Encodings a spreadsheet saved as CSV comes in, tried in this order: UTF-8 (with
# or without its mark), then what Excel writes on a French Windows.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")


class ParcoursLotIntake(models.TransientModel):
    """Receive a donation lot: create all its serials and the receipt at once."""

    _name = "parcours.lot.intake"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Donation lot intake"

    donation_lot_id = fields.Many2one(
        "parcours.donation.lot", required=True, ondelete="cascade"
    )
    received_date = fields.Date(required=True, default=fields.Date.context_today)
    received_weight = fields.Float(
        string="Weight received (kg)",
        digits="Stock Weight",
        help="Weighed on arrival. Left empty, the weights of the devices are added up.",
    )
    line_ids = fields.One2many(
        "parcours.lot.intake.line", "wizard_id", string="Devices typed in"
    )
    file = fields.Binary(
        string="Spreadsheet",
        help="XLSX or CSV file, one device per row, with a header row: serial, "
        "model, and optionally cpu, ram, storage, storage type, os, battery, weight.",
    )
    filename = fields.Char()

    def action_receive(self):
        """Receive the lot: see ``parcours.donation.lot._receive_devices``."""
        self.ensure_one()
        file_rows, errors = self._read_file()
        rows = [line._to_row() for line in self.line_ids] + file_rows
        if errors:
            # Every error at once: those of the file, then those of its devices.
            lot = self.donation_lot_id
            lot._parcours_check_step_access()
            raise UserError(
                format_errors(self.env, errors + lot._check_intake_rows(rows))
            )
        return self.donation_lot_id._receive_devices(
            rows, received_weight=self.received_weight, received_date=self.received_date
        )

    # ------------------------------------------------------------------ parsing
    def _read_file(self):
        """The device rows of the imported file, and the errors of its rows."""
        if not self.file:
            return [], []
        content = base64.b64decode(self.file)
        name = (self.filename or "").lower()
        if name.endswith(".xlsx") or content[:2] == b"PK":
            table = self._read_xlsx(content)
        else:
            table = self._read_csv(content)
        return self._table_to_rows(table)

    def _read_xlsx(self, content):
        import openpyxl

        try:
            book = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file %(file)s cannot be read as a spreadsheet (%(error)s): "
                    "save it as XLSX or CSV and try again.",
                    file=self.filename or "",
                    error=error,
                )
            ) from error
        return [list(row) for row in book.active.iter_rows(values_only=True)]

    def _read_csv(self, content):
        text = self._decode_csv(content)
        lines = text.splitlines()
        try:
            dialect = csv.Sniffer().sniff(lines[0] if lines else ",", ";,\t")
        except csv.Error:
            dialect = csv.excel  # one column: nothing to sniff
        try:
            return list(csv.reader(io.StringIO(text), dialect))
        except csv.Error as error:
            raise UserError(
                self.env._(
                    "The file %(file)s cannot be read as CSV (%(error)s): open it in "
                    "a spreadsheet, save it as CSV or XLSX and try again.",
                    file=self.filename or "",
                    error=error,
                )
            ) from error

    def _decode_csv(self, content):
        """The text of a CSV file, or a message saying how to save it."""
        if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
            with contextlib.suppress(UnicodeDecodeError):
                return content.decode("utf-16")
        elif b"\x00" not in content:
            for encoding in CSV_ENCODINGS:
                try:
                    text = content.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if not any(ord(char) < 32 and char not in "\t\r\n\f" for char in text):
                    return text
        raise UserError(
            self.env._(
                "The file %(file)s is not a spreadsheet saved as text: save it as CSV "
                "(UTF-8) or XLSX and try again.",
                file=self.filename or "",
            )
        )

    def _parse_row(self, number, cells, index, products, width):
        """One spreadsheet row as a device row, or the error that row has.

        ``width`` is the number of columns the header row names.
        """

        def cell(key):
            position = index.get(key)
            if position is None or position >= len(cells):
                return None
            value = cells[position]
            return value.strip() if isinstance(value, str) else value

        if any(value not in (None, "") for value in cells[width:]):
            return None, self.env._(
                "row %(row)s has more cells than the header row (%(count)s columns): "
                "check the separator, or put quotes around a text that holds one",
                row=number,
                count=width,
            )
        model = str(cell("model") or "").strip()
        product = products.get(model.lower())
        if not product:
            return None, self.env._(
                "row %(row)s: unknown device model '%(model)s'", row=number, model=model
            )
        try:
            row = {
                "row": number,
                "serial": str(cell("serial") or "").strip(),
                "product": product,
                "cpu": cell("cpu") or False,
                "ram_gb": self._number(cell("ram_gb"), integer=True),
                "storage_gb": self._number(cell("storage_gb"), integer=True),
                "storage_type": (str(cell("storage_type") or "").lower() or False),
                "os": cell("os") or False,
                "battery_health": self._number(cell("battery_health"), integer=True),
                "weight": self._number(cell("weight")),
            }
        except (ValueError, TypeError, OverflowError):
            return None, self.env._(
                "row %(row)s: RAM, storage, battery and weight must be numbers",
                row=number,
            )
        return row, None

    @staticmethod
    def _number(value, integer=False):
        """A number of a cell: 4,5 and 4.5 alike; an empty cell is 0."""
        if value in (None, ""):
            return 0
        if isinstance(value, str):
            value = float(value.replace(",", ".").replace(" ", ""))
        return int(float(value)) if integer else float(value)

    def _table_to_rows(self, table):
        def blank(cells):
            return not any(cell not in (None, "") for cell in cells)

        # Row numbers are the spreadsheet's own, blank rows included.
        numbered = [
            (number, cells)
            for number, cells in enumerate(table, start=1)
            if not blank(cells)
        ]
        if not numbered:
            return [], []
        table = [cells for __, cells in numbered]
        header = [str(cell or "").strip().lower() for cell in table[0]]
        index = {}
        for key, names in COLUMNS.items():
            for position, title in enumerate(header):
                if title in names:
                    index[key] = position
                    break
        if "serial" not in index or "model" not in index:
            raise UserError(
                self.env._(
                    "The spreadsheet needs a header row with at least the columns "
                    "'serial' and 'model' (found: %(found)s).",
                    found=", ".join(h for h in header if h) or self.env._("nothing"),
                )
            )
        products = self.env["product.product"]._parcours_device_models_by_key()
        width = max(position for position, title in enumerate(header) if title) + 1
        rows, errors = [], []
        for number, cells in numbered[1:]:
            row, error = self._parse_row(number, cells, index, products, width)
            if error:
                errors.append(error)
            else:
                rows.append(row)
        return rows, errors
