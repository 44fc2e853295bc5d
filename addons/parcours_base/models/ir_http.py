# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Open the web client on the first screen of the user's job.

        A home action chosen on the user's form wins; without one, a Parcours
        role lands on its day's first screen instead of Discuss. Presentation
        only: the action still runs with the user's own rights.
        """
        info = super().session_info()
        if not info.get("home_action_id") and info.get("uid"):
            action = self.env["res.users"].browse(info["uid"])._parcours_home_action()
            if action:
                info["home_action_id"] = action.id
        return info
