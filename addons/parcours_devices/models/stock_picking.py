# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date, groupby

from odoo.addons.parcours_base import ALL_FIELDS

# What a hand-off on its way may not change: where it goes, what it carries.
HANDOFF_FIELDS = (
    "location_id",
    "location_dest_id",
    "picking_type_id",
    "partner_id",
    "owner_id",
    "company_id",
    "move_ids",
    "move_ids_without_package",
    "move_line_ids",
    "move_line_ids_without_package",
)


class StockPicking(models.Model):
    """A hand-off is a transfer between two organisations of the Parcours.

    It is sent by ``stock.lot._parcours_handoff`` and done only when the
    receiving organisation (or an officer) confirms its reception, which first
    records who confirmed in ``parcours_confirmed_by_id``: a workflow field,
    written by that step only.
    """

    _name = "stock.picking"
    _inherit = ["stock.picking", "parcours.protected.mixin"]
    _parcours_protected_fields = (
        "parcours_is_handoff",
        "parcours_confirmed_by_id",
        "parcours_sender_id",
        "parcours_receiver_id",
    )
    # The guard applies to the transfers between organisations only.
    _parcours_guard_domain = [
        "|",
        "|",
        ("parcours_is_handoff", "=", True),
        ("parcours_sender_id", "!=", False),
        ("parcours_receiver_id", "!=", False),
    ]

    parcours_sender_id = fields.Many2one(
        "parcours.organisation",
        string="From",
        related="location_id.parcours_organisation_id",
        store=True,
        index="btree_not_null",
    )
    parcours_receiver_id = fields.Many2one(
        "parcours.organisation",
        string="To",
        related="location_dest_id.parcours_organisation_id",
        store=True,
        index="btree_not_null",
        help="The organisation that receives the devices and confirms it.",
    )
    parcours_is_handoff = fields.Boolean(
        string="Hand-off",
        readonly=True,
        copy=False,
        help="A transfer of devices between two organisations of the Parcours, "
        "confirmed by the receiving organisation.",
    )
    parcours_confirmed_by_id = fields.Many2one(
        "res.users",
        string="Reception confirmed by",
        readonly=True,
        copy=False,
    )
    # What partners read of a hand-off's state: the stock's "Ready" (in French
    # "Prêt", as a loan) means here that the devices wait for their receiver.
    parcours_handoff_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent, to receive"),
            ("received", "Received"),
            ("cancel", "Cancelled"),
        ],
        string="Hand-off status",
        compute="_compute_parcours_handoff_state",
    )
    parcours_can_confirm = fields.Boolean(
        string="Can confirm",
        compute="_compute_parcours_can_act",
        help="The hand-off waits for the user's organisation to confirm it.",
    )
    parcours_can_cancel = fields.Boolean(
        string="Can cancel",
        compute="_compute_parcours_can_act",
        help="The hand-off was sent by the user's organisation and is not "
        "received yet.",
    )

    parcours_can_refurbish = fields.Boolean(
        string="Can refurbish",
        compute="_compute_parcours_can_act",
        help="The hand-off brought the user's refurbisher devices to refurbish.",
    )

    def _parcours_frozen_fields(self):
        if not self.parcours_is_handoff:
            return ()
        return ALL_FIELDS if self.state == "done" else HANDOFF_FIELDS

    @api.depends("state")
    def _compute_parcours_handoff_state(self):
        states = {"draft": "draft", "done": "received", "cancel": "cancel"}
        for picking in self:
            picking.parcours_handoff_state = states.get(picking.state, "sent")

    @api.depends_context("uid")
    @api.depends("state", "parcours_is_handoff")
    def _compute_parcours_can_act(self):
        organisation = self.env.user.parcours_organisation_id
        is_officer = self.env.user.has_group("parcours_devices.group_officer")
        for picking in self:
            waiting = picking.parcours_is_handoff and picking.state not in (
                "done",
                "cancel",
            )
            picking.parcours_can_confirm = waiting and (
                is_officer or picking.parcours_receiver_id == organisation
            )
            picking.parcours_can_cancel = waiting and (
                is_officer or picking.parcours_sender_id == organisation
            )
            picking.parcours_can_refurbish = bool(
                picking.parcours_is_handoff
                and picking.state == "done"
                and picking.parcours_receiver_id.role == "refurbisher"
                and (is_officer or picking.parcours_receiver_id == organisation)
                and picking._parcours_devices_to_refurbish()
            )

    @api.depends_context("uid", "lang")
    @api.depends("name", "picking_type_code", "date_done", "scheduled_date")
    def _compute_display_name(self):
        """Partners read "Réception du 05/11/2026", not the stock's WH/IN/00012."""
        super()._compute_display_name()
        if self.env.user.has_group("stock.group_stock_user") or not (
            self.env.user.has_group("parcours_devices.group_partner_user")
        ):
            return
        for picking in self.filtered(lambda p: p.picking_type_code == "incoming"):
            picking.display_name = self.env._(
                "Reception of %(date)s",
                date=format_date(self.env, picking.date_done or picking.scheduled_date),
            )

    # ------------------------------------------------------------ ORM
    def get_formview_id(self, access_uid=None):
        if len(self) == 1 and self.parcours_is_handoff:
            return self.env.ref("parcours_devices.stock_picking_view_form_handoff").id
        return super().get_formview_id(access_uid=access_uid)

    def button_validate(self):
        self._parcours_check_confirmed()
        return super().button_validate()

    def _action_done(self):
        # Whoever calls, even with elevated rights: a hand-off is done only
        # once its receiver confirmed it.
        self._parcours_check_confirmed()
        return super()._action_done()

    # ------------------------------------------------------------ actions
    def action_parcours_confirm_reception(self):
        """The receiving organisation confirms it got the devices.

        The step is checked here (a hand-off on its way, the user of the
        receiving organisation or an officer, the devices still where they were
        sent from); then the transfer is validated with elevated rights, since
        partner accounts never validate a transfer themselves.
        """
        self._parcours_check_can_act("confirm")
        for picking in self:
            moved = picking.move_line_ids.lot_id.filtered(
                lambda d, picking=picking: d.location_id != picking.location_id
            )
            if moved:
                raise UserError(
                    self.env._(
                        "%(serial)s is no longer at %(location)s: transfer "
                        "%(picking)s cannot be received. Ask the département's "
                        "back office to cancel it.",
                        serial=moved[0].name,
                        location=picking.location_id.display_name,
                        picking=picking.name,
                    )
                )
        # sudo: validating the transfer moves the devices' quants, which partner
        # accounts never do themselves; the reception was checked above.
        pickings = self.sudo()
        pickings.write({"parcours_confirmed_by_id": self.env.uid})
        pickings.move_ids.picked = True
        pickings._action_done()
        pickings.move_line_ids.lot_id.write({"parcours_handoff_id": False})
        pickings._parcours_log(
            self.env._("Reception confirmed by %(user)s.", user=self.env.user.name)
        )
        return True

    def action_parcours_cancel_handoff(self):
        """The sender (or an officer) calls back a hand-off not received yet."""
        self._parcours_check_can_act("cancel")
        # sudo: cancelling the transfer frees the devices' reserved quants,
        # which partner accounts never touch themselves; checked above.
        pickings = self.sudo()
        devices = pickings.move_line_ids.lot_id
        pickings.action_cancel()
        devices.write({"parcours_handoff_id": False})
        pickings._parcours_log(
            self.env._("Hand-off cancelled by %(user)s.", user=self.env.user.name)
        )
        return True

    def action_parcours_refurbish(self):
        """Open a refurbishment work order for the devices this hand-off brought.

        The order is created with the user's own rights, as from the menu: the
        work order checks the organisation, the devices and their stage.
        """
        self.ensure_one()
        self.check_access("read")
        if not self.parcours_can_refurbish:
            raise UserError(
                self.env._(
                    "Transfer %(picking)s brought no device for your organisation "
                    "to refurbish: confirm its reception first.",
                    picking=self.name,
                )
            )
        order = self.env["parcours.work.order"].create(
            {
                "work_type": "refurbish",
                "organisation_id": self.parcours_receiver_id.id,
                "line_ids": [
                    Command.create({"lot_id": device.id})
                    for device in self._parcours_devices_to_refurbish()
                ],
            }
        )
        return order.get_formview_action()

    # ------------------------------------------------------------ steps
    def _parcours_devices_to_refurbish(self):
        """Devices of this hand-off waiting, at its receiver, to be refurbished."""
        self.ensure_one()
        return self.move_line_ids.lot_id.filtered(
            lambda d: d.parcours_stage == "to_refurbish"
            and d.parcours_holder_id == self.parcours_receiver_id
            and not d.parcours_work_line_ids.filtered(
                lambda line: line.is_open and line.work_type == "refurbish"
            )
        )

    def _parcours_check_can_act(self, step):
        """The step check of a hand-off (``confirm`` or ``cancel``).

        Partner accounts only read transfers, so the write access that
        ``_parcours_check_step_access`` asks cannot be theirs: the step is the
        receiver's (confirm) or the sender's (cancel), or an officer's.
        """
        self.check_access("read")
        user = self.env.user
        is_officer = self.env.su or user.has_group("parcours_devices.group_officer")
        if is_officer and not self.env.su:
            self.check_access("write")
        for picking in self:
            if not picking.parcours_is_handoff or picking.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Transfer %(picking)s is not a hand-off waiting for "
                        "confirmation.",
                        picking=picking.name,
                    )
                )
            party = (
                picking.parcours_receiver_id
                if step == "confirm"
                else picking.parcours_sender_id
            )
            if not is_officer and party != user.parcours_organisation_id:
                raise AccessError(
                    self.env._(
                        "Only %(organisation)s can confirm the reception of transfer "
                        "%(picking)s.",
                        organisation=party.name,
                        picking=picking.name,
                    )
                    if step == "confirm"
                    else self.env._(
                        "Only %(organisation)s can cancel transfer %(picking)s.",
                        organisation=party.name,
                        picking=picking.name,
                    )
                )

    def _parcours_log(self, body):
        """A note on each hand-off, by the user (who may have no email address)."""
        for picking in self:
            picking._message_log(body=body, author_id=self.env.user.partner_id.id)

    def _parcours_check_confirmed(self):
        waiting = self.filtered(
            lambda p: p.parcours_is_handoff and not p.parcours_confirmed_by_id
        )
        if waiting:
            raise UserError(
                self.env._(
                    "Transfer %(picking)s is a hand-off: the receiving "
                    "organisation confirms its reception with Confirm reception.",
                    picking=waiting[0].name,
                )
            )

    @api.model
    def _parcours_picking_type(self, code, company=None):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", (company or self.env.company).id)], limit=1
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
        ``values`` are more values of the transfer (``picking_type_id`` defaults
        to the receipts or internal transfers of the devices' company).
        """
        if "picking_type_id" not in values:
            code = "incoming" if location.usage == "supplier" else "internal"
            values["picking_type_id"] = self._parcours_picking_type(
                code, devices.company_id[:1] or None
            ).id
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
