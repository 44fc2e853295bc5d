# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _parcours_home_actions(self):
        """A mediator's day starts with the people waiting for a device.

        She is also a third-place operator: her entry comes before the device
        chain's operators, after the back office (an officer who also mediates
        keeps the back office's first screen).
        """
        actions = super()._parcours_home_actions()
        mediator = (
            "parcours_beneficiaries.group_mediator",
            "parcours_beneficiaries.parcours_application_action_waiting",
        )
        officers = [
            index
            for index, (group, _action) in enumerate(actions)
            if group == "parcours_devices.group_officer"
        ]
        position = officers[0] + 1 if officers else 0
        return [*actions[:position], mediator, *actions[position:]]
