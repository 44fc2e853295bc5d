# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    parcours_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Parcours organisation",
        index="btree_not_null",
        ondelete="restrict",
        help="The organisation that holds the devices stored here.",
    )
