# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ParcoursDocumentMixin(models.AbstractModel):
    """What the numbered documents of the Parcours share.

    A reference taken from an ``ir.sequence`` on creation, a company, and the
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

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="New",
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )

    def _parcours_sequence_code_for(self, vals):
        return self._parcours_sequence_code

    def _parcours_label(self):
        """How a message names one document: its kind, then its reference."""
        return self.env["ir.model"]._get(self._name).name

    @api.model
    def _parcours_complete_create_vals(self, vals_list):
        vals_list = super()._parcours_complete_create_vals(vals_list)
        for vals in vals_list:
            if vals.get("name", "New") == "New":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    self._parcours_sequence_code_for(vals)
                )
        return vals_list

    def _lock(self):
        """Lock the rows, so that a step run twice at once runs once."""
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
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(document)s %(name)s is %(state)s: this step needs it to be "
                        "%(allowed)s.",
                        document=record._parcours_label(),
                        name=record.name,
                        state=labels[record.state],
                        allowed=" / ".join(labels[state] for state in allowed),
                    )
                )
