# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """The company's rule for the erasure proofs, apart from its other settings."""

    _inherit = "res.company"

    parcours_erasure_two_people = fields.Boolean(
        string="Erasures verified by a second person",
        default=False,
        help="The verifier of an erasure must be another person than its "
        "operator, as the certificate of sanitisation (NIST SP 800-88) has one "
        "signature for each.",
    )
