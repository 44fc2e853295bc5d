# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.parcours_base import ALL_FIELDS, selection_label

# The reception's helpers, still importable from here by the import engine
# and the intake wizard.
from .parcours_donation_lot_reception import INTAKE_SPECS, format_errors  # noqa: F401
from .parcours_values import MAX_LOT_QUANTITY, MAX_LOT_WEIGHT


class ParcoursDonationLot(models.Model):
    """A lot of used computers given by one donor.

    A lot is not a transfer: it exists before the devices arrive (declared
    quantity and weight, expected date) and lives on after their receipt, to
    follow what became of each device and balance the kilograms received
    against those reused and recycled. Its receipt is a plain ``stock.picking``
    and its devices are ``stock.lot`` serials.
    """

    _name = "parcours.donation.lot"
    _description = "Donation lot"
    _parcours_organisation_field = "workshop_id"
    _inherit = [
        "parcours.donation.lot.reception",
        "parcours.document.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "expected_date desc, id desc"
    _check_company_auto = True
    _parcours_company_from = "workshop_id"
    _parcours_sequence_code = "parcours.donation.lot"
    # Set by the intake only: what arrived, when, and its receipt.
    _parcours_protected_fields = (
        "name",
        "state",
        "received_date",
        "received_weight",
        "picking_id",
    )
    _parcours_ranges = {
        "declared_qty": (0, MAX_LOT_QUANTITY),
        "declared_weight": (0, MAX_LOT_WEIGHT),
        "received_weight": (0, MAX_LOT_WEIGHT),
    }

    donor_id = fields.Many2one(
        "parcours.organisation",
        required=True,
        tracking=True,
        domain=[("role", "=", "donor")],
        index=True,
        check_company=True,
    )
    workshop_id = fields.Many2one(
        "parcours.organisation",
        string="Triage workshop",
        required=True,
        tracking=True,
        domain=[("role", "=", "workshop")],
        index=True,
        default=lambda s: s._default_workshop(),
        check_company=True,
    )
    declared_qty = fields.Integer(string="Declared quantity", tracking=True)
    declared_weight = fields.Float(
        string="Declared weight (kg)", digits="Stock Weight", tracking=True
    )
    expected_date = fields.Date(tracking=True, default=fields.Date.context_today)
    received_date = fields.Date(readonly=True, copy=False, tracking=True)
    received_weight = fields.Float(
        string="Weight received (kg)",
        digits="Stock Weight",
        readonly=True,
        copy=False,
        tracking=True,
        help="Weighed at the workshop on receipt.",
    )
    state = fields.Selection(
        [
            ("draft", "Expected"),
            ("received", "Received"),
            ("triaged", "Triaged"),
            ("done", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Receipt",
        readonly=True,
        copy=False,
        check_company=True,
    )
    device_ids = fields.One2many(
        "stock.lot", "parcours_donation_lot_id", string="Devices", readonly=True
    )
    device_count = fields.Integer(compute="_compute_device_count")
    work_order_ids = fields.One2many(
        "parcours.work.order", "donation_lot_id", string="Work orders"
    )
    work_order_count = fields.Integer(compute="_compute_work_order_count")
    fraction_ids = fields.One2many(
        "parcours.recycling.fraction", "donation_lot_id", string="Recycling fractions"
    )
    weight_reused = fields.Float(
        string="Reused (kg)", digits="Stock Weight", compute="_compute_mass_balance"
    )
    weight_recycled = fields.Float(
        string="Recycled (kg)", digits="Stock Weight", compute="_compute_mass_balance"
    )
    weight_residual = fields.Float(
        string="Residual (kg)",
        digits="Stock Weight",
        compute="_compute_mass_balance",
        help="Dismantling waste that no recycling channel takes.",
    )
    weight_pending = fields.Float(
        string="Not yet accounted for (kg)",
        digits="Stock Weight",
        compute="_compute_mass_balance",
        help="Kilograms received that are neither reused, recycled nor residual "
        "yet: devices waiting for triage or dismantling.",
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "declared_positive",
            "CHECK(declared_qty >= 0 AND declared_weight >= 0)",
            "The declared quantity and weight cannot be negative.",
        ),
    ]

    def _default_workshop(self):
        organisation = self.env.user.parcours_organisation_id
        if organisation.role == "workshop":
            return organisation
        return self.env["parcours.organisation"].search(
            [("role", "=", "workshop"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )

    def _compute_device_count(self):
        counts = dict(
            # sudo: a lot counts all its devices, also those that left the
            # workshop since (they are no longer the workshop's to read).
            self.env["stock.lot"]
            .sudo()
            ._read_group(
                [("parcours_donation_lot_id", "in", self.ids)],
                ["parcours_donation_lot_id"],
                ["__count"],
            )
        )
        for lot in self:
            lot.device_count = counts.get(lot, 0)

    def _compute_work_order_count(self):
        counts = dict(
            self.env["parcours.work.order"]._read_group(
                [("donation_lot_id", "in", self.ids)], ["donation_lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.work_order_count = counts.get(lot, 0)

    @api.depends(
        "received_weight",
        "device_ids.parcours_stage",
        "device_ids.parcours_weight",
        "fraction_ids.weight",
        "fraction_ids.kind",
    )
    def _compute_mass_balance(self):
        reused = dict(
            # sudo: the mass balance sums all the lot's devices, also those
            # that left the workshop since; only weights are read.
            self.env["stock.lot"]
            .sudo()
            ._read_group(
                [
                    ("parcours_donation_lot_id", "in", self.ids),
                    (
                        "parcours_stage",
                        "in",
                        self.env["stock.lot"]._parcours_reused_stages(),
                    ),
                ],
                ["parcours_donation_lot_id"],
                ["parcours_weight:sum"],
            )
        )
        # sudo: the fractions' weights, whoever reads the lot's balance (an
        # officer or a refurbisher may not read fractions).
        fractions = {
            (lot, kind): weight
            for lot, kind, weight in self.env["parcours.recycling.fraction"]
            .sudo()
            ._read_group(
                [("donation_lot_id", "in", self.ids), ("order_id.state", "=", "done")],
                ["donation_lot_id", "kind"],
                ["weight:sum"],
            )
        }
        for lot in self:
            lot.weight_reused = reused.get(lot, 0.0)
            lot.weight_recycled = fractions.get((lot, "recycled"), 0.0)
            lot.weight_residual = fractions.get((lot, "residual"), 0.0)
            lot.weight_pending = lot.received_weight - (
                lot.weight_reused + lot.weight_recycled + lot.weight_residual
            )

    def _parcours_frozen_fields(self):
        if self.state == "done":
            return ALL_FIELDS
        frozen = super()._parcours_frozen_fields()
        if self.state != "draft":
            # The devices came from this donor to this workshop.
            frozen += ("donor_id", "workshop_id")
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_except_received(self):
        received = self.filtered(lambda lot: lot.state not in ("draft", "cancel"))
        if received:
            raise UserError(
                self.env._(
                    "Lot %(lot)s has been received: it is kept with its devices and "
                    "cannot be deleted.",
                    lot=received[0].name,
                )
            )

    # ------------------------------------------------------------ actions
    def action_open_intake(self):
        self.ensure_one()
        self._parcours_check_step_access()
        self._check_receivable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receive lot %(lot)s", lot=self.name),
            "res_model": "parcours.lot.intake",
            "view_mode": "form",
            "target": "new",
            "context": {"default_donation_lot_id": self.id},
        }

    def action_start_triage(self):
        """Open the triage work order of the lot, creating it when needed."""
        self.ensure_one()
        self._parcours_check_step_access()
        if self.state != "received":
            raise UserError(
                self.env._(
                    "Only a received lot can be triaged; lot %(lot)s is %(state)s.",
                    lot=self.name,
                    state=selection_label(self, "state"),
                )
            )
        order = self.work_order_ids.filtered(
            lambda o: o.work_type == "triage" and o.state != "cancel"
        )[:1]
        if not order:
            devices = self.device_ids.filtered(lambda d: d.parcours_stage == "received")
            order = self.env["parcours.work.order"].create(
                {
                    "work_type": "triage",
                    "organisation_id": self.workshop_id.id,
                    "donation_lot_id": self.id,
                    "line_ids": [
                        fields.Command.create({"lot_id": device.id})
                        for device in devices
                    ],
                }
            )
        return order.get_formview_action()

    def action_start_dismantling(self):
        """Open a dismantling work order for the rejects of the lot."""
        self.ensure_one()
        self._parcours_check_step_access()
        rejects = self.device_ids.filtered(lambda d: d.parcours_stage == "to_recycle")
        if not rejects:
            raise UserError(
                self.env._(
                    "Lot %(lot)s has no reject waiting for dismantling.", lot=self.name
                )
            )
        order = self.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": self.workshop_id.id,
                "donation_lot_id": self.id,
                "line_ids": [
                    fields.Command.create({"lot_id": device.id}) for device in rejects
                ],
            }
        )
        return order.get_formview_action()

    def action_parcours_send_devices(self):
        """Send the lot's devices kept at triage on to be refurbished."""
        self.ensure_one()
        self.check_access("read")
        devices = self.device_ids.filtered(
            lambda d: d.parcours_can_handoff
            and not d.parcours_handoff_id
            and d.parcours_holder_id == self.workshop_id
        )
        if not devices:
            raise UserError(
                self.env._(
                    "Lot %(lot)s has no device to send: triage it first, the devices "
                    "that pass go on to be refurbished.",
                    lot=self.name,
                )
            )
        return devices._parcours_handoff_wizard_action()

    def action_view_devices(self):
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "parcours_devices.stock_lot_action"
        )
        action["domain"] = [("parcours_donation_lot_id", "in", self.ids)]
        action["context"] = {"search_default_group_stage": 1}
        return action

    def action_view_work_orders(self):
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "parcours_devices.parcours_work_order_action"
        )
        action["domain"] = [("donation_lot_id", "in", self.ids)]
        action["context"] = {"default_donation_lot_id": self.id}
        return action

    def action_cancel(self):
        self._parcours_check_step_access()
        for lot in self:
            if lot.state != "draft":
                raise UserError(
                    self.env._(
                        "Lot %(lot)s has been received: a received lot cannot be "
                        "cancelled.",
                        lot=lot.name,
                    )
                )
        self._parcours_write_step({"state": "cancel"})

    def action_close(self):
        self._parcours_check_step_access()
        for lot in self:
            waiting = lot.device_ids.filtered(
                lambda d: d.parcours_stage in ("received", "in_triage", "to_recycle")
            )
            if waiting:
                raise UserError(
                    self.env._(
                        "Lot %(lot)s still has %(count)s device(s) waiting for triage "
                        "or dismantling, e.g. %(serial)s. Finish their work orders "
                        "first.",
                        lot=lot.name,
                        count=len(waiting),
                        serial=waiting[0].name,
                    )
                )
        self._parcours_write_step({"state": "done"})

    def action_print_certificate(self):
        self.check_access("read")
        return self.env.ref(
            "parcours_devices.action_report_donation_certificate"
        ).report_action(self)
