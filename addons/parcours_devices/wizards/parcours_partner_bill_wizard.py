# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models


def _first_day_of_last_month(wizard):
    return fields.Date.context_today(wizard).replace(day=1) - relativedelta(months=1)


def _last_day_of_last_month(wizard):
    return fields.Date.context_today(wizard).replace(day=1) - relativedelta(days=1)


class ParcoursPartnerBillWizard(models.TransientModel):
    """The dialog that bills the partners' work of a period.

    It only collects the period and the organisations: the bills are built by
    ``parcours.work.order.line._parcours_create_bills``.
    """

    _name = "parcours.partner.bill.wizard"
    _description = "Create partner bills"

    date_from = fields.Date(required=True, default=_first_day_of_last_month)
    date_to = fields.Date(required=True, default=_last_day_of_last_month)
    organisation_ids = fields.Many2many(
        "parcours.organisation",
        string="Organisations",
        domain=[("role", "in", ("workshop", "refurbisher"))],
        help="Leave empty to bill every partner.",
    )

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
