# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# DEVICE_TYPES stays importable from here: parcours_beneficiaries imports it.
from .parcours_values import DEVICE_TYPES, WORK_TYPES

# The WEEE categories of directive 2012/19/EU, annex III (décret 2014-928 in
# France). They classify whole appliances.
WEEE_CATEGORIES = [
    ("1", "1 - Temperature exchange equipment"),
    ("2", "2 - Screens and monitors"),
    ("3", "3 - Lamps"),
    ("4", "4 - Large equipment"),
    ("5", "5 - Small equipment"),
    ("6", "6 - Small IT and telecommunication equipment"),
    ("7", "7 - Large photovoltaic panels"),
]
# A laptop, a tablet and a monitor hold a screen over 100 cm2: category 2; a
# desktop tower has no dimension over 50 cm: category 6.
DEVICE_WEEE_CATEGORY = {"laptop": "2", "tablet": "2", "screen": "2", "desktop": "6"}


class ProductTemplate(models.Model):
    _inherit = "product.template"

    parcours_device_type = fields.Selection(
        DEVICE_TYPES,
        string="Device type",
        help="Set on the device models handled by the Parcours numérique solidaire. "
        "Such products are storable and tracked by serial number.",
    )
    parcours_weee_category = fields.Selection(
        WEEE_CATEGORIES,
        string="WEEE category",
        compute="_compute_parcours_weee_category",
        store=True,
        readonly=False,
        help="The category of the whole appliance, from its device type; change "
        "it for a model that differs (e.g. an all-in-one desktop: 2).",
    )
    parcours_work_type = fields.Selection(
        WORK_TYPES,
        string="Billed work type",
        help="Service product used on partner bills for this kind of work.",
    )

    @api.depends("parcours_device_type")
    def _compute_parcours_weee_category(self):
        for template in self:
            template.parcours_weee_category = DEVICE_WEEE_CATEGORY.get(
                template.parcours_device_type
            )
