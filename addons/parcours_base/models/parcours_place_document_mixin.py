# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import clean_context


class ParcoursPlaceDocumentMixin(models.AbstractModel):
    """A numbered document of one third place: an application, an agreement.

    Its company is the third place's (a second département in the same
    database keeps its own records), whatever the client sends, and so is its
    numbering (``parcours.document.mixin``). The company is set on creation and
    never written directly afterwards.
    """

    _name = "parcours.place.document.mixin"
    _inherit = ["parcours.document.mixin"]
    _description = "Parcours document of a third place"
    _check_company_auto = True
    _parcours_organisation_field = "place_id"

    place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("role", "=", "third_place")],
    )

    @api.model
    def _parcours_complete_create_vals(self, vals_list):
        # sudo: the company of the place named, even one outside the user's
        # companies: check_company then refuses it plainly.
        Organisation = self.env["parcours.organisation"].sudo()
        for vals in vals_list:
            place = Organisation.browse(vals.get("place_id") or ())
            company = place._parcours_company() if place else self.env.company
            vals["company_id"] = company.id
        # parcours.document.mixin then numbers it in that company's sequence
        return super()._parcours_complete_create_vals(vals_list)

    def _parcours_sudo_env(self):
        """The environment in which a checked step creates what it must.

        Superuser, once the step has checked this user may take it; without the
        client's ``default_*`` context keys, which would otherwise fill the
        records created there (a waived agreement, a 1 € payment).
        """
        return self.env(su=True, context=clean_context(self.env.context))
