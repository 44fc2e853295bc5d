# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ParcoursPartnerBillWizard(models.TransientModel):
    """The dialog that bills the partners' work of a period.

    It only collects the period and the organisations: the bills are built by
    ``parcours.work.order.line._parcours_create_bills``.
    """

    _name = "parcours.partner.bill.wizard"
    _description = "Create partner bills"
    _inherit = ["parcours.partner.period.mixin"]

    def action_create_bills(self):
        """Bill the period: see ``parcours.work.order.line._parcours_create_bills``."""
        self.ensure_one()
        bills = self.env["parcours.work.order.line"]._parcours_create_bills(
            self.date_from, self.date_to, self.organisation_ids or None
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action["domain"] = [("id", "in", bills.ids)]
        return action
