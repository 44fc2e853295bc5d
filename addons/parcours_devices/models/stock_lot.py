# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

STAGES = [
    ("received", "Received"),
    ("in_triage", "In triage"),
    ("to_refurbish", "To refurbish"),
    ("to_recycle", "To recycle"),
    ("recycled", "Recycled"),
    ("refurbishing", "Refurbishing"),
    ("ready", "Ready"),
]
GRADES = [
    ("a", "A - as new"),
    ("b", "B - light wear"),
    ("c", "C - visible wear"),
]


class StockLot(models.Model):
    """A physical device is a serial number of a device model."""

    _name = "stock.lot"
    _inherit = ["stock.lot", "parcours.protected.mixin"]
    _parcours_protected_fields = ("parcours_stage", "parcours_donation_lot_id")

    parcours_donation_lot_id = fields.Many2one(
        "parcours.donation.lot",
        string="Donation lot",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
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
    parcours_storage_type = fields.Selection(
        [("hdd", "HDD"), ("ssd", "SSD"), ("nvme", "NVMe SSD"), ("emmc", "eMMC")],
        string="Storage type",
    )
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
    parcours_move_line_ids = fields.Many2many(
        "stock.move.line",
        string="Transfer history",
        compute="_compute_parcours_move_line_ids",
        help="Done transfers of this device, oldest first.",
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

    parcours_can_handoff = fields.Boolean(
        string="Can be handed off",
        compute="_compute_parcours_can_handoff",
        search="_search_parcours_can_handoff",
        help="The device is at a stage where its holder may send it on.",
    )

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

    # ------------------------------------------------------------ hooks
    # What the device chain asks the layers above it (loans, for instance):
    # each extends these with super().

    @api.model
    def _parcours_reused_stages(self):
        """Stages whose devices count as reused in a donation lot's mass balance."""
        return ["to_refurbish", "refurbishing", "ready"]

    @api.model
    def _parcours_work_stages(self, work_type):
        """Stages a device may have to enter a work order of ``work_type``."""
        return {
            "triage": ["received"],
            "dismantle": ["to_recycle"],
            "refurbish": ["to_refurbish"],
        }[work_type]

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

    def _parcours_set_stage(self, stage):
        """Move devices to ``stage``: the one path that changes a stage.

        Only business methods call it, once they checked the step.
        """
        if self:
            self.sudo().write({"parcours_stage": stage})

    def get_formview_id(self, access_uid=None):
        # The devices of the Parcours open in their own form, which partner
        # operators can read (the core form shows valuation to stock managers only).
        if len(self) == 1 and self.parcours_stage:
            return self.env.ref("parcours_devices.stock_lot_view_form_device").id
        return super().get_formview_id(access_uid=access_uid)

    def action_parcours_history(self):
        """Open the device's form on its history tab."""
        self.ensure_one()
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
