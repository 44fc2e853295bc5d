# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


def _first_day_of_last_month(wizard):
    return fields.Date.context_today(wizard).replace(day=1) - relativedelta(months=1)


def _last_day_of_last_month(wizard):
    return fields.Date.context_today(wizard).replace(day=1) - relativedelta(days=1)


class ParcoursPartnerPeriodMixin(models.AbstractModel):
    """A period of the partners' work, last month by default, and the partners."""

    _name = "parcours.partner.period.mixin"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Period of the partners' work"

    date_from = fields.Date(required=True, default=_first_day_of_last_month)
    date_to = fields.Date(required=True, default=_last_day_of_last_month)
    organisation_ids = fields.Many2many(
        "parcours.organisation",
        string="Organisations",
        domain=[("role", "in", ("workshop", "refurbisher"))],
        help="Leave empty for every partner.",
    )

    def _check_period(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(
                self.env._("The period ends before it starts: swap the two dates.")
            )
