# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # The yearly objective of the Parcours and the factors of its environmental
    # figures. Defaults: the département's objective and the ADEME figures.
    parcours_yearly_target = fields.Integer(
        string="Devices per year (target)",
        default=500,
        help="How many devices the Parcours aims to collect, refurbish and lend "
        "each year. The dashboard measures each flow against it.",
    )
    parcours_use_years = fields.Float(
        string="Years of use of a refurbished device",
        default=2.0,
        help="Years a refurbished device is used instead of a new one: the "
        "duration of a loan.",
    )
    parcours_co2_use_laptop = fields.Float(
        string="CO2e avoided per year of use of a laptop (kg)",
        default=27.0,
        help="ADEME 2022 study on refurbished products: a refurbished laptop "
        "used instead of a new one avoids about 27 kg CO2e per year of use.",
    )
    parcours_raw_materials_laptop = fields.Float(
        string="Raw materials saved per laptop (kg)",
        default=127.0,
        help="ADEME 2022 study on refurbished products: about 127 kg of raw "
        "materials saved per refurbished laptop.",
    )
    parcours_co2_make_laptop = fields.Float(
        string="Manufacturing of a laptop (kg CO2e)",
        default=124.0,
        help="ADEME Base Carbone 27002.",
    )
    parcours_co2_transport_laptop = fields.Float(
        string="Transport of a laptop (kg CO2e)", default=32.0
    )
    parcours_co2_make_desktop = fields.Float(
        string="Manufacturing of a desktop (kg CO2e)",
        default=94.0,
        help="ADEME Base Carbone 27002.",
    )
    parcours_co2_transport_desktop = fields.Float(
        string="Transport of a desktop (kg CO2e)", default=75.0
    )
    parcours_weight_laptop = fields.Float(
        string="Mean weight of a laptop (kg)", default=3.15
    )
    parcours_weight_desktop = fields.Float(
        string="Mean weight of a desktop (kg)", default=11.3
    )

    _sql_constraints = [
        (
            "parcours_factors_positive",
            "CHECK(parcours_yearly_target >= 0 AND parcours_use_years >= 0 "
            "AND parcours_co2_use_laptop >= 0 AND parcours_raw_materials_laptop >= 0 "
            "AND parcours_co2_make_laptop >= 0 AND parcours_co2_transport_laptop >= 0 "
            "AND parcours_co2_make_desktop >= 0 "
            "AND parcours_co2_transport_desktop >= 0 "
            "AND parcours_weight_laptop >= 0 AND parcours_weight_desktop >= 0)",
            "The yearly target and the environmental factors cannot be negative.",
        ),
    ]
