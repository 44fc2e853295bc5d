# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ParcoursHandoffWizard(models.TransientModel):
    """Send devices to another organisation, which confirms their reception."""

    _name = "parcours.handoff.wizard"
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
        return values

    def action_send(self):
        self.ensure_one()
        devices = self.lot_ids
        senders = devices.parcours_holder_id
        if len(senders) != 1 or len(devices.location_id) != 1:
            raise UserError(
                self.env._(
                    "Send devices held by one organisation at a time: these are at "
                    "%(places)s.",
                    places=", ".join(devices.location_id.mapped("display_name"))
                    or self.env._("no location"),
                )
            )
        if senders == self.organisation_id:
            raise UserError(
                self.env._(
                    "The devices are already at %(organisation)s.",
                    organisation=senders.name,
                )
            )
        allowed = devices._parcours_handoff_routes().get(
            (senders.role, self.organisation_id.role), ()
        )
        blocked = devices.filtered(lambda d: d.parcours_stage not in allowed)
        if blocked:
            raise UserError(
                self.env._(
                    "%(serial)s cannot leave %(organisation)s at its stage: finish "
                    "its work order first.",
                    serial=blocked[0].name,
                    organisation=senders.name,
                )
            )
        busy = self.env["parcours.work.order.line"].search(
            [("lot_id", "in", devices.ids), ("is_open", "=", True)], limit=1
        )
        if busy:
            raise UserError(
                self.env._(
                    "%(serial)s is in open work order %(order)s: finish or cancel it "
                    "before sending the device.",
                    serial=busy.lot_id.name,
                    order=busy.order_id.name,
                )
            )
        pending = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", devices.ids),
                    ("state", "not in", ("done", "cancel")),
                ],
                limit=1,
            )
        )
        if pending:
            raise UserError(
                self.env._(
                    "%(serial)s is already on its way in transfer %(picking)s: "
                    "wait for its reception or cancel it first.",
                    serial=pending.lot_id.name,
                    picking=pending.move_id.picking_id.name,
                )
            )
        picking = (
            self.env["stock.picking"]
            .sudo()
            ._parcours_transfer_devices(
                devices,
                senders.location_id,
                self.organisation_id.location_id,
                validate=False,
                parcours_is_handoff=True,
                partner_id=self.organisation_id.partner_id.id,
            )
        )
        return picking.get_formview_action()
