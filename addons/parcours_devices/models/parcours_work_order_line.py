# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import groupby

from odoo.addons.parcours_base import ALL_FIELDS, selection_label

from .hr_employee import WORKER_GROUPS
from .parcours_values import GRADES, MAX_HOURS_PER_DEVICE

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
    """One device in a work order, the verdict and the work it took.

    Once its order is validated a line is a proof of the work done and billed:
    nothing of it changes any more, and only the partner billing links it to a
    bill.
    """

    _name = "parcours.work.order.line"
    _description = "Work order line"
    _parcours_organisation_field = "organisation_id"
    # The département dispatches work between workshops (a lot triaged by one
    # ESAT dismantled by another, a worker lent for a day): its back office may
    # link across organisations, a partner's user only to its own records.
    _parcours_organisation_back_office_links = True
    _inherit = ["parcours.protected.mixin"]
    _order = "order_id desc, id"
    _rec_name = "lot_id"
    _check_company_auto = True
    # Set by the steps: the stage the device entered with, the bill; and what
    # follows from the order, which a line never writes through.
    _parcours_protected_fields = (
        "entry_stage",
        "bill_id",
        "work_type",
        "organisation_id",
        "state",
        "is_open",
        "company_id",
        "date",
        "tests_passed",
    )
    _parcours_ranges = {"duration": (0, MAX_HOURS_PER_DEVICE)}

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
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        check_organisation=True,
    )
    entry_stage = fields.Selection(
        selection="_selection_entry_stage",
        string="Stage on entry",
        readonly=True,
        copy=False,
        help="The stage the device had when it entered the work order: it goes "
        "back to it if the order is cancelled.",
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
        check_company=True,
        check_organisation=True,
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
    erasure_ids = fields.One2many(
        "parcours.erasure", "line_id", string="Erasures", copy=False
    )
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
        check_company=True,
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

    def _parcours_frozen_fields(self):
        if self.state in ("done", "cancel"):
            return ALL_FIELDS
        # A device that entered a running order stays in it until the order ends.
        return ("order_id", "lot_id") if self.state == "in_progress" else ()

    @api.model
    def _selection_entry_stage(self):
        return self.env["stock.lot"]._fields["parcours_stage"].selection

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
            if device.parcours_handoff_id and order.state in ("draft", "in_progress"):
                raise ValidationError(
                    self.env._(
                        "Device %(serial)s is on its way in transfer %(picking)s: it "
                        "enters a work order once received.",
                        serial=device.name,
                        picking=device.parcours_handoff_id.name,
                    )
                )
            allowed = device._parcours_work_stages(order.work_type)
            if order.state == "in_progress":
                allowed = [
                    *allowed,
                    device._parcours_work_progress_stage(order.work_type),
                ]
            if order.state in ("draft", "in_progress") and (
                device.parcours_stage not in allowed
            ):
                raise ValidationError(
                    self.env._(
                        "Device %(serial)s is at stage %(stage)s: it cannot enter "
                        "a %(work_type)s work order.",
                        serial=device.name,
                        stage=selection_label(device, "parcours_stage"),
                        work_type=selection_label(order, "work_type"),
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

    # ------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        # A line is part of its order: who may not change the order adds none,
        # and nobody adds a device they cannot see.
        self.env["parcours.work.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        ).check_access("write")
        self.env["stock.lot"].browse(
            {vals["lot_id"] for vals in vals_list if vals.get("lot_id")}
        ).check_access("read")
        lines = super().create(vals_list)
        # A device added to a running order enters the work at once.
        lines.filtered(lambda line: line.state == "in_progress")._parcours_enter_work()
        return lines

    def write(self, vals):
        if vals.get("lot_id"):
            self.env["stock.lot"].browse(vals["lot_id"]).check_access("read")
        return super().write(vals)

    # ------------------------------------------------------------ actions
    def action_pass(self):
        self._parcours_check_step_access()
        self.write({"result": "pass", "fail_reason": False})

    def action_fail(self):
        self._parcours_check_step_access()
        self.write({"result": "fail"})

    @api.model
    def parcours_create_bills(self, date_from, date_to, organisation_ids=None):
        """Bill the validated work of a period; returns the ids of the bills.

        The entry point of a remote client (see ``_parcours_create_bills``).
        """
        organisations = self.env["parcours.organisation"].browse(organisation_ids or [])
        return self._parcours_create_bills(
            fields.Date.to_date(date_from),
            fields.Date.to_date(date_to),
            organisations or None,
        ).ids

    # ------------------------------------------------------------ steps
    def _parcours_enter_work(self):
        """The devices of these lines enter their running work order."""
        for stage, lines in self.grouped(
            lambda line: line.lot_id.parcours_stage
        ).items():
            lines._parcours_write_step({"entry_stage": stage})
        for work_type, lines in self.grouped("work_type").items():
            lines.lot_id._parcours_set_stage(
                lines.lot_id._parcours_work_progress_stage(work_type),
                step="%s_start" % work_type,
            )

    @api.model
    def _parcours_check_billing_access(self):
        """Billing is the département managers' step (they create the bills)."""
        if not (
            self.env.su or self.env.user.has_group("parcours_devices.group_manager")
        ):
            raise AccessError(
                self.env._("Only the département's managers bill the partners' work.")
            )
        self.env["account.move"].check_access("create")

    @api.model
    def _parcours_create_bills(self, date_from, date_to, organisations=None):
        """One draft vendor bill per organisation for the work done in a period.

        Every validated line of the period not billed yet is billed, at the
        unit price of its organisation and kind of work; each line then points
        to its bill. The values come from ``_prepare_bill_values`` and
        ``_prepare_bill_line_values``, which an extension may override.
        """
        self._parcours_check_billing_access()
        if date_to < date_from:
            raise UserError(
                self.env._("The period ends before it starts: swap the two dates.")
            )
        domain = [
            ("state", "=", "done"),
            ("bill_id", "=", False),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if organisations:
            domain.append(("organisation_id", "in", organisations.ids))
        lines = self.search(domain)
        if not lines:
            raise UserError(
                self.env._(
                    "No validated work left to bill between %(start)s and %(end)s.",
                    start=date_from,
                    end=date_to,
                )
            )
        prices = lines._parcours_unit_prices()
        bills = self.env["account.move"]
        for company, company_lines in groupby(lines, key=lambda line: line.company_id):
            bill_values, bill_lines = [], []
            for organisation, organisation_lines in groupby(
                company_lines, key=lambda line: line.organisation_id
            ):
                organisation_lines = self.concat(*organisation_lines)
                bill_values.append(
                    organisation_lines._prepare_bill_values(
                        organisation, date_from, date_to, prices
                    )
                )
                bill_lines.append(organisation_lines)
            company_bills = (
                self.env["account.move"].with_company(company).create(bill_values)
            )
            for bill, work_lines in zip(company_bills, bill_lines, strict=True):
                work_lines._parcours_write_step({"bill_id": bill.id})
            bills |= company_bills
        return bills

    def _parcours_unit_prices(self):
        """{(organisation, work type): unit price} of these lines, all of them set."""
        prices = {
            (price.organisation_id, price.work_type): price
            for price in self.env["parcours.unit.price"].search(
                [("organisation_id", "in", self.organisation_id.ids)]
            )
        }
        missing = sorted(
            {
                (line.organisation_id, line.work_type)
                for line in self
                if (line.organisation_id, line.work_type) not in prices
            },
            key=lambda pair: (pair[0].name, pair[1]),
        )
        if missing:
            raise UserError(
                self.env._(
                    "Set a unit price for %(pairs)s before billing this period.",
                    pairs=", ".join(
                        f"{organisation.name} / "
                        f"{selection_label(self, 'work_type', work_type)}"
                        for organisation, work_type in missing
                    ),
                )
            )
        return prices

    def _prepare_bill_values(self, organisation, date_from, date_to, prices):
        """The values of the bill of ``organisation`` for these lines."""
        period = f"{date_from} - {date_to}"
        products = {
            product.parcours_work_type: product
            for product in self.env["product.product"].search(
                [("parcours_work_type", "!=", False)]
            )
        }
        return {
            "move_type": "in_invoice",
            "partner_id": organisation.partner_id.id,
            "invoice_date": date_to,
            "ref": self.env._("Parcours numérique solidaire %(period)s", period=period),
            "invoice_line_ids": [
                Command.create(
                    lines._prepare_bill_line_values(
                        products[work_type], prices[(organisation, work_type)], period
                    )
                )
                for work_type, lines in self.grouped("work_type").items()
            ],
        }

    def _prepare_bill_line_values(self, product, unit_price, period):
        """One invoice line for these lines, all of one kind of work."""
        return {
            "product_id": product.id,
            "name": self.env._(
                "%(work)s of %(count)s devices, %(period)s",
                work=selection_label(self[:1], "work_type"),
                count=len(self),
                period=period,
            ),
            "quantity": len(self),
            "price_unit": unit_price.price,
        }
