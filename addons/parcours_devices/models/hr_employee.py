# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Being a supported worker of an ESAT says a person is disabled: only those who
# manage the workers see it, not every internal user through the public profile.
WORKER_GROUPS = (
    "hr.group_hr_user,parcours_devices.group_officer,"
    "parcours_devices.group_workshop_operator,"
    "parcours_devices.group_refurbisher_operator"
)


class HrEmployee(models.Model):
    """The workers of the partner organisations.

    Their operators write them (job, worker type) but may not move one to
    another organisation: the protected mixin checks the record rules on what
    a write makes of a worker too.
    """

    _name = "hr.employee"
    _inherit = ["hr.employee", "parcours.protected.mixin"]
    # The guard applies to the workers of partner organisations only.
    _parcours_guard_domain = [("parcours_organisation_id", "!=", False)]
    _parcours_organisation_field = "parcours_organisation_id"

    parcours_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Parcours organisation",
        index="btree_not_null",
        tracking=True,
        groups=WORKER_GROUPS,
        check_company=True,
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
        groups=WORKER_GROUPS,
        help="Supported workers of an ESAT are not employees under labour law; "
        "workers in insertion are on an integration contract.",
    )
