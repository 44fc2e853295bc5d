# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        """A company that gets the French chart gets its contribution account."""
        res = super()._post_load_data(template_code, company, template_data)
        company._parcours_set_default_contribution_account()
        return res
