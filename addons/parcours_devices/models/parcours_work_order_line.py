# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .hr_employee import WORKER_GROUPS
from .parcours_work_order import WORK_TYPE_PROGRESS_STAGE
from .stock_lot import GRADES

# The functional tests of décret 2022-190: every function of the device.
FUNCTIONAL_TESTS = {
    "test_boot": "Boot and BIOS",
    "test_screen": "Screen",
    "test_keyboard": "Keyboard",
    "test_pointing": "Touchpad or mouse",
    "test_audio": "Audio",
    "test_network": "Wi-Fi and Ethernet",
    "test_ports": "USB and video ports",
    "test_battery": "Battery and charger",
    "test_webcam": "Webcam",
}


class ParcoursWorkOrderLine(models.Model):
    """One device in a work order, the verdict and the work it took."""

    _name = "parcours.work.order.line"
    _description = "Work order line"
    _order = "order_id desc, id"
    _rec_name = "lot_id"

    order_id = fields.Many2one(
        "parcours.work.order", required=True, ondelete="cascade", index=True
    )
    work_type = fields.Selection(related="order_id.work_type", store=True, index=True)
    organisation_id = fields.Many2one(
        related="order_id.organisation_id", store=True, index=True
    )
    state = fields.Selection(related="order_id.state", store=True)
    is_open = fields.Boolean(
        compute="_compute_is_open",
        store=True,
        help="The work order is not done nor cancelled.",
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        required=True,
        index=True,
        ondelete="restrict",
    )
    product_id = fields.Many2one(related="lot_id.product_id", string="Model")
    donation_lot_id = fields.Many2one(
        related="lot_id.parcours_donation_lot_id", string="Donation lot"
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Worker",
        index="btree_not_null",
        domain="[('parcours_organisation_id', '=', organisation_id)]",
    )
    worker_type = fields.Selection(
        related="employee_id.parcours_worker_type",
        store=True,
        groups=WORKER_GROUPS + ",parcours_devices.group_accountant",
    )
    duration = fields.Float(string="Hours", help="Time spent on this device.")
    date = fields.Date(
        compute="_compute_date",
        store=True,
        help="Day the work was done: the validation date of the work order.",
    )
    # Triage
    result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail")],
        help="Triage verdict: a device that fails is dismantled for recycling.",
    )
    fail_reason = fields.Selection(
        [
            ("no_power", "Does not power on"),
            ("broken", "Broken screen or case"),
            ("missing", "Missing parts"),
            ("obsolete", "Too old to be useful"),
            ("other", "Other"),
        ],
        string="Reason",
    )
    note = fields.Char()
    # Refurbishment
    test_boot = fields.Boolean(string=FUNCTIONAL_TESTS["test_boot"])
    test_screen = fields.Boolean(string=FUNCTIONAL_TESTS["test_screen"])
    test_keyboard = fields.Boolean(string=FUNCTIONAL_TESTS["test_keyboard"])
    test_pointing = fields.Boolean(string=FUNCTIONAL_TESTS["test_pointing"])
    test_audio = fields.Boolean(string=FUNCTIONAL_TESTS["test_audio"])
    test_network = fields.Boolean(string=FUNCTIONAL_TESTS["test_network"])
    test_ports = fields.Boolean(string=FUNCTIONAL_TESTS["test_ports"])
    test_battery = fields.Boolean(string=FUNCTIONAL_TESTS["test_battery"])
    test_webcam = fields.Boolean(string=FUNCTIONAL_TESTS["test_webcam"])
    tests_passed = fields.Boolean(
        compute="_compute_tests_passed", store=True, string="All tests passed"
    )
    erasure_ids = fields.One2many("parcours.erasure", "line_id", string="Erasures")
    os_installed = fields.Char(string="OS installed")
    grade = fields.Selection(
        GRADES,
        help="Grade given at refurbishment; the device takes it once the order is "
        "validated.",
    )
    # Billing
    bill_id = fields.Many2one(
        "account.move",
        string="Partner bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )

    _sql_constraints = [
        (
            "lot_open_uniq",
            "EXCLUDE (lot_id WITH =, work_type WITH =) WHERE (is_open)",
            "A device can be in only one open work order of each type.",
        ),
        (
            "duration_positive",
            "CHECK(duration >= 0)",
            "The hours spent on a device cannot be negative.",
        ),
    ]

    @api.depends("state")
    def _compute_is_open(self):
        for line in self:
            line.is_open = line.state in ("draft", "in_progress")

    @api.depends("order_id.date_done")
    def _compute_date(self):
        for line in self:
            line.date = line.order_id.date_done

    @api.depends(*FUNCTIONAL_TESTS)
    def _compute_tests_passed(self):
        for line in self:
            line.tests_passed = all(line[name] for name in line._applicable_tests())

    def _applicable_tests(self):
        """Tests that apply to this device: a desktop has no battery nor webcam."""
        tests = list(FUNCTIONAL_TESTS)
        if self.lot_id.product_id.parcours_device_type in ("desktop", "screen"):
            tests = [t for t in tests if t not in ("test_battery", "test_webcam")]
        return tests

    @api.constrains("lot_id", "order_id")
    def _check_lot(self):
        for line in self:
            order = line.order_id
            device = line.lot_id
            if not device.product_id.parcours_device_type:
                raise ValidationError(
                    self.env._(
                        "%(serial)s is a %(product)s, which is not a device model of "
                        "the Parcours: choose a serial of a device model.",
                        serial=device.name,
                        product=device.product_id.display_name,
                    )
                )
            if device.location_id != order.organisation_id.location_id:
                raise ValidationError(
                    self.env._(
                        "Device %(serial)s is at %(location)s, not at "
                        "%(organisation)s: transfer it there before adding it to work "
                        "order %(order)s.",
                        serial=device.name,
                        location=device.location_id.display_name
                        or self.env._("no location"),
                        organisation=order.organisation_id.name,
                        order=order.name,
                    )
                )
            allowed = device._parcours_work_stages(order.work_type)
            if order.state == "in_progress":
                allowed = [*allowed, WORK_TYPE_PROGRESS_STAGE[order.work_type]]
            if order.state in ("draft", "in_progress") and (
                device.parcours_stage not in allowed
            ):
                raise ValidationError(
                    self.env._(
                        "Device %(serial)s is at stage %(stage)s: it cannot enter "
                        "a %(work_type)s work order.",
                        serial=device.name,
                        stage=dict(
                            device._fields["parcours_stage"]._description_selection(
                                self.env
                            )
                        ).get(device.parcours_stage, ""),
                        work_type=order._work_type_label(),
                    )
                )

    def _check_done(self):
        """Raise, naming the device and what is missing, if a line is not done."""
        for line in self:
            missing = line._get_missing()
            if missing:
                raise UserError(
                    self.env._(
                        "Device %(serial)s in work order %(order)s is not finished: "
                        "%(missing)s.",
                        serial=line.lot_id.name,
                        order=line.order_id.name,
                        missing="; ".join(missing),
                    )
                )

    def _get_missing(self):
        self.ensure_one()
        missing = []
        if not self.employee_id:
            missing.append(self.env._("say who did the work"))
        if self.work_type == "triage":
            if not self.result:
                missing.append(self.env._("give the triage verdict (pass or fail)"))
            elif self.result == "fail" and not self.fail_reason:
                missing.append(self.env._("give the reason of the failure"))
        elif self.work_type == "refurbish":
            failed = [
                self._fields[name].get_description(self.env)["string"]
                for name in self._applicable_tests()
                if not self[name]
            ]
            if failed:
                missing.append(
                    self.env._(
                        "functional tests not passed: %(tests)s",
                        tests=", ".join(failed),
                    )
                )
            if not self.erasure_ids:
                missing.append(self.env._("record the erasure of each storage device"))
            unverified = self.erasure_ids.filtered(lambda e: e.result != "passed")
            if unverified:
                missing.append(
                    self.env._(
                        "erasure not verified for disk(s) %(disks)s",
                        disks=", ".join(unverified.mapped("display_name")),
                    )
                )
            if not self.os_installed:
                missing.append(self.env._("say which operating system was installed"))
            if not self.grade:
                missing.append(self.env._("grade the device"))
        return missing

    def action_pass(self):
        self.write({"result": "pass", "fail_reason": False})

    def action_fail(self):
        self.write({"result": "fail"})
