# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.parcours_base import selection_label
from odoo.addons.parcours_base.identifiers import identifier_key

from .parcours_values import (
    GRADES,
    MAX_DEVICE_WEIGHT,
    MAX_RAM_GB,
    MAX_STORAGE_GB,
    STORAGE_TYPES,
)

STAGES = [
    ("received", "Received"),
    ("in_triage", "In triage"),
    ("to_refurbish", "To refurbish"),
    ("to_recycle", "To recycle"),
    ("recycled", "Recycled"),
    ("refurbishing", "Refurbishing"),
    ("ready", "Ready"),
]
# Operators of a search on the name that the serial's key answers too.
SERIAL_OPERATORS = ("=", "in", "ilike", "=ilike")
# What the chain records about a device: once it is a device of the Parcours,
# only the steps change them.
DEVICE_FIELDS = (
    "name",
    "product_id",
    "company_id",
    "location_id",
    "parcours_cpu",
    "parcours_ram_gb",
    "parcours_storage_gb",
    "parcours_storage_type",
    "parcours_os",
    "parcours_battery_health",
    "parcours_grade",
    "parcours_weight",
    "parcours_serial_key",
)


class StockLot(models.Model):
    """A physical device is a serial number of a device model."""

    _name = "stock.lot"
    _inherit = ["stock.lot", "parcours.protected.mixin"]
    _parcours_protected_fields = (
        "parcours_stage",
        "parcours_stage_date",
        "parcours_donation_lot_id",
        "parcours_holder_id",
        "parcours_handoff_id",
    )
    # The guard applies to the devices of the Parcours only.
    _parcours_guard_domain = [
        "|",
        ("parcours_stage", "!=", False),
        ("parcours_donation_lot_id", "!=", False),
    ]
    _parcours_organisation_field = "parcours_holder_id"
    _parcours_ranges = {
        "parcours_ram_gb": (0, MAX_RAM_GB),
        "parcours_storage_gb": (0, MAX_STORAGE_GB),
        "parcours_battery_health": (0, 100),
        "parcours_weight": (0, MAX_DEVICE_WEIGHT),
    }

    parcours_donation_lot_id = fields.Many2one(
        "parcours.donation.lot",
        string="Donation lot",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    parcours_stage = fields.Selection(
        STAGES,
        string="Stage",
        readonly=True,
        tracking=True,
        index="btree_not_null",
        copy=False,
        help="Where the device stands in the chain. It follows from the work "
        "orders, transfers and loans: it is never typed by hand.",
    )
    parcours_stage_date = fields.Datetime(
        string="In stage since",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the device entered its current stage: set by the steps of "
        "the chain with the stage.",
    )
    parcours_handoff_id = fields.Many2one(
        "stock.picking",
        string="On its way in",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The hand-off the device is on its way in, until its receiver "
        "confirms it.",
    )
    parcours_holder_id = fields.Many2one(
        "parcours.organisation",
        string="Held by",
        related="location_id.parcours_organisation_id",
        store=True,
        index="btree_not_null",
    )
    parcours_device_type = fields.Selection(
        related="product_id.parcours_device_type", string="Device type"
    )
    parcours_cpu = fields.Char(string="CPU")
    parcours_ram_gb = fields.Integer(string="RAM (GB)")
    parcours_storage_gb = fields.Integer(string="Storage (GB)")
    parcours_storage_type = fields.Selection(STORAGE_TYPES, string="Storage type")
    parcours_os = fields.Char(string="Operating system", tracking=True)
    parcours_battery_health = fields.Integer(
        string="Battery health (%)", help="Remaining capacity of the battery."
    )
    parcours_grade = fields.Selection(
        GRADES,
        string="Grade",
        tracking=True,
    )
    parcours_weight = fields.Float(string="Weight (kg)", digits="Stock Weight")
    parcours_work_line_ids = fields.One2many(
        "parcours.work.order.line", "lot_id", string="Work done"
    )
    parcours_erasure_ids = fields.One2many(
        "parcours.erasure", "lot_id", string="Erasures"
    )
    parcours_stock_move_line_ids = fields.One2many(
        "stock.move.line",
        "lot_id",
        string="Move lines",
        help="Every transfer of the device, done or not: partner organisations "
        "read the devices that went through their hands.",
    )
    parcours_move_line_ids = fields.Many2many(
        "stock.move.line",
        string="Transfer history",
        compute="_compute_parcours_move_line_ids",
        help="Done transfers of this device, oldest first.",
    )

    # The core form of a device reads its valuation layers, which only stock
    # managers may read: the field is theirs, so the form opens for everyone else
    # (partners, officers) without an access error.
    stock_valuation_layer_ids = fields.One2many(groups="stock.group_stock_manager")
    parcours_can_handoff = fields.Boolean(
        string="Can be handed off",
        compute="_compute_parcours_can_handoff",
        search="_search_parcours_can_handoff",
        help="The device is at a stage where its holder may send it on.",
    )

    parcours_serial_key = fields.Char(
        string="Serial number key",
        compute="_compute_parcours_serial_key",
        store=True,
        index=True,
        help="The serial number as it is compared: without invisible characters, "
        "dashes unified, case folded. Two devices of a model cannot share it.",
    )

    _sql_constraints = [
        (
            "parcours_values_positive",
            "CHECK(parcours_weight >= 0 AND parcours_ram_gb >= 0 "
            "AND parcours_storage_gb >= 0 AND parcours_battery_health >= 0 "
            "AND parcours_battery_health <= 100)",
            "Weight, RAM and storage cannot be negative, and battery health is a "
            "percentage between 0 and 100.",
        ),
    ]

    def init(self):
        # One device of the Parcours per serial, model and company, whatever two
        # intakes do at the same moment: Odoo's own check (_check_unique_lot)
        # reads only what is committed. The serial is compared on its key, so
        # that "PC-1" typed with a zero-width space is "PC-1" (until 18.0.2.1,
        # on the name itself: the index is made again).
        self.env.cr.execute(
            """
            SELECT indexdef FROM pg_indexes
             WHERE indexname = 'stock_lot_parcours_serial_uniq'
            """
        )
        found = self.env.cr.fetchone()
        if found and "parcours_serial_key" not in found[0]:
            self.env.cr.execute("DROP INDEX stock_lot_parcours_serial_uniq")
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS stock_lot_parcours_serial_uniq
                ON stock_lot (product_id, COALESCE(company_id, 0), parcours_serial_key)
             WHERE parcours_stage IS NOT NULL
            """
        )

    @api.depends("name")
    def _compute_parcours_serial_key(self):
        for device in self:
            device.parcours_serial_key = identifier_key(device.name) or False

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # A serial typed with an invisible character, another dash or other
        # letters' case finds the device: the name is compared on its key too.
        if isinstance(domain, list | tuple):
            domain = [
                term for leaf in domain for term in self._parcours_serial_leaf(leaf)
            ]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _parcours_serial_leaf(self, leaf):
        """``leaf``, or ``leaf`` or the same on the serial's key."""
        if not expression.is_leaf(leaf) or isinstance(leaf, str):
            return [leaf]
        name, operator, value = leaf
        if name != "name" or operator not in SERIAL_OPERATORS:
            return [leaf]
        if isinstance(value, str):
            key = identifier_key(value)
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            key = [identifier_key(v) for v in value]
        else:
            return [leaf]
        return ["|", leaf, ("parcours_serial_key", operator, key)]

    def _parcours_frozen_fields(self):
        return DEVICE_FIELDS if self.parcours_stage else ()

    @api.model
    def _parcours_complete_create_vals(self, vals_list):
        # A device registered with a stage (the intake) enters it now.
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("parcours_stage") and not vals.get("parcours_stage_date"):
                vals["parcours_stage_date"] = now
        return super()._parcours_complete_create_vals(vals_list)

    def _compute_parcours_can_handoff(self):
        stages = self._parcours_handoff_stages()
        for device in self:
            device.parcours_can_handoff = device.parcours_stage in stages

    def _search_parcours_can_handoff(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        positive = (operator == "=") == value
        return [
            (
                "parcours_stage",
                "in" if positive else "not in",
                self._parcours_handoff_stages(),
            )
        ]

    def _compute_parcours_move_line_ids(self):
        # Not a one2many: an inverse with a domain would be re-evaluated for every
        # move line created, one query per serial on a 500-device receipt.
        move_lines = self.env["stock.move.line"].search(
            [("lot_id", "in", self.ids), ("state", "=", "done")], order="date, id"
        )
        for device in self:
            device.parcours_move_line_ids = move_lines.filtered(
                lambda line, device=device: line.lot_id == device
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_parcours_device(self):
        if not self.env.su and self.filtered("parcours_stage"):
            raise UserError(
                self.env._(
                    "%(serial)s is a device of the Parcours: it is kept with the "
                    "history of its work and transfers and cannot be deleted.",
                    serial=self.filtered("parcours_stage")[0].name,
                )
            )

    # ------------------------------------------------------------ hooks
    # What the device chain asks the layers above it (loans, for instance):
    # each extends these with super(). The stage machine itself is one table,
    # in stock_lot_stages.py.

    @api.model
    def _parcours_reused_stages(self):
        """Stages whose devices count as reused in a donation lot's mass balance."""
        return ["to_refurbish", "refurbishing", "ready"]

    @api.model
    def _parcours_handoff_routes(self):
        """Where devices may go: {(sender role, receiver role): stages allowed}."""
        return {
            ("workshop", "refurbisher"): ["to_refurbish"],
            ("refurbisher", "third_place"): ["ready"],
            ("third_place", "refurbisher"): ["ready"],
        }

    @api.model
    def _parcours_handoff_stages(self):
        """Every stage at which some route lets a device go."""
        return sorted(
            {
                stage
                for stages in self._parcours_handoff_routes().values()
                for stage in stages
            }
        )

    def _parcours_outcome(self):
        """What became of this device, in the words of the donation certificate."""
        self.ensure_one()
        stage = self.parcours_stage
        if stage in ("received", "in_triage"):
            return self.env._("Being checked")
        if stage in ("to_recycle", "recycled"):
            return self.env._("Dismantled, materials recycled")
        if stage == "ready":
            return self.env._("Refurbished, ready to be lent")
        return self.env._("Being refurbished")

    # ------------------------------------------------------------ ORM
    def get_formview_id(self, access_uid=None):
        # The devices of the Parcours open in their own form, which partner
        # operators can read (the core form shows valuation to stock managers only).
        if len(self) == 1 and self.parcours_stage:
            return self.env.ref("parcours_devices.stock_lot_view_form_device").id
        return super().get_formview_id(access_uid=access_uid)

    # ------------------------------------------------------------ actions
    def action_parcours_history(self):
        """Open the device's form on its history tab."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.lot",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("parcours_devices.stock_lot_view_form_history").id,
                    "form",
                )
            ],
        }

    def _parcours_handoff_wizard_action(self, receiver=None):
        """The dialog that sends these devices on, filled in with them.

        Only a screen: the hand-off itself checks every rule when it is sent.
        """
        self.check_access("read")
        context = {"default_lot_ids": [fields.Command.set(self.ids)]}
        if receiver:
            context["default_organisation_id"] = receiver.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send to another organisation"),
            "res_model": "parcours.handoff.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    def parcours_handoff(self, organisation_id):
        """Send these devices to the organisation ``organisation_id``.

        The entry point of a remote client; returns the id of the hand-off.
        """
        receiver = self.env["parcours.organisation"].browse(organisation_id)
        return self._parcours_handoff(receiver).id

    # ------------------------------------------------------------ steps
    def _parcours_check_step_access(self):
        """May this user take a step on these devices?

        Partner accounts only read devices (they never write a ``stock.lot``):
        a step is theirs when their organisation holds every one of them. The
        département's officers need the right to write devices.
        """
        if self.env.su:
            return
        if self.env.user.has_group("parcours_devices.group_officer"):
            super()._parcours_check_step_access()
            return
        self.check_access("read")
        organisation = self.env.user.parcours_organisation_id
        foreign = self.filtered(
            lambda d: not organisation or d.parcours_holder_id != organisation
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "%(serial)s is not held by your organisation: only its holder "
                    "can send it on.",
                    serial=foreign[0].name,
                )
            )

    def _parcours_check_moved_by_step(self):
        """Refuse to move devices of the Parcours outside the chain's steps.

        Called by every path that moves stock (move lines, ``_action_done``):
        the steps run with elevated rights once they checked the user, so any
        other move of a device by a user, officers included, is refused.
        """
        if self.env.su:
            return
        # sudo: checked on every move of stock, whoever moves it, including
        # devices the mover may not read.
        devices = self.sudo().filtered("parcours_stage")
        if devices:
            raise UserError(
                self.env._(
                    "%(serial)s is a device of the Parcours: it moves only by the "
                    "steps of the chain (intake, work orders, hand-offs confirmed by "
                    "their receiver), not by a transfer of its own.",
                    serial=devices[0].name,
                )
            )

    def _parcours_handoff(self, receiver):
        """Send these devices to ``receiver``, which confirms their reception.

        Every rule of the chain is checked here, whoever calls: devices held by
        one organisation, a route of ``_parcours_handoff_routes`` open to the
        stage of each of them, no open work order, no transfer already on its
        way. Returns the hand-off: a transfer waiting for the receiver's
        ``action_parcours_confirm_reception``.
        """
        self._parcours_check_step_access()
        devices = self
        if not devices:
            raise UserError(self.env._("Choose the devices to send."))
        strangers = devices.filtered(lambda d: not d.parcours_stage)
        if strangers:
            raise UserError(
                self.env._(
                    "%(serial)s is not a device of the Parcours: it cannot be "
                    "handed off.",
                    serial=strangers[0].name,
                )
            )
        sender = devices.parcours_holder_id
        if len(sender) != 1 or len(devices.location_id) != 1:
            raise UserError(
                self.env._(
                    "Send devices held by one organisation at a time: these are at "
                    "%(places)s.",
                    places=", ".join(devices.location_id.mapped("display_name"))
                    or self.env._("no location"),
                )
            )
        if not receiver.location_id or devices.company_id - receiver.company_id:
            raise UserError(
                self.env._(
                    "%(organisation)s holds no devices of this département: choose "
                    "a workshop, a refurbisher or a third place of the same "
                    "département.",
                    organisation=receiver.display_name,
                )
            )
        if sender == receiver:
            raise UserError(
                self.env._(
                    "The devices are already at %(organisation)s.",
                    organisation=sender.name,
                )
            )
        routes = self._parcours_handoff_routes()
        if (sender.role, receiver.role) not in routes:
            ways = []
            for from_role, to_role in routes:
                ways.append(
                    self.env._(
                        "%(sender)s to %(receiver)s",
                        sender=selection_label(sender, "role", from_role),
                        receiver=selection_label(sender, "role", to_role),
                    )
                )
            raise UserError(
                self.env._(
                    "%(sender)s (%(sender_role)s) cannot send devices to "
                    "%(receiver)s (%(receiver_role)s): the chain goes from %(routes)s.",
                    sender=sender.name,
                    sender_role=selection_label(sender, "role"),
                    receiver=receiver.name,
                    receiver_role=selection_label(receiver, "role"),
                    routes=", ".join(ways),
                )
            )
        blocked = devices.filtered(
            lambda d: d.parcours_stage not in routes[(sender.role, receiver.role)]
        )
        if blocked:
            raise UserError(
                self.env._(
                    "%(serial)s cannot leave %(organisation)s at its stage "
                    "(%(stage)s): finish its work order first.",
                    serial=blocked[0].name,
                    organisation=sender.name,
                    stage=selection_label(blocked[0], "parcours_stage"),
                )
            )
        busy = (
            # sudo: a third place, which sends devices on, may not read work
            # orders; only whether one is open on them is read.
            self.env["parcours.work.order.line"]
            .sudo()
            .search([("lot_id", "in", devices.ids), ("is_open", "=", True)], limit=1)
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
        pending = devices.filtered("parcours_handoff_id")[:1]
        if pending:
            raise UserError(
                self.env._(
                    "%(serial)s is already on its way in transfer %(picking)s: "
                    "wait for its reception or cancel it first.",
                    serial=pending.name,
                    picking=pending.parcours_handoff_id.name,
                )
            )
        picking = (
            # sudo: the hand-off is a transfer of the devices' quants, which
            # partner accounts never create themselves.
            self.env["stock.picking"]
            .sudo()
            ._parcours_transfer_devices(
                devices,
                sender.location_id,
                receiver.location_id,
                validate=False,
                picking_type_id=sender._parcours_handoff_type().id,
                parcours_is_handoff=True,
                partner_id=receiver.partner_id.id,
            )
        )
        # Written on the devices, so that two hand-offs of one device at the same
        # moment conflict in the database: the second one is retried, and refused.
        # sudo: partner accounts only read devices (no right to write stock.lot).
        devices.sudo().write({"parcours_handoff_id": picking.id})
        return picking
