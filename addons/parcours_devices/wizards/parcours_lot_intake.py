# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.parcours_donation_lot import format_errors


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
        """Receive the lot: see ``parcours.donation.lot._receive_devices``.

        The file is read by the import engine (``parcours.import``), as the
        remote client's files are.
        """
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

    def _read_file(self):
        """The device rows of the imported file, and the errors of its cells."""
        if not self.file:
            return [], []
        Import = self.env["parcours.import"]
        sheet = Import._parcours_import_sheet(
            "lot", file=self.file, filename=self.filename or ""
        )
        if sheet.unreadable:
            raise UserError("\n".join(sheet.error_lines()))
        rows = Import._parcours_import_lot_rows(sheet)
        return rows, sheet.error_lines()
