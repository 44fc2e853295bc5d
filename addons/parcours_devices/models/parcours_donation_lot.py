# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base import ALL_FIELDS, selection_label
from odoo.addons.parcours_base.identifiers import (
    control_characters,
    identifier_key,
    normalise_identifier,
)

from .parcours_values import (
    MAX_DEVICE_WEIGHT,
    MAX_LOT_QUANTITY,
    MAX_LOT_WEIGHT,
    MAX_RAM_GB,
    MAX_STORAGE_GB,
    STORAGE_TYPES,
)

ERRORS_SHOWN = 10
# What a row of an intake may say about a device, besides its serial and model.
INTAKE_SPECS = (
    "cpu",
    "ram_gb",
    "storage_gb",
    "storage_type",
    "os",
    "battery_health",
    "weight",
)


def format_errors(env, errors):
    """One message listing the first errors of a batch, so all can be fixed at once."""
    shown = "\n".join("- " + error for error in errors[:ERRORS_SHOWN])
    more = ""
    if len(errors) > ERRORS_SHOWN:
        more = "\n" + env._("... and %(count)s more.", count=len(errors) - ERRORS_SHOWN)
    return (
        env._("Nothing was received. Correct these devices and try again:")
        + "\n"
        + shown
        + more
    )


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
    _inherit = ["parcours.document.mixin", "mail.thread", "mail.activity.mixin"]
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

    def parcours_check_intake(self, rows):
        """Dry run of an intake: the errors ``rows`` would meet, none if it can go.

        The entry point of a remote client. ``rows`` are plain values: see
        ``parcours.import._parcours_import_lot_values``. Nothing is written.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        rows, errors = self.env["parcours.import"]._parcours_import_lot_values(rows)
        return errors + self._check_intake_rows(rows)

    def parcours_receive(self, rows, received_weight=0.0, received_date=False):
        """Receive the lot from plain ``rows``; returns the id of its receipt.

        The entry point of a remote client, the same step as the intake form.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        rows, errors = self.env["parcours.import"]._parcours_import_lot_values(rows)
        if errors:
            raise UserError(format_errors(self.env, errors))
        self._receive_devices(rows, received_weight, received_date or None)
        return self.picking_id.id

    # ------------------------------------------------------------ intake
    def _check_receivable(self):
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Lot %(lot)s is already received: its devices cannot be "
                    "received a second time.",
                    lot=self.name,
                )
            )

    @api.model
    def _normalize_intake_rows(self, rows):
        """Serials as identifiers (``normalise_identifier``): ' PC-1 ' and 'PC-1'
        are one serial, and so is 'PC‑1' typed with a non-breaking hyphen."""
        return [
            dict(row, serial=normalise_identifier(str(row.get("serial") or "")))
            for row in rows
        ]

    def _check_intake_rows(self, rows):
        """Every error ``rows`` would meet on receiving this lot, as a list of lines.

        ``rows`` are dicts with ``serial``, ``product`` (a device model) and the
        optional specs of ``INTAKE_SPECS``. Nothing is written: this is the dry
        run that ``_receive_devices`` does first.
        """
        self.ensure_one()
        rows = self._normalize_intake_rows(rows)
        errors = []
        seen = set()
        for index, row in enumerate(rows, start=1):
            number = row.get("row") or index
            serial, product = row["serial"], row["product"]
            label = serial or self.env._("row %(row)s", row=number)
            for key in ("serial", "cpu", "os"):
                characters = control_characters(row.get(key))
                if characters:
                    errors.append(
                        self.env._(
                            "row %(row)s: the %(column)s holds a control character "
                            "(%(chars)s) that no text may hold: type it again",
                            row=number,
                            column=key,
                            chars=", ".join(characters),
                        )
                    )
            if not serial:
                errors.append(
                    self.env._("row %(row)s: the serial number is missing", row=number)
                )
            elif (identifier_key(serial), product.id) in seen:
                errors.append(
                    self.env._("%(serial)s: typed twice in this lot", serial=serial)
                )
            seen.add((identifier_key(serial), product.id))
            if not product.parcours_device_type or product.tracking != "serial":
                errors.append(
                    self.env._(
                        "%(serial)s: %(product)s is not a device model tracked by "
                        "serial number",
                        serial=label,
                        product=product.display_name,
                    )
                )
            errors += self._check_intake_specs(row, label)
            if not row.get("weight") and not product.weight:
                errors.append(
                    self.env._(
                        "%(serial)s: the weight is missing and model %(product)s has "
                        "no default weight",
                        serial=label,
                        product=product.display_name,
                    )
                )
        existing = (
            # sudo: a serial is new only if no device of the département has
            # it, whoever holds that device now.
            self.env["stock.lot"]
            .sudo()
            .search(
                [
                    (
                        "parcours_serial_key",
                        "in",
                        [
                            identifier_key(row["serial"])
                            for row in rows
                            if row["serial"] and not control_characters(row["serial"])
                        ],
                    ),
                    ("product_id", "in", list({row["product"].id for row in rows})),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        for device in existing.filtered(
            lambda d: (d.parcours_serial_key, d.product_id.id) in seen
        ):
            errors.append(
                self.env._(
                    "%(serial)s: a %(product)s with this serial number is already "
                    "registered (lot %(lot)s)",
                    serial=device.name,
                    product=device.product_id.display_name,
                    lot=device.parcours_donation_lot_id.name or "-",
                )
            )
        return errors

    def _check_intake_specs(self, row, label):
        """The errors of the specs of one row: numbers in range, known values."""
        limits = {
            "ram_gb": (MAX_RAM_GB, self.env._("RAM (GB)")),
            "storage_gb": (MAX_STORAGE_GB, self.env._("storage (GB)")),
            "battery_health": (100, self.env._("battery health (%)")),
            "weight": (MAX_DEVICE_WEIGHT, self.env._("weight (kg)")),
        }
        errors = []
        for key, (high, name) in limits.items():
            value = row.get(key) or 0
            if isinstance(value, bool) or not isinstance(value, int | float):
                errors.append(
                    self.env._(
                        "%(serial)s: %(field)s must be a number",
                        serial=label,
                        field=name,
                    )
                )
            elif value < 0:
                errors.append(
                    self.env._(
                        "%(serial)s: %(field)s cannot be negative",
                        serial=label,
                        field=name,
                    )
                )
            elif not value <= high:  # NaN included
                errors.append(
                    self.env._(
                        "%(serial)s: %(field)s must be at most %(high)s, not "
                        "%(value)s",
                        serial=label,
                        field=name,
                        high=high,
                        value=value,
                    )
                )
        storage_type = row.get("storage_type")
        if storage_type and storage_type not in dict(STORAGE_TYPES):
            errors.append(
                self.env._(
                    "%(serial)s: the storage type must be one of %(types)s",
                    serial=label,
                    types=", ".join(key for key, __ in STORAGE_TYPES),
                )
            )
        return errors

    def _receive_devices(self, rows, received_weight=0.0, received_date=None):
        """Receive the lot: create its serials and the receipt in one batch.

        ``rows`` are dicts with ``serial``, ``product`` (a device model) and the
        optional specs. Every row is checked (``_check_intake_rows``) before
        anything is written, so a bad row leaves the lot as it was.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        self._check_receivable()
        if not rows:
            raise UserError(
                self.env._(
                    "Type in the devices of lot %(lot)s or import a spreadsheet: "
                    "there is nothing to receive.",
                    lot=self.name,
                )
            )
        if not 0 <= (received_weight or 0.0) <= MAX_LOT_WEIGHT:
            raise UserError(
                self.env._(
                    "The weight received must be between 0 and %(high)s kg: weigh "
                    "the lot again.",
                    high=MAX_LOT_WEIGHT,
                )
                if (received_weight or 0.0) >= 0
                else self.env._(
                    "The weight received cannot be negative: weigh the lot again."
                )
            )
        rows = self._normalize_intake_rows(rows)
        errors = self._check_intake_rows(rows)
        if errors:
            raise UserError(format_errors(self.env, errors))
        devices = self._create_devices(rows)
        picking = (
            # sudo: the receipt moves the devices' quants into the workshop,
            # which partner accounts never do themselves.
            self.env["stock.picking"]
            .sudo()
            ._parcours_transfer_devices(
                devices,
                self.env.ref("stock.stock_location_suppliers"),
                self.workshop_id.location_id,
                origin=self.name,
                partner_id=self.donor_id.partner_id.id,
            )
        )
        self._parcours_write_step(
            {
                "state": "received",
                "picking_id": picking.id,
                "received_date": received_date or fields.Date.context_today(self),
                "received_weight": received_weight
                or sum(devices.mapped("parcours_weight")),
            }
        )
        # A log note: partner accounts may have no email address to send from.
        self._message_log(
            body=self.env._(
                "%(count)s devices received in %(picking)s.",
                count=len(devices),
                picking=picking.name,
            )
        )
        return True

    def _create_devices(self, rows):
        """The serials of ``rows``, created at once once the rows are checked."""
        try:
            with self.env.cr.savepoint():
                return (
                    # sudo: the devices are created by the checked intake only;
                    # partner accounts only read devices (no right to create one).
                    self.env["stock.lot"]
                    .sudo()
                    .with_context(mail_create_nolog=True, tracking_disable=True)
                    .create([self._prepare_device_values(row) for row in rows])
                )
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != "stock_lot_parcours_serial_uniq":
                raise
            # Another intake registered one of these serials at the same moment.
            raise ValidationError(
                self.env._(
                    "Nothing was received: one of these serial numbers was registered "
                    "by someone else at the same moment. Try again to see which."
                )
            ) from error

    def _prepare_device_values(self, row):
        return {
            "name": row["serial"],
            "product_id": row["product"].id,
            "company_id": self.company_id.id,
            "parcours_donation_lot_id": self.id,
            "parcours_stage": "received",
            "parcours_cpu": row.get("cpu") or False,
            "parcours_ram_gb": row.get("ram_gb") or 0,
            "parcours_storage_gb": row.get("storage_gb") or 0,
            "parcours_storage_type": row.get("storage_type") or False,
            "parcours_os": row.get("os") or False,
            "parcours_battery_health": row.get("battery_health") or 0,
            "parcours_weight": row.get("weight") or row["product"].weight,
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
