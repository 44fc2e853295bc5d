# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models
from odoo.exceptions import UserError


def _this_year(wizard):
    return fields.Date.context_today(wizard).year


class ParcoursActivityReportWizard(models.TransientModel):
    """Choose the year of the annual activity report for the elected officials."""

    _name = "parcours.activity.report.wizard"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Annual activity report"

    year = fields.Integer(required=True, default=_this_year)

    def _period(self):
        self.ensure_one()
        if not 2000 <= self.year <= 2100:
            raise UserError(
                self.env._("Type a year such as %(year)s.", year=_this_year(self))
            )
        return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)

    def action_export(self):
        self._period()
        return self.env.ref(
            "parcours_dashboard.action_report_activity_xlsx"
        ).report_action(self)
