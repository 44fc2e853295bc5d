# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .parcours_partner_bill_wizard import (
    _first_day_of_last_month,
    _last_day_of_last_month,
)


class ParcoursPartnerPaymentWizard(models.TransientModel):
    """Choose the period and the partners of the partner payments export."""

    _name = "parcours.partner.payment.wizard"
    _description = "Export partner payments"

    date_from = fields.Date(required=True, default=_first_day_of_last_month)
    date_to = fields.Date(required=True, default=_last_day_of_last_month)
    organisation_ids = fields.Many2many(
        "parcours.organisation",
        string="Organisations",
        domain=[("role", "in", ("workshop", "refurbisher"))],
        help="Leave empty to export every partner.",
    )

    def _line_domain(self):
        """The validated work of the period, whether billed yet or not."""
        self.ensure_one()
        domain = [
            ("state", "=", "done"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        if self.organisation_ids:
            domain.append(("organisation_id", "in", self.organisation_ids.ids))
        return domain

    def action_export(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(
                self.env._("The period ends before it starts: swap the two dates.")
            )
        return self.env.ref(
            "parcours_devices.action_report_partner_payments_xlsx"
        ).report_action(self)
