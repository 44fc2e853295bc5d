# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression

from ..identifiers import normalise_identifier

# Operators whose value is compared with the stored identifier.
IDENTIFIER_OPERATORS = {
    "=",
    "!=",
    "in",
    "not in",
    "like",
    "not like",
    "ilike",
    "not ilike",
    "=like",
    "=ilike",
}


class ParcoursIdentifierMixin(models.AbstractModel):
    """Identifiers that people type (voucher numbers, references) stored and
    searched in one form, however they were typed.

    A model lists its identifier fields in ``_parcours_identifier_fields``: their
    values are normalised on create and write (``_parcours_identifier``), and so
    are the values a domain compares them with. A voucher number typed with a
    zero-width space or a non-breaking hyphen is then the number already used,
    and the unique constraint of the column refuses it, whatever the client.
    """

    _name = "parcours.identifier.mixin"
    _description = "Parcours identifiers compared as one however typed"

    _parcours_identifier_fields = ()

    @api.model
    def _parcours_identifier(self, field_name, value):
        """The stored form of ``value`` for ``field_name``: what models refine
        (a voucher number drops its spaces and is written in capitals)."""
        return normalise_identifier(value)

    @api.model
    def _parcours_identifier_vals(self, vals):
        for name in self._parcours_identifier_fields:
            if isinstance(vals.get(name), str):
                vals[name] = self._parcours_identifier(name, vals[name])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._parcours_identifier_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._parcours_identifier_vals(dict(vals)))

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self._parcours_identifier_fields and domain:
            domain = [self._parcours_identifier_leaf(leaf) for leaf in domain]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _parcours_identifier_leaf(self, leaf):
        if not expression.is_leaf(leaf) or isinstance(leaf, str):
            return leaf
        name, operator, value = leaf
        if name not in self._parcours_identifier_fields:
            return leaf
        if operator not in IDENTIFIER_OPERATORS:
            return leaf
        if isinstance(value, str):
            value = self._parcours_identifier(name, value)
        elif isinstance(value, list | tuple):
            value = [
                self._parcours_identifier(name, item) if isinstance(item, str) else item
                for item in value
            ]
        return (name, operator, value)
