# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ParcoursHandoffWizard(models.TransientModel):
    """The dialog that sends devices to another organisation.

    It only collects the devices and the receiver: the hand-off itself, and
    every rule it follows, is ``stock.lot._parcours_handoff``.
    """

    _name = "parcours.handoff.wizard"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Send devices to another organisation"

    lot_ids = fields.Many2many("stock.lot", string="Devices", required=True)
    organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Send to",
        required=True,
        domain=[("location_id", "!=", False)],
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "stock.lot":
            values["lot_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
            # the devices of the context are shown by name: the user's only
            self._parcours_check_default_access({"lot_ids": values["lot_ids"]})
        return values

    def action_send(self):
        """Send the devices: the rules are those of ``stock.lot._parcours_handoff``."""
        self.ensure_one()
        return self.lot_ids._parcours_handoff(
            self.organisation_id
        ).get_formview_action()
