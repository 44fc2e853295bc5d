# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .parcours_values import MAX_LOT_WEIGHT


class ParcoursRecyclingFraction(models.Model):
    """Kilograms of one material sent to one recycling channel.

    The fractions of a lot cannot weigh more than the lot received (checked by
    the work order, ``_check_fraction_weights``); once the dismantling is
    validated they are part of the lot's mass balance: only the collection
    that follows (pickup date, treatment certificate) is still recorded.
    """

    _name = "parcours.recycling.fraction"
    _description = "Recycling fraction"
    _parcours_organisation_field = "organisation_id"
    _inherit = ["parcours.protected.mixin"]
    _order = "order_id desc, id"
    _check_company_auto = True
    _parcours_protected_fields = (
        "donation_lot_id",
        "organisation_id",
        "company_id",
        "kind",
    )
    _parcours_ranges = {"weight": (0.01, MAX_LOT_WEIGHT)}

    order_id = fields.Many2one(
        "parcours.work.order",
        string="Dismantling order",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("work_type", "=", "dismantle")],
    )
    donation_lot_id = fields.Many2one(
        related="order_id.donation_lot_id", store=True, index=True
    )
    organisation_id = fields.Many2one(
        related="order_id.organisation_id", store=True, index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    material = fields.Selection(
        [
            ("metal", "Metals"),
            ("plastic", "Plastics"),
            ("board", "Circuit boards"),
            ("battery", "Batteries"),
            ("screen", "Screens"),
            ("cable", "Cables"),
            ("glass", "Glass"),
            ("other", "Other"),
        ],
        required=True,
    )
    weight = fields.Float(string="Weight (kg)", digits="Stock Weight", required=True)
    channel_id = fields.Many2one(
        "parcours.recycling.channel",
        string="Channel",
        required=True,
        check_company=True,
    )
    kind = fields.Selection(related="channel_id.kind", store=True)
    eco_organism_id = fields.Many2one(related="channel_id.eco_organism_id")
    shipment_id = fields.Many2one(
        "parcours.waste.shipment",
        string="Shipment",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The shipment that took this fraction, a line of the register of "
        "outgoing waste.",
    )
    pickup_date = fields.Date()
    certificate_ref = fields.Char(string="Treatment certificate")

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK(weight > 0)",
            "The weight of a recycling fraction must be greater than zero.",
        ),
    ]

    def _parcours_frozen_fields(self):
        frozen = ()
        if self.order_id.state == "done":
            frozen = ("order_id", "material", "weight", "channel_id")
        if self.shipment_id.state == "sent":
            # it left with a shipment of the register: it stays on it
            frozen += ("shipment_id",)
        return frozen

    @api.model_create_multi
    def create(self, vals_list):
        self._check_shipment_open([vals.get("shipment_id") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if "shipment_id" in vals:
            # lock the shipments left too, before the guard reads their state
            self.shipment_id._lock_for_update()
            self._check_shipment_open([vals["shipment_id"]])
        return super().write(vals)

    @api.model
    def _check_shipment_open(self, shipment_ids):
        """No fraction joins a shipment once it is sent."""
        if self.env.su:
            return
        shipments = self.env["parcours.waste.shipment"].browse(
            {shipment_id for shipment_id in shipment_ids if shipment_id}
        )
        shipments._lock_for_update()
        sent = shipments.filtered(lambda s: s.state == "sent")
        if sent:
            raise UserError(
                self.env._(
                    "The shipment of %(date)s to %(channel)s is sent: it is a line "
                    "of the register of outgoing waste and takes no more fraction. "
                    "Record a new shipment.",
                    date=sent[0].date,
                    channel=sent[0].channel_id.display_name,
                )
            )

    @api.constrains("weight", "order_id")
    def _check_weight_within_lot(self):
        self.order_id._check_fraction_weights()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated(self):
        if not self.env.su and self.filtered(lambda f: f.order_id.state == "done"):
            raise UserError(
                self.env._(
                    "The fractions of a validated dismantling are part of its lot's "
                    "mass balance: they cannot be deleted."
                )
            )
