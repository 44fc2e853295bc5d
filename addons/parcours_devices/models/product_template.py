# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# DEVICE_TYPES stays importable from here: parcours_beneficiaries imports it.
from .parcours_values import DEVICE_TYPES, WORK_TYPES


class ProductTemplate(models.Model):
    _inherit = "product.template"

    parcours_device_type = fields.Selection(
        DEVICE_TYPES,
        string="Device type",
        help="Set on the device models handled by the Parcours numérique solidaire. "
        "Such products are storable and tracked by serial number.",
    )
    parcours_work_type = fields.Selection(
        WORK_TYPES,
        string="Billed work type",
        help="Service product used on partner bills for this kind of work.",
    )
