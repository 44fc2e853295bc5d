# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base import ALL_FIELDS, selection_label

from .parcours_values import WORK_TYPES

# Kilograms a lot's fractions may exceed its received weight by: rounding.
WEIGHT_TOLERANCE = 0.005

# Which organisation role does which work.
WORK_TYPE_ROLE = {
    "triage": "workshop",
    "dismantle": "workshop",
    "refurbish": "refurbisher",
}


class ParcoursWorkOrder(models.Model):
    """A batch of devices triaged, dismantled or refurbished by one organisation.

    ``repair.order`` repairs one product with parts and a price for a customer;
    here a workshop handles a whole lot at once and records, per device, a
    verdict, tests, erasures and who did the work. Devices stay ``stock.lot``
    serials and move by ``stock.picking`` transfers.
    """

    _name = "parcours.work.order"
    _description = "Work order"
    _parcours_organisation_field = "organisation_id"
    # The département dispatches work between workshops (a lot triaged by one
    # ESAT dismantled by another, a worker lent for a day): its back office may
    # link across organisations, a partner's user only to its own records.
    _parcours_organisation_back_office_links = True
    _inherit = ["parcours.document.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _parcours_company_from = "organisation_id"
    _parcours_protected_fields = (
        "name",
        "state",
        "date_start",
        "date_done",
        "picking_id",
    )

    work_type = fields.Selection(
        WORK_TYPES, required=True, tracking=True, index=True, default="triage"
    )
    organisation_id = fields.Many2one(
        "parcours.organisation",
        required=True,
        tracking=True,
        index=True,
        default=lambda s: s.env.user.parcours_organisation_id,
        domain="[('role', 'in', ('workshop', 'refurbisher'))]",
        check_company=True,
    )
    donation_lot_id = fields.Many2one(
        "parcours.donation.lot",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        check_organisation=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_start = fields.Date(readonly=True, copy=False)
    date_done = fields.Date(readonly=True, copy=False, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Default worker",
        help="Worker set on the lines that do not name one.",
        domain="[('parcours_organisation_id', '=', organisation_id)]",
        check_company=True,
        check_organisation=True,
    )
    line_ids = fields.One2many(
        "parcours.work.order.line", "order_id", string="Devices", copy=False
    )
    line_count = fields.Integer(compute="_compute_line_stats", string="Device count")
    duration_total = fields.Float(compute="_compute_line_stats", string="Hours of work")
    fraction_ids = fields.One2many(
        "parcours.recycling.fraction", "order_id", string="Recycling fractions"
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Recycling transfer",
        readonly=True,
        copy=False,
        check_company=True,
    )
    allowed_lot_ids = fields.Many2many(
        "stock.lot",
        string="Devices allowed",
        compute="_compute_allowed_lot_ids",
        help="The devices that may enter this order: held by its organisation, "
        "at a stage its work takes, and in no other open order of that work.",
    )
    note = fields.Html()

    def _parcours_frozen_fields(self):
        if self.state == "done":
            return ALL_FIELDS
        frozen = super()._parcours_frozen_fields()
        if self.state != "draft":
            frozen += ("work_type", "organisation_id", "donation_lot_id")
        return frozen

    @api.depends("work_type", "organisation_id")
    def _compute_allowed_lot_ids(self):
        Lot = self.env["stock.lot"]
        for order in self:
            if not (order.work_type and order.organisation_id):
                order.allowed_lot_ids = Lot
                continue
            order.allowed_lot_ids = Lot.search(
                [
                    ("parcours_holder_id", "=", order.organisation_id.id),
                    (
                        "parcours_stage",
                        "in",
                        Lot._parcours_work_stages(order.work_type),
                    ),
                    (
                        "parcours_work_line_ids",
                        "not any",
                        [("is_open", "=", True), ("work_type", "=", order.work_type)],
                    ),
                ]
            )

    @api.depends("line_ids.duration")
    def _compute_line_stats(self):
        for order in self:
            order.line_count = len(order.line_ids)
            order.duration_total = sum(order.line_ids.mapped("duration"))

    @api.constrains("work_type", "organisation_id")
    def _check_organisation_role(self):
        for order in self:
            role = WORK_TYPE_ROLE[order.work_type]
            if order.organisation_id.role != role:
                raise ValidationError(
                    self.env._(
                        "%(organisation)s cannot take %(work_type)s work orders: "
                        "choose an organisation whose role is %(role)s.",
                        organisation=order.organisation_id.name,
                        work_type=selection_label(order, "work_type"),
                        role=selection_label(order.organisation_id, "role", role),
                    )
                )

    @api.constrains("state")
    def _check_cancel_restores_stages(self):
        """Cancelling a work order puts its devices back where they were."""
        for line in self.filtered(lambda o: o.state == "cancel").line_ids:
            if line.entry_stage and line.lot_id.parcours_stage != line.entry_stage:
                raise ValidationError(
                    self.env._(
                        "Device %(serial)s must go back to stage %(stage)s when work "
                        "order %(order)s is cancelled.",
                        serial=line.lot_id.name,
                        stage=selection_label(line, "entry_stage"),
                        order=line.order_id.name,
                    )
                )

    @api.constrains("fraction_ids", "line_ids", "donation_lot_id")
    def _check_fraction_weights(self):
        """The fractions of a lot cannot weigh more than the lot received."""
        # Checked whoever changes the order: a refurbisher, who may not read
        # fractions, changes the devices of an order too.
        # sudo: an invariant between records, read whole whoever writes (the
        # refurbisher may not read fractions nor the lots).
        for order in self.sudo().filtered("fraction_ids"):
            lots = (
                order.donation_lot_id or order.line_ids.lot_id.parcours_donation_lot_id
            )
            if not lots:
                continue  # no device yet: checked when they are added
            domain = [("order_id.state", "!=", "cancel")]
            if order.donation_lot_id:
                domain.append(("donation_lot_id", "=", order.donation_lot_id.id))
            else:
                domain.append(("order_id", "=", order.id))
            weight = sum(
                order.env["parcours.recycling.fraction"].search(domain).mapped("weight")
            )
            received = sum(lots.mapped("received_weight"))
            if weight > received + WEIGHT_TOLERANCE:
                raise ValidationError(
                    self.env._(
                        "The recycling fractions of %(lots)s add up to %(weight)s kg, "
                        "more than the %(received)s kg received: correct the "
                        "weights of work order %(order)s.",
                        lots=", ".join(lots.mapped("name")),
                        weight=round(weight, 3),
                        received=round(received, 3),
                        order=order.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda o: o.state == "in_progress")
        if started:
            raise UserError(
                self.env._(
                    "Work order %(order)s is in progress: cancel it before deleting "
                    "it, so that its devices go back to their stage.",
                    order=started[0].name,
                )
            )

    def _parcours_sequence_code_for(self, vals):
        return "parcours.work.order.%s" % vals.get("work_type", "triage")

    def action_start(self):
        self._parcours_check_step_access()
        self._check_state(("draft",))
        for order in self:
            if not order.line_ids:
                raise UserError(
                    self.env._(
                        "Work order %(order)s has no device: add the devices to work "
                        "on first.",
                        order=order.name,
                    )
                )
            order.line_ids._parcours_enter_work()
        self._parcours_write_step(
            {"state": "in_progress", "date_start": fields.Date.context_today(self)}
        )
        return True

    def action_done(self):
        self._parcours_check_step_access()
        self._check_state(("in_progress",))
        today = fields.Date.context_today(self)
        for order in self:
            if order.employee_id:
                order.line_ids.filtered(lambda line: not line.employee_id).write(
                    {"employee_id": order.employee_id.id}
                )
            order.line_ids._check_done()
            getattr(order, "_done_%s" % order.work_type)()
        self._parcours_write_step({"state": "done", "date_done": today})
        return True

    def _done_triage(self):
        lines = self.line_ids
        lines.filtered(lambda line: line.result == "pass").lot_id._parcours_set_stage(
            "to_refurbish", step="triage_pass"
        )
        lines.filtered(lambda line: line.result == "fail").lot_id._parcours_set_stage(
            "to_recycle", step="triage_fail"
        )
        donation_lot = self.donation_lot_id
        if donation_lot.state == "received" and not donation_lot.device_ids.filtered(
            lambda d: d.parcours_stage in ("received", "in_triage")
        ):
            donation_lot._parcours_write_step({"state": "triaged"})

    def _done_dismantle(self):
        if not self.fraction_ids:
            raise UserError(
                self.env._(
                    "Record the material fractions (kg per recycling channel) of "
                    "work order %(order)s before validating it.",
                    order=self.name,
                )
            )
        devices = self.line_ids.lot_id
        # Set the stage first: once moved to recycling, the workshop no longer
        # holds (so may no longer write) the devices.
        devices._parcours_set_stage("recycled", step="dismantle_done")
        picking = (
            # sudo: moving the devices' quants to recycling; partner accounts
            # never validate a transfer themselves.
            self.env["stock.picking"]
            .sudo()
            ._parcours_transfer_devices(
                devices,
                self.organisation_id.location_id,
                self.env["stock.location"]._parcours_location(
                    "recycling", self.company_id
                ),
                origin=self.name,
            )
        )
        self._parcours_write_step({"picking_id": picking.id})

    def _done_refurbish(self):
        lines = self.line_ids
        for (os_installed, grade), done in lines.grouped(
            lambda line: (line.os_installed, line.grade)
        ).items():
            # sudo: the refurbisher's verdict is written on the devices, which
            # partner accounts only read (no right to write stock.lot).
            done.lot_id.sudo().write(
                {"parcours_os": os_installed, "parcours_grade": grade}
            )
        lines.lot_id._parcours_set_stage("ready", step="refurbish_done")

    def action_cancel(self):
        """Cancel: each device goes back to the stage it had when it entered."""
        self._parcours_check_step_access()
        self._check_state(("draft", "in_progress"))
        lines = self.filtered(lambda o: o.state == "in_progress").line_ids
        for stage, stage_lines in lines.grouped("entry_stage").items():
            stage_lines.lot_id._parcours_set_stage(stage, step="work_cancel")
        self._parcours_write_step({"state": "cancel"})
        return True

    def action_draft(self):
        self._parcours_check_step_access()
        self._check_state(("cancel",))
        self._parcours_write_step({"state": "draft"})
        return True

    def action_parcours_send_devices(self):
        """Send the devices this order made ready on to a third place."""
        self.ensure_one()
        self.check_access("read")
        devices = self.line_ids.lot_id.filtered(
            lambda d: d.parcours_can_handoff
            and not d.parcours_handoff_id
            and d.parcours_holder_id == self.organisation_id
        )
        if self.state != "done" or not devices:
            raise UserError(
                self.env._(
                    "Work order %(order)s has no device ready to send: validate it "
                    "first.",
                    order=self.name,
                )
            )
        return devices._parcours_handoff_wizard_action()

    def action_print_certificate(self):
        self.check_access("read")
        return self.env.ref("parcours_devices.action_report_work_order").report_action(
            self
        )
