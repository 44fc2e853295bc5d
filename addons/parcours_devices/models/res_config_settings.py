# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    parcours_yearly_target = fields.Integer(
        related="company_id.parcours_yearly_target", readonly=False
    )
    parcours_use_years = fields.Float(
        related="company_id.parcours_use_years", readonly=False
    )
    parcours_co2_use_laptop = fields.Float(
        related="company_id.parcours_co2_use_laptop", readonly=False
    )
    parcours_raw_materials_laptop = fields.Float(
        related="company_id.parcours_raw_materials_laptop", readonly=False
    )
    parcours_co2_make_laptop = fields.Float(
        related="company_id.parcours_co2_make_laptop", readonly=False
    )
    parcours_co2_transport_laptop = fields.Float(
        related="company_id.parcours_co2_transport_laptop", readonly=False
    )
    parcours_co2_make_desktop = fields.Float(
        related="company_id.parcours_co2_make_desktop", readonly=False
    )
    parcours_co2_transport_desktop = fields.Float(
        related="company_id.parcours_co2_transport_desktop", readonly=False
    )
