# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    parcours_agreement_ids = fields.One2many(
        "parcours.loan.agreement",
        "lot_id",
        string="Loans",
        groups="parcours_devices.group_mediator,parcours_devices.group_officer,"
        "parcours_devices.group_accountant",
    )
