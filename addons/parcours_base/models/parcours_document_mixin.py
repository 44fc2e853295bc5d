# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import selection_label


class ParcoursDocumentMixin(models.AbstractModel):
    """What the numbered documents of the Parcours share.

    A reference taken on creation from the company's own ``ir.sequence`` (two
    départements in one database each number from 0001), a company, and the
    check that a step is allowed in the current ``state`` with a message that
    names the document and says which states the step needs. A model sets
    ``_parcours_sequence_code`` (or overrides ``_parcours_sequence_code_for``)
    and defines its own ``state`` field. The reference and the state are
    workflow fields (``parcours.protected.mixin``): only the business methods
    write them.
    """

    _name = "parcours.document.mixin"
    _inherit = ["parcours.protected.mixin"]
    _description = "Parcours numbered document"

    _parcours_sequence_code = None
    _parcours_protected_fields = ("name", "state")
    # The organisation whose company the document belongs to, when it names one.
    _parcours_company_from = None

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="New",
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda s: s.env.company,
    )

    def _parcours_frozen_fields(self):
        # A document stays in the company that numbered it.
        return ("company_id",)

    def _parcours_sequence_code_for(self, vals):
        return self._parcours_sequence_code

    def _parcours_label(self):
        """How a message names one document: its kind, then its reference."""
        return self.env["ir.model"]._get(self._name).name

    @api.model
    def _parcours_complete_create_vals(self, vals_list):
        vals_list = super()._parcours_complete_create_vals(vals_list)
        # No reference is taken for a user who may not create the document.
        self.check_access("create")
        for vals in vals_list:
            field = self._parcours_company_from
            if field and vals.get(field) and not vals.get("company_id"):
                organisation = self.env["parcours.organisation"].browse(vals[field])
                # sudo: the company of the organisation named, even one outside
                # the user's companies: check_company then refuses it plainly.
                vals["company_id"] = organisation.sudo().company_id.id
            if vals.get("name", "New") == "New":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"]._parcours_next(
                    self._parcours_sequence_code_for(vals), company
                )
        return vals_list

    def _lock(self):
        """Lock the rows, so that a step run twice at once runs once."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()

    def _check_state(self, allowed):
        """Raise unless every document is in one of the ``allowed`` states."""
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(document)s %(name)s is %(state)s: this step needs it to be "
                        "%(allowed)s.",
                        document=record._parcours_label(),
                        name=record.name,
                        state=selection_label(record, "state"),
                        allowed=" / ".join(
                            selection_label(record, "state", state) for state in allowed
                        ),
                    )
                )
