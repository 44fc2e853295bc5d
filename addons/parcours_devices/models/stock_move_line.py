# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    parcours_stage = fields.Selection(related="lot_id.parcours_stage", string="Stage")
    parcours_grade = fields.Selection(related="lot_id.parcours_grade", string="Grade")

    @api.model_create_multi
    def create(self, vals_list):
        move_lines = super().create(vals_list)
        move_lines.lot_id._parcours_check_moved_by_step()
        return move_lines

    def write(self, vals):
        if not self.env.su:
            devices = self.lot_id
            if vals.get("lot_id"):
                devices |= self.env["stock.lot"].browse(vals["lot_id"])
            devices._parcours_check_moved_by_step()
        return super().write(vals)
