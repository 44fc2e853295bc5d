# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.parcours_base import INTEGER_COLUMN
from odoo.addons.parcours_base.identifiers import control_characters

from ..models.parcours_values import STORAGE_TYPES


class ParcoursLotIntakeLine(models.TransientModel):
    _name = "parcours.lot.intake.line"
    _description = "Device typed in at lot intake"
    # Only what the columns can hold: the intake checks the values themselves,
    # every row at once (parcours.donation.lot._check_intake_rows).
    _inherit = ["parcours.protected.mixin"]
    _parcours_ranges = {
        "ram_gb": INTEGER_COLUMN,
        "storage_gb": INTEGER_COLUMN,
        "battery_health": INTEGER_COLUMN,
    }

    wizard_id = fields.Many2one(
        "parcours.lot.intake", required=True, ondelete="cascade"
    )
    serial = fields.Char(string="Serial number", required=True)
    product_id = fields.Many2one(
        "product.product",
        string="Device model",
        required=True,
        domain=[("parcours_device_type", "!=", False)],
    )
    cpu = fields.Char(string="CPU")
    ram_gb = fields.Integer(string="RAM (GB)")
    storage_gb = fields.Integer(string="Storage (GB)")
    storage_type = fields.Selection(STORAGE_TYPES)
    os = fields.Char(string="Operating system")
    battery_health = fields.Integer(string="Battery health (%)")
    weight = fields.Float(string="Weight (kg)", digits="Stock Weight")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_text_cells(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_text_cells(vals)
        return super().write(vals)

    def _check_text_cells(self, vals):
        """A control character (NUL...) is refused as a typing error, before
        the database refuses it with an error nobody can act on."""
        for name in ("serial", "cpu", "os"):
            characters = control_characters(vals.get(name))
            if characters:
                raise ValidationError(
                    self.env._(
                        "%(field)s %(value)s holds a control character "
                        "(%(chars)s) that no text may hold: type it again.",
                        field=self._fields[name]._description_string(self.env),
                        value=repr(vals[name]),
                        chars=", ".join(characters),
                    )
                )

    def _to_row(self):
        return {
            "serial": self.serial,
            "product": self.product_id,
            "cpu": self.cpu,
            "ram_gb": self.ram_gb,
            "storage_gb": self.storage_gb,
            "storage_type": self.storage_type,
            "os": self.os,
            "battery_health": self.battery_health,
            "weight": self.weight,
        }
