# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class ParcoursDeviceFlowReport(models.Model):
    _inherit = "parcours.device.flow.report"

    kind = fields.Selection(selection_add=[("lent", "Lent")])

    _depends = {
        "parcours.loan.agreement": [
            "lot_id",
            "place_id",
            "start_date",
            "delivery_picking_id",
        ],
    }

    @api.model
    def _parcours_flow_queries(self):
        queries = super()._parcours_flow_queries()
        # A device is lent when its agreement is handed over; a renewal keeps the
        # device at home, so it is not lent a second time.
        queries["lent"] = SQL(
            """
            SELECT agreement.id AS source_id, agreement.start_date AS date,
                   agreement.lot_id AS lot_id, agreement.place_id AS organisation_id
              FROM parcours_loan_agreement agreement
             WHERE agreement.delivery_picking_id IS NOT NULL
            """
        )
        return queries
