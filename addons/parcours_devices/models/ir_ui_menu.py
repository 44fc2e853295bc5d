# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _parcours_partner_menu_roots(self):
        """The apps a partner account works in: the Parcours app only.

        Every internal user gets some core apps (Employees, Discuss...); a
        partner organisation's operator needs none of them. Menus are
        presentation: what the account may do stays decided by its access
        rights and record rules.
        """
        return self.env.ref("parcours_devices.parcours_devices_menu_root")

    @api.model
    def get_user_roots(self):
        roots = super().get_user_roots()
        user = self.env.user
        if user.has_group("parcours_devices.group_partner_user") and not (
            user.has_group("parcours_devices.group_officer")
            or user.has_group("base.group_erp_manager")
        ):
            roots &= self._parcours_partner_menu_roots()
        return roots
