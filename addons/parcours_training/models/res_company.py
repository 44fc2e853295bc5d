# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

TRAINING_GATES = [
    ("none", "Not required"),
    ("before", "Before the handover"),
    ("after", "Within some days after the handover"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    parcours_training_gate = fields.Selection(
        TRAINING_GATES,
        string="Getting-started workshop",
        required=True,
        default="none",
        help="Whether a beneficiary must attend the getting-started workshop "
        "before their device is handed over, or within some days after.",
    )
    parcours_training_gate_type_id = fields.Many2one(
        "event.type",
        string="Workshop required",
        domain=[("parcours_is_workshop", "=", True)],
        default=lambda s: s.env.ref(
            "parcours_training.event_type_getting_started", raise_if_not_found=False
        ),
    )
    parcours_training_gate_days = fields.Integer(
        string="Days to attend after the handover", default=30
    )
    parcours_pass_value = fields.Monetary(
        string="Pass numérique value",
        default=10.0,
        currency_field="currency_id",
        help="Value of a Pass numérique (APTIC voucher) unless another is printed "
        "on it.",
    )

    _sql_constraints = [
        (
            "parcours_training_gate_days_positive",
            "CHECK(parcours_training_gate_days >= 0)",
            "The days to attend the getting-started workshop cannot be negative.",
        ),
    ]
