# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

WORK_TYPES = [
    ("triage", "Triage"),
    ("dismantle", "Dismantling"),
    ("refurbish", "Refurbishment"),
]

# Which organisation role does which work.
WORK_TYPE_ROLE = {
    "triage": "workshop",
    "dismantle": "workshop",
    "refurbish": "refurbisher",
}
# Stage a device takes while its work order is in progress.
WORK_TYPE_PROGRESS_STAGE = {
    "triage": "in_triage",
    "dismantle": "to_recycle",
    "refurbish": "refurbishing",
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
    _inherit = ["parcours.document.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

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
    )
    donation_lot_id = fields.Many2one(
        "parcours.donation.lot", index="btree_not_null", tracking=True
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
        "stock.picking", string="Recycling transfer", readonly=True, copy=False
    )
    note = fields.Html()

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
                raise UserError(
                    self.env._(
                        "%(organisation)s cannot take %(work_type)s work orders: "
                        "choose an organisation whose role is %(role)s.",
                        organisation=order.organisation_id.name,
                        work_type=order._work_type_label(),
                        role=dict(
                            self.env["parcours.organisation"]
                            ._fields["role"]
                            ._description_selection(self.env)
                        )[role],
                    )
                )

    def write(self, vals):
        if {"work_type", "organisation_id"} & set(vals) and self.filtered(
            lambda o: o.state != "draft"
        ):
            raise UserError(
                self.env._(
                    "The type and organisation of a started work order cannot change."
                )
            )
        return super().write(vals)

    def _work_type_label(self):
        return dict(self._fields["work_type"]._description_selection(self.env))[
            self.work_type
        ]

    def _parcours_sequence_code_for(self, vals):
        return "parcours.work.order.%s" % vals.get("work_type", "triage")

    def action_start(self):
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
            order.line_ids.lot_id._parcours_set_stage(
                WORK_TYPE_PROGRESS_STAGE[order.work_type]
            )
        self._parcours_write_step(
            {"state": "in_progress", "date_start": fields.Date.context_today(self)}
        )
        return True

    def action_done(self):
        self._check_state(("in_progress",))
        today = fields.Date.context_today(self)
        for order in self:
            if order.employee_id:
                order.line_ids.filtered(
                    lambda line: not line.employee_id
                ).employee_id = order.employee_id
            order.line_ids._check_done()
            getattr(order, "_done_%s" % order.work_type)()
        self._parcours_write_step({"state": "done", "date_done": today})
        return True

    def _done_triage(self):
        lines = self.line_ids
        lines.filtered(lambda line: line.result == "pass").lot_id._parcours_set_stage(
            "to_refurbish"
        )
        lines.filtered(lambda line: line.result == "fail").lot_id._parcours_set_stage(
            "to_recycle"
        )
        donation_lot = self.donation_lot_id
        if donation_lot.state == "received" and not donation_lot.device_ids.filtered(
            lambda d: d.parcours_stage in ("received", "in_triage")
        ):
            donation_lot.sudo().state = "triaged"

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
        devices._parcours_set_stage("recycled")
        self.sudo().picking_id = (
            self.env["stock.picking"]
            .sudo()
            ._parcours_transfer_devices(
                devices,
                self.organisation_id.location_id,
                self.env.ref("parcours_devices.stock_location_recycling"),
                origin=self.name,
            )
        )

    def _done_refurbish(self):
        lines = self.line_ids
        for os_installed in set(lines.mapped("os_installed")):
            lines.filtered(
                lambda line, os=os_installed: line.os_installed == os
            ).lot_id.sudo().parcours_os = os_installed
        for grade in set(lines.mapped("grade")):
            lines.filtered(
                lambda line, grade=grade: line.grade == grade
            ).lot_id.sudo().parcours_grade = grade
        lines.lot_id._parcours_set_stage("ready")

    def action_cancel(self):
        self._check_state(("draft", "in_progress"))
        for order in self.filtered(lambda o: o.state == "in_progress"):
            stage = self.env["stock.lot"]._parcours_work_stages(order.work_type)[0]
            order.line_ids.lot_id._parcours_set_stage(stage)
        self._parcours_write_step({"state": "cancel"})
        return True

    def action_draft(self):
        self._check_state(("cancel",))
        self._parcours_write_step({"state": "draft"})
        return True

    def action_print_certificate(self):
        return self.env.ref("parcours_devices.action_report_work_order").report_action(
            self
        )
