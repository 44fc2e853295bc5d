# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: the organisations moved to parcours_base (see parcours_base/hooks.py).

- The organisations' company rule now names parcours_base's model: it is a
  noupdate record, loaded again here so that live databases get it.
- The demo officer and accountant of databases installed before they landed on
  their role's first screen kept the action of their own the demo gave them
  then: they lose it, unless someone chose another one since.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.parcours_base.upgrade import clear_home_actions, reload_records


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    reload_records(
        env,
        "parcours_devices",
        "security/parcours_devices_security.xml",
        ["parcours_organisation_rule_company"],
    )
    clear_home_actions(
        env,
        {
            "parcours_devices.user_officer_demo": [
                "parcours_devices.parcours_donation_lot_action",
                "parcours_dashboard.parcours_dashboard_action",
            ],
            "parcours_devices.user_accountant_demo": [
                "account.action_move_in_invoice_type",
                "parcours_dashboard.account_move_action_to_check",
            ],
        },
    )
