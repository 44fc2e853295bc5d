# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# ADEME/Arcep 2022, "Évaluation de l'impact environnemental du numérique en
# France", as ADEME's own Impact CO2 uses it (incubateur-ademe/impactco2,
# src/data/categories/numerique.json: "ecv" id 5 "Construction" and id 4
# "Assemblage et distribution", kg CO2e): a laptop ("ordinateurportable") and a
# professional desktop without screen ("ordinateurfixeprofessionnel").
LAPTOP_MAKE, LAPTOP_TRANSPORT = 170.3, 12.3
DESKTOP_MAKE, DESKTOP_TRANSPORT = 202.6, 1.8


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
        help="ADEME, 9 September 2022, \"Évaluation de l'impact environnemental "
        "d'un ensemble de produits reconditionnés\": a refurbished laptop used "
        "instead of a new one avoids about 27 kg CO2e per year of use.",
    )
    parcours_raw_materials_laptop = fields.Float(
        string="Raw materials saved per year of use of a laptop (kg)",
        default=127.0,
        help="ADEME, 9 September 2022, \"Évaluation de l'impact environnemental "
        "d'un ensemble de produits reconditionnés\": a refurbished laptop used "
        "instead of a new one saves about 127 kg of raw materials per year of "
        "use.",
    )
    parcours_co2_make_laptop = fields.Float(
        string="Manufacturing of a laptop (kg CO2e)",
        default=LAPTOP_MAKE,
        help="ADEME/Arcep 2022, \"Évaluation de l'impact environnemental du "
        "numérique en France\", as ADEME's Impact CO2 uses it: construction of "
        "a laptop, 170.3 kg CO2e.",
    )
    parcours_co2_transport_laptop = fields.Float(
        string="Assembly and distribution of a laptop (kg CO2e)",
        default=LAPTOP_TRANSPORT,
        help="ADEME/Arcep 2022, as ADEME's Impact CO2 uses it: assembly and "
        "distribution of a laptop, 12.3 kg CO2e.",
    )
    parcours_co2_make_desktop = fields.Float(
        string="Manufacturing of a desktop (kg CO2e)",
        default=DESKTOP_MAKE,
        help="ADEME/Arcep 2022, as ADEME's Impact CO2 uses it: construction of "
        "a professional desktop without screen, 202.6 kg CO2e.",
    )
    parcours_co2_transport_desktop = fields.Float(
        string="Assembly and distribution of a desktop (kg CO2e)",
        default=DESKTOP_TRANSPORT,
        help="ADEME/Arcep 2022, as ADEME's Impact CO2 uses it: assembly and "
        "distribution of a professional desktop without screen, 1.8 kg CO2e.",
    )

    # Erasures (certificate of sanitisation, NIST SP 800-88): one signature for
    # the operator, one for the verifier.
    parcours_erasure_two_people = fields.Boolean(
        string="Erasures verified by a second person",
        default=False,
        help="The verifier of an erasure must be another person than its "
        "operator, as the certificate of sanitisation (NIST SP 800-88) has one "
        "signature for each.",
    )

    _sql_constraints = [
        (
            "parcours_factors_positive",
            "CHECK(parcours_yearly_target >= 0 AND parcours_use_years >= 0 "
            "AND parcours_co2_use_laptop >= 0 AND parcours_raw_materials_laptop >= 0 "
            "AND parcours_co2_make_laptop >= 0 AND parcours_co2_transport_laptop >= 0 "
            "AND parcours_co2_make_desktop >= 0 "
            "AND parcours_co2_transport_desktop >= 0)",
            "The yearly target and the environmental factors cannot be negative.",
        ),
    ]
