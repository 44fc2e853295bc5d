# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    parcours_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Parcours organisation",
        index="btree_not_null",
        tracking=True,
    )
    parcours_worker_type = fields.Selection(
        [
            ("supported", "Supported worker (ESAT)"),
            ("insertion", "Worker in insertion"),
            ("staff", "Supervising staff"),
            ("volunteer", "Volunteer"),
        ],
        string="Worker type",
        tracking=True,
        help="Supported workers of an ESAT are not employees under labour law; "
        "workers in insertion are on an integration contract.",
    )
