# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
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
STORAGE_TYPES = {"hdd", "ssd", "nvme", "emmc"}


class ParcoursLotIntake(models.TransientModel):
    """Receive a donation lot: create all its serials and the receipt at once."""

    _name = "parcours.lot.intake"
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
        self.ensure_one()
        rows = [line._to_row() for line in self.line_ids] + self._read_file()
        return self.donation_lot_id._receive_devices(
            rows, received_weight=self.received_weight, received_date=self.received_date
        )

    # ------------------------------------------------------------------ parsing
    def _read_file(self):
        if not self.file:
            return []
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
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", ";,\t")
        except csv.Error:
            dialect = csv.excel  # one column: nothing to sniff
        return list(csv.reader(io.StringIO(text), dialect))

    def _products_by_key(self):
        """Device models by reference, name or full name, in lower case."""
        by_key = {}
        products = self.env["product.product"].search(
            [("parcours_device_type", "!=", False)]
        )
        for product in products:
            for key in (product.default_code, product.name, product.display_name):
                if key:
                    by_key.setdefault(key.strip().lower(), product)
        return by_key

    def _parse_row(self, number, cells, index, products):
        """One spreadsheet row as a device row, or the error that row has."""

        def cell(key):
            position = index.get(key)
            if position is None or position >= len(cells):
                return None
            value = cells[position]
            return value.strip() if isinstance(value, str) else value

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
                "ram_gb": int(float(cell("ram_gb") or 0)),
                "storage_gb": int(float(cell("storage_gb") or 0)),
                "storage_type": (str(cell("storage_type") or "").lower() or False),
                "os": cell("os") or False,
                "battery_health": int(float(cell("battery_health") or 0)),
                "weight": float(str(cell("weight") or 0).replace(",", ".")),
            }
        except ValueError:
            return None, self.env._(
                "row %(row)s: RAM, storage, battery and weight must be numbers",
                row=number,
            )
        if row["storage_type"] and row["storage_type"] not in STORAGE_TYPES:
            return None, self.env._(
                "row %(row)s: storage type must be one of %(types)s",
                row=number,
                types=", ".join(sorted(STORAGE_TYPES)),
            )
        return row, None

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
            return []
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
        products = self._products_by_key()
        rows, errors = [], []
        for number, cells in numbered[1:]:
            row, error = self._parse_row(number, cells, index, products)
            if error:
                errors.append(error)
            else:
                rows.append(row)
        if errors:
            raise UserError(format_errors(self.env, errors))
        return rows
