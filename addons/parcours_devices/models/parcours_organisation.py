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

# Roles that hold devices, hence own a stock location.
HOLDING_ROLES = ("department", "workshop", "refurbisher", "third_place")


class ParcoursOrganisation(models.Model):
    """A partner structure of the Parcours numérique solidaire.

    Neither ``res.partner`` nor ``res.company`` fits alone: a partner carries no
    role, stock location or users, and a company per partner would split the
    département's single accounting and stock. The organisation delegates its
    identity (name, address, bank account for bills) to a ``res.partner`` and
    adds what the chain needs: its role, its stock location and its users,
    which record rules use to show each partner only its own records.
    """

    _name = "parcours.organisation"
    _description = "Parcours organisation"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread"]
    _order = "role, name"

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", auto_join=True, index=True
    )
    role = fields.Selection(ROLES, required=True, tracking=True, index=True)
    location_id = fields.Many2one(
        "stock.location",
        string="Stock location",
        readonly=True,
        copy=False,
        help="Where the devices held by this organisation are stored. "
        "Created with the organisation.",
    )
    user_ids = fields.One2many("res.users", "parcours_organisation_id", string="Users")
    employee_ids = fields.One2many(
        "hr.employee", "parcours_organisation_id", string="Workers"
    )
    unit_price_ids = fields.One2many(
        "parcours.unit.price", "organisation_id", string="Unit prices"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(partner_id)",
            "A contact can be the identity of one organisation only.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("is_company", True)
        organisations = super().create(vals_list)
        organisations._create_locations()
        return organisations

    def _create_locations(self):
        parent = self.env.ref("parcours_devices.stock_location_parcours")
        holders = self.filtered(lambda o: o.role in HOLDING_ROLES and not o.location_id)
        locations = self.env["stock.location"].create(
            [
                {
                    "name": organisation.name,
                    "location_id": parent.id,
                    "usage": "internal",
                    "parcours_organisation_id": organisation.id,
                }
                for organisation in holders
            ]
        )
        for organisation, location in zip(holders, locations, strict=True):
            organisation.location_id = location
