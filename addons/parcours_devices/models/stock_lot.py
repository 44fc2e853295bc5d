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
    ("reserved", "Reserved"),
    ("lent", "Lent"),
    ("returned", "Returned"),
    ("lost", "Lost"),
]


class StockLot(models.Model):
    """A physical device is a serial number of a device model."""

    _inherit = "stock.lot"

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
        [
            ("a", "A - as new"),
            ("b", "B - light wear"),
            ("c", "C - visible wear"),
        ],
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

    def _check_stage_not_typed(self, vals_list):
        if not self.env.context.get("parcours_stage_update") and any(
            vals.get("parcours_stage") for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "The stage of a device follows from its work orders, transfers "
                    "and loans: it cannot be changed by hand."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_stage_not_typed(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if "parcours_stage" in vals:
            self._check_stage_not_typed([dict(vals, parcours_stage=True)])
        return super().write(vals)

    def _parcours_set_stage(self, stage):
        """Move devices to ``stage``; the one path that changes a stage."""
        if self:
            self.with_context(parcours_stage_update=True).write(
                {"parcours_stage": stage}
            )

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
