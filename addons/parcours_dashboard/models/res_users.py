# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

HOMES = {
    # The officer's day starts on the département's dashboards.
    "parcours_devices.group_officer": "parcours_dashboard.parcours_dashboard_action",
    # The accountant's on the contribution invoices and partner bills to check.
    "parcours_devices.group_accountant": (
        "parcours_dashboard.account_move_action_to_check"
    ),
}


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _parcours_home_actions(self):
        return [
            (group, HOMES.get(group, action))
            for group, action in super()._parcours_home_actions()
        ]
