# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ParcoursRecyclingFraction(models.Model):
    """Kilograms of one material sent to one recycling channel."""

    _name = "parcours.recycling.fraction"
    _description = "Recycling fraction"
    _order = "order_id desc, id"

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
        "parcours.recycling.channel", string="Channel", required=True
    )
    kind = fields.Selection(related="channel_id.kind", store=True)
    weee_category = fields.Selection(related="channel_id.weee_category")
    eco_organism_id = fields.Many2one(related="channel_id.eco_organism_id")
    pickup_date = fields.Date()
    certificate_ref = fields.Char(string="Treatment certificate")

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK(weight > 0)",
            "The weight of a recycling fraction must be greater than zero.",
        ),
    ]
