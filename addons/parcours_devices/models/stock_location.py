# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# The locations the chain needs in each company, and where the data files
# declare those of the main company.
PARCOURS_LOCATIONS = {
    "root": "parcours_devices.stock_location_parcours",
    "recycling": "parcours_devices.stock_location_recycling",
}


class StockLocation(models.Model):
    _inherit = "stock.location"

    parcours_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Parcours organisation",
        index="btree_not_null",
        ondelete="restrict",
        help="The organisation that holds the devices stored here.",
    )
    parcours_usage = fields.Selection(
        [("root", "Parcours organisations"), ("recycling", "Recycling")],
        string="Parcours usage",
        copy=False,
        help="The view location above the organisations' locations, or where "
        "dismantled devices leave stock, in each company.",
    )

    @api.model
    def _parcours_location(self, usage, company):
        """The location of ``usage`` (PARCOURS_LOCATIONS) of ``company``, made once."""
        # sudo: the chain's own locations are found or made once per company,
        # whoever takes the first step that needs them (no one else may).
        Location = self.sudo()
        location = Location.search(
            [("parcours_usage", "=", usage), ("company_id", "=", company.id)], limit=1
        )
        if location:
            return location
        declared = self.env.ref(PARCOURS_LOCATIONS[usage], raise_if_not_found=False)
        if declared and declared.company_id == company and not declared.parcours_usage:
            # Declared by a data file before the field existed.
            # sudo: marks the chain's own location, as above.
            declared.sudo().parcours_usage = usage
            return declared
        if usage == "root":
            values = {
                "name": self.env._("Parcours numérique solidaire"),
                "usage": "view",
                "location_id": self.env.ref("stock.stock_location_locations").id,
            }
        else:
            values = {
                "name": self.env._("Recycling (WEEE)"),
                "usage": "inventory",
                "scrap_location": True,
                "location_id": self.env.ref(
                    "stock.stock_location_locations_virtual"
                ).id,
            }
        return Location.create(
            dict(values, parcours_usage=usage, company_id=company.id)
        )
