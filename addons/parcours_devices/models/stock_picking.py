# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import groupby


class StockPicking(models.Model):
    _inherit = "stock.picking"

    parcours_sender_id = fields.Many2one(
        "parcours.organisation",
        string="Sent by",
        related="location_id.parcours_organisation_id",
        store=True,
        index="btree_not_null",
    )
    parcours_receiver_id = fields.Many2one(
        "parcours.organisation",
        string="Received by",
        related="location_dest_id.parcours_organisation_id",
        store=True,
        index="btree_not_null",
    )
    parcours_is_handoff = fields.Boolean(
        string="Hand-off",
        readonly=True,
        copy=False,
        help="A transfer of devices between two organisations of the Parcours, "
        "confirmed by the receiving organisation.",
    )

    def get_formview_id(self, access_uid=None):
        if len(self) == 1 and self.parcours_is_handoff:
            return self.env.ref("parcours_devices.stock_picking_view_form_handoff").id
        return super().get_formview_id(access_uid=access_uid)

    def button_validate(self):
        if not self.env.context.get("parcours_reception_confirmed"):
            handoffs = self.filtered("parcours_is_handoff")
            if handoffs:
                raise UserError(
                    self.env._(
                        "Transfer %(picking)s is a hand-off: the receiving "
                        "organisation confirms its reception with Confirm reception.",
                        picking=handoffs[0].name,
                    )
                )
        return super().button_validate()

    def action_parcours_confirm_reception(self):
        """The receiving organisation confirms it got the devices.

        Partner operators cannot read the devices still held by the sender, so
        the transfer is validated with elevated rights once we checked that the
        user belongs to the receiving organisation.
        """
        organisation = self.env.user.parcours_organisation_id
        is_officer = self.env.user.has_group("parcours_devices.group_officer")
        for picking in self:
            if not picking.parcours_is_handoff or picking.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Transfer %(picking)s is not a hand-off waiting for "
                        "confirmation.",
                        picking=picking.name,
                    )
                )
            if not is_officer and picking.parcours_receiver_id != organisation:
                raise UserError(
                    self.env._(
                        "Only %(receiver)s can confirm the reception of transfer "
                        "%(picking)s.",
                        receiver=picking.parcours_receiver_id.name,
                        picking=picking.name,
                    )
                )
        pickings = self.sudo().with_context(parcours_reception_confirmed=True)
        pickings.move_ids.picked = True
        pickings._action_done()
        for picking in pickings:
            picking.message_post(
                body=self.env._(
                    "Reception confirmed by %(user)s.", user=self.env.user.name
                ),
                author_id=self.env.user.partner_id.id,
            )
        return True

    @api.model
    def _parcours_picking_type(self, code):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        return warehouse.in_type_id if code == "incoming" else warehouse.int_type_id

    @api.model
    def _parcours_transfer_devices(
        self, devices, location, location_dest, origin=False, validate=True, **values
    ):
        """Move ``devices`` (serials) from ``location`` to ``location_dest``.

        One transfer, one move per device model and one move line per serial,
        created in a single batch. With ``validate`` the transfer is done at
        once; otherwise it waits for the receiving organisation to confirm it.
        """
        code = "incoming" if location.usage == "supplier" else "internal"
        picking_type = self._parcours_picking_type(code)
        moves = []
        for product, product_devices in groupby(devices, key=lambda d: d.product_id):
            common = {
                "product_id": product.id,
                "location_id": location.id,
                "location_dest_id": location_dest.id,
            }
            moves.append(
                Command.create(
                    dict(
                        common,
                        name=product.display_name,
                        product_uom=product.uom_id.id,
                        product_uom_qty=len(product_devices),
                        picked=True,
                        move_line_ids=[
                            Command.create(
                                dict(
                                    common,
                                    lot_id=device.id,
                                    quantity=1,
                                    product_uom_id=product.uom_id.id,
                                )
                            )
                            for device in product_devices
                        ],
                    )
                )
            )
        picking = self.create(
            dict(
                values,
                picking_type_id=picking_type.id,
                location_id=location.id,
                location_dest_id=location_dest.id,
                origin=origin,
                move_ids=moves,
            )
        )
        picking.move_ids.move_line_ids.picking_id = picking
        picking.action_confirm()
        if validate:
            picking._action_done()
        return picking
