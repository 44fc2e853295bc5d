# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .parcours_values import WORK_TYPES


class ParcoursUnitPrice(models.Model):
    """The price the département pays a partner per device and kind of work.

    A purchase pricelist (``product.supplierinfo``) prices products bought from
    a vendor; here the price depends on the organisation and on the work done
    on a device it does not sell, so a small table is clearer.
    """

    _name = "parcours.unit.price"
    _description = "Partner unit price"
    _order = "organisation_id, work_type"

    organisation_id = fields.Many2one(
        "parcours.organisation",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("role", "in", ("workshop", "refurbisher"))],
    )
    company_id = fields.Many2one(
        related="organisation_id.company_id", store=True, index=True
    )
    work_type = fields.Selection(WORK_TYPES, required=True)
    price = fields.Monetary(string="Unit price", required=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda s: s.env.company.currency_id
    )

    _sql_constraints = [
        (
            "organisation_work_type_uniq",
            "unique(organisation_id, work_type)",
            "An organisation has one unit price per kind of work.",
        ),
        ("price_positive", "CHECK(price >= 0)", "A unit price cannot be negative."),
    ]
