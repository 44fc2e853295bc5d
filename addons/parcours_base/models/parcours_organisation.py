# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

ROLES = [
    ("department", "Département"),
    ("donor", "Donor"),
    ("workshop", "Triage workshop"),
    ("refurbisher", "Refurbisher"),
    ("third_place", "Third place"),
]


class ParcoursOrganisation(models.Model):
    """A partner structure of the Parcours numérique solidaire.

    Neither ``res.partner`` nor ``res.company`` fits alone: a partner carries no
    role or users, and a company per partner would split the département's
    single accounting and stock. The organisation delegates its identity (name,
    address, bank account for bills) to a ``res.partner`` and adds what every
    addon of the Parcours scopes its records by: its role and its users, which
    record rules use to show each partner only its own records. The device
    chain adds its stock location and hand-offs, the loans its cash office.
    """

    _name = "parcours.organisation"
    _description = "Parcours organisation"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["parcours.protected.mixin", "mail.thread"]
    _order = "role, name"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", auto_join=True, index=True
    )
    role = fields.Selection(ROLES, required=True, tracking=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda s: s.env.company,
        help="The département this organisation works for: its devices, work "
        "and bills belong to that company only.",
    )
    user_ids = fields.One2many("res.users", "parcours_organisation_id", string="Users")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(partner_id)",
            "A contact can be the identity of one organisation only.",
        ),
    ]

    def _parcours_frozen_fields(self):
        # Its devices, work and bills stay in the company it was created in.
        return ("company_id",)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("is_company", True)
        return super().create(vals_list)

    @api.model
    def _parcours_user_organisation(self):
        """The organisation the current user works for, if any."""
        return self.env.user.parcours_organisation_id

    @api.model
    def _parcours_user_place(self):
        """The third place of the current user, if they work for one."""
        organisation = self._parcours_user_organisation()
        return organisation if organisation.role == "third_place" else self.browse()

    def _parcours_company(self):
        """The company (département) of this organisation's records."""
        self.ensure_one()
        return self.company_id or self.env.company
