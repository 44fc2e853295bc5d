# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EventTag(models.Model):
    """The national themes of La Coop de la médiation numérique are event tags.

    They describe workshops (through their type) and one-to-one sessions alike;
    the code is the value the national activity record uses.
    """

    _inherit = "event.tag"

    parcours_code = fields.Char(
        string="National code",
        index="btree_not_null",
        help="Code of the theme in the activity records of La Coop de la médiation "
        "numérique.",
    )

    _sql_constraints = [
        (
            "parcours_code_uniq",
            "unique(parcours_code)",
            "Two themes cannot share the same national code.",
        ),
    ]
