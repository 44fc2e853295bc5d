# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _parcours_company_sequence(self, code, company):
        """The sequence of ``code`` that numbers ``company``'s documents.

        The data files declare each sequence once, without a company. The first
        company that numbers such documents takes it; any other company gets a
        copy of its own starting at 1. Two départements in one database then
        each number from 0001 and never share a counter.
        """
        # sudo: reading and assigning the numbering sequences, which only
        # administrators may read; the document's own step was checked.
        sequences = self.sudo().search([("code", "=", code)], order="id")
        sequence = sequences.filtered(lambda s: s.company_id == company)[:1]
        if sequence:
            return sequence
        unowned = sequences.filtered(lambda s: not s.company_id)[:1]
        if unowned:
            unowned.company_id = company
            return unowned
        return sequences[:1].copy({"company_id": company.id, "number_next": 1})

    @api.model
    def _parcours_next(self, code, company):
        """The next reference of ``code`` for ``company``."""
        return self._parcours_company_sequence(code, company).next_by_id()
