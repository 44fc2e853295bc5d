# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    parcours_training_gate = fields.Selection(
        related="company_id.parcours_training_gate", readonly=False
    )
    parcours_training_gate_type_id = fields.Many2one(
        related="company_id.parcours_training_gate_type_id", readonly=False
    )
    parcours_training_gate_days = fields.Integer(
        related="company_id.parcours_training_gate_days", readonly=False
    )
    parcours_pass_value = fields.Monetary(
        related="company_id.parcours_pass_value", readonly=False
    )
