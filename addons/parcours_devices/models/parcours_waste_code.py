# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ParcoursWasteCode(models.Model):
    """A code of the European list of waste (decision 2000/532/EC, article
    R. 541-7 of the French code de l'environnement).

    A code ending with an asterisk is hazardous waste (article R. 541-8): its
    shipments need a tracking slip. No core model holds this list; the codes
    are data (``data/parcours_waste_code_data.xml``).
    """

    _name = "parcours.waste.code"
    _description = "Waste code (European list of waste)"
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, help="Six digits, e.g. 16 02 14 or 20 01 35*.")
    name = fields.Char(required=True, translate=True)
    hazardous = fields.Boolean(compute="_compute_hazardous", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "This waste code already exists."),
    ]

    @api.depends("code")
    def _compute_hazardous(self):
        for waste_code in self:
            waste_code.hazardous = bool(waste_code.code) and waste_code.code.endswith(
                "*"
            )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for waste_code in self:
            waste_code.display_name = f"{waste_code.code} {waste_code.name}"
