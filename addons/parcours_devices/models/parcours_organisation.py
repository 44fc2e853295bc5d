# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.parcours_base import french_of

# Roles that hold devices, hence own a stock location.
HOLDING_ROLES = ("department", "workshop", "refurbisher", "third_place")


class ParcoursOrganisation(models.Model):
    """The device chain's part of an organisation: its stock location, where
    the devices it holds are, the operation type of the hand-offs it sends,
    its workers and the unit prices of its work."""

    _inherit = "parcours.organisation"
    # Created with the organisation: its place in stock and its hand-offs.
    _parcours_protected_fields = ("location_id", "handoff_type_id")

    location_id = fields.Many2one(
        "stock.location",
        string="Stock location",
        readonly=True,
        copy=False,
        check_company=True,
        help="Where the devices held by this organisation are stored. "
        "Created with the organisation.",
    )
    handoff_type_id = fields.Many2one(
        "stock.picking.type",
        string="Hand-off operation type",
        readonly=True,
        copy=False,
        check_company=True,
        help="The operation type of the hand-offs this organisation sends, "
        "numbered TRA/year/number in its company. Created with the organisation.",
    )
    employee_ids = fields.One2many(
        "hr.employee", "parcours_organisation_id", string="Workers"
    )
    unit_price_ids = fields.One2many(
        "parcours.unit.price", "organisation_id", string="Unit prices"
    )

    @api.model_create_multi
    def create(self, vals_list):
        organisations = super().create(vals_list)
        organisations._create_locations()
        return organisations

    def _create_locations(self):
        """Give each organisation that holds devices its location and hand-offs."""
        holders = self.filtered(lambda o: o.role in HOLDING_ROLES and not o.location_id)
        # sudo: each organisation's stock location is made with it; only stock
        # managers create locations, and the département manager is not one.
        Location = self.env["stock.location"].sudo()
        locations = Location.create(
            [
                {
                    "name": organisation.name,
                    "location_id": Location._parcours_location(
                        "root", organisation.company_id
                    ).id,
                    "usage": "internal",
                    "company_id": organisation.company_id.id,
                    "parcours_organisation_id": organisation.id,
                }
                for organisation in holders
            ]
        )
        for organisation, location in zip(holders, locations, strict=True):
            organisation._parcours_write_step({"location_id": location.id})
        holders._parcours_handoff_type()

    def _parcours_handoff_type_name(self):
        """The name of this organisation's hand-offs type, in the env's language."""
        self.ensure_one()
        # of_organisation: "d'ESAT Messidor" or "de PIHC", for the French "de".
        return self.env._(
            "Hand-offs from %(organisation)s",
            organisation=self.name,
            of_organisation=french_of(self.name),
        )

    def _parcours_handoff_type(self):
        """The operation type of this organisation's hand-offs, created once,
        named in every language of the database."""
        languages = [code for code, __ in self.env["res.lang"].get_installed()]
        for organisation in self.filtered(lambda o: not o.handoff_type_id):
            company = organisation.company_id
            # sudo: the hand-offs' operation type is made once, on the first
            # hand-off, by whoever sends it; only stock managers create one.
            organisation.sudo().handoff_type_id = (
                self.env["stock.picking.type"]
                .sudo()
                .create(
                    {
                        "name": organisation._parcours_handoff_type_name(),
                        "code": "internal",
                        "sequence_code": "TRA",
                        "sequence_id": self.env["ir.sequence"]
                        ._parcours_company_sequence("parcours.handoff", company)
                        .id,
                        "company_id": company.id,
                        "default_location_src_id": organisation.location_id.id,
                        "default_location_dest_id": organisation.location_id.id,
                        "use_create_lots": False,
                        "use_existing_lots": True,
                    }
                )
            )
            # sudo: names the operation type just made, as above.
            organisation.handoff_type_id.sudo().update_field_translations(
                "name",
                {
                    lang: organisation.with_context(
                        lang=lang
                    )._parcours_handoff_type_name()
                    for lang in languages
                },
            )
        return self.handoff_type_id
