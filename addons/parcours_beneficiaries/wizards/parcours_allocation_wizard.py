# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ParcoursAllocationWizard(models.TransientModel):
    """Propose the ready devices of the third place and reserve one."""

    _name = "parcours.allocation.wizard"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Allocate a device"

    application_id = fields.Many2one(
        "parcours.application", required=True, ondelete="cascade"
    )
    proposed_lot_ids = fields.Many2many(
        "stock.lot", compute="_compute_proposed_lot_ids", string="Ready devices"
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        required=True,
        domain="[('id', 'in', proposed_lot_ids)]",
    )
    # The device proposed first: kept, it stands for "the best ready device",
    # which becomes the next one if another mediator takes it meanwhile.
    first_lot_id = fields.Many2one("stock.lot", string="Device proposed first")

    @api.depends("application_id")
    def _compute_proposed_lot_ids(self):
        for wizard in self:
            wizard.proposed_lot_ids = wizard.application_id._proposed_devices()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        application = self.env["parcours.application"].browse(
            values.get("application_id")
        )
        if application and "lot_id" in fields_list:
            values["lot_id"] = application._proposed_devices()[:1].id
            values["first_lot_id"] = values["lot_id"]
        return values

    def action_allocate(self):
        self.ensure_one()
        device = None if self.lot_id == self.first_lot_id else self.lot_id
        agreement = self.application_id._parcours_allocate(device)
        return agreement.get_formview_action()
