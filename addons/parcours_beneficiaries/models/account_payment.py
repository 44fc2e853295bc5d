# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.parcours_base import ALL_FIELDS


class AccountPayment(models.Model):
    """A contribution remitted to the public accountant is a proof: frozen."""

    _name = "account.payment"
    _inherit = ["account.payment", "parcours.protected.mixin"]
    # The guard applies to the contributions only: paid on an agreement's
    # invoice, or received on a remittance slip.
    _parcours_guard_domain = [
        "|",
        ("parcours_remittance_line_ids", "!=", False),
        ("reconciled_invoice_ids.parcours_agreement_id", "!=", False),
    ]

    parcours_remittance_line_ids = fields.One2many(
        "parcours.remittance.line", "payment_id", string="Remittance receipts"
    )

    def _parcours_frozen_fields(self):
        if self._parcours_is_remitted():
            return ALL_FIELDS
        return ()

    def _parcours_is_remitted(self):
        # sudo: whether a slip holds the payment freezes it, whoever may
        # read the slip (an accountant of the département may not).
        return any(
            line.state == "remitted"
            for line in self.sudo().parcours_remittance_line_ids
        )
