# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _parcours_home_actions(self):
        """(group, action) pairs, most specific role first.

        Each addon adds the first screen of the roles it brings; a user lands
        on the action of the first group they belong to.
        """
        return super()._parcours_home_actions() + [
            (
                "parcours_devices.group_officer",
                "parcours_devices.parcours_donation_lot_action",
            ),
            (
                "parcours_devices.group_accountant",
                "account.action_move_in_invoice_type",
            ),
            (
                "parcours_devices.group_workshop_operator",
                "parcours_devices.parcours_donation_lot_action_to_triage",
            ),
            (
                "parcours_devices.group_refurbisher_operator",
                "parcours_devices.stock_picking_action_handoff",
            ),
        ]
