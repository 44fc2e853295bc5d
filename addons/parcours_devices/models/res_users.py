# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    parcours_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Parcours organisation",
        index="btree_not_null",
        help="The partner organisation this user works for. Partner operators "
        "see and change only the records of this organisation.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["parcours_organisation_id"]
