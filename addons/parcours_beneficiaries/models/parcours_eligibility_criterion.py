# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ParcoursEligibilityCriterion(models.Model):
    """A social criterion that makes a resident eligible, with its weight.

    Partner tags (``res.partner.category``) are visible to every user; these
    criteria are social data that only mediators and the back office may see,
    and each carries the points that order the waiting lists.
    """

    _name = "parcours.eligibility.criterion"
    _description = "Eligibility criterion"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    points = fields.Integer(
        default=1, help="Added to the priority of the applications that meet it."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the criterion with every département.",
    )

    _sql_constraints = [
        ("points_positive", "CHECK(points >= 0)", "Points cannot be negative."),
    ]
