# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ParcoursRecyclingChannel(models.Model):
    """A recycling channel (filière) that takes one kind of material.

    Material flows by weight are not stock: they have no serial nor product
    and leave the chain as soon as an eco-organism collects them. They have no
    WEEE category either: categories classify whole appliances (see the device
    models, ``parcours_weee_category``), not the metals or plastics taken out
    of them.
    """

    _name = "parcours.recycling.channel"
    _description = "Recycling channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("recycled", "Recycled"), ("residual", "Residual waste")],
        required=True,
        default="recycled",
        help="Residual waste is what no channel recycles.",
    )
    eco_organism_id = fields.Many2one(
        "res.partner",
        string="Eco-organism",
        help="The approved body that collects this channel, e.g. ecosystem or "
        "Ecologic.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to offer the channel to every département.",
    )
    active = fields.Boolean(default=True)
