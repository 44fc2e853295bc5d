# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.parcours_base import ALL_FIELDS


class AccountPayment(models.Model):
    """A contribution remitted to the public accountant is a proof: frozen.

    A contribution is also a receipt of the third place's receipt book: its
    number, taken when the payment is made, is kept for good, even when the
    payment is cancelled (the public accountant checks that no number is
    missing). A cheque carries what the slip lists: number, bank, drawer.
    """

    _name = "account.payment"
    _inherit = ["account.payment", "parcours.protected.mixin"]
    # A contribution is its third place's, whose receipt book numbered it: the
    # organisation check of a remittance receipt's payment reads it here.
    _parcours_organisation_field = "parcours_receipt_place_id"
    # The guard applies to the contributions only: paid on an agreement's
    # invoice, or received on a remittance slip.
    _parcours_guard_domain = [
        "|",
        ("parcours_remittance_line_ids", "!=", False),
        ("reconciled_invoice_ids.parcours_agreement_id", "!=", False),
    ]

    _parcours_protected_fields = (
        "parcours_receipt_number",
        "parcours_receipt_place_id",
        "parcours_method",
    )

    parcours_receipt_number = fields.Char(
        string="Receipt number", readonly=True, copy=False, index=True
    )
    parcours_receipt_place_id = fields.Many2one(
        "parcours.organisation",
        string="Receipt book of",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    parcours_method = fields.Selection(
        [("cash", "Cash"), ("cheque", "Cheque"), ("card", "Card")],
        string="Paid by",
        readonly=True,
        copy=False,
    )
    parcours_cheque_number = fields.Char(string="Cheque number", copy=False)
    parcours_cheque_bank = fields.Char(string="Cheque bank", copy=False)
    parcours_cheque_drawer = fields.Char(string="Cheque drawer", copy=False)
    parcours_remittance_line_ids = fields.One2many(
        "parcours.remittance.line", "payment_id", string="Remittance receipts"
    )

    _sql_constraints = [
        (
            "parcours_receipt_number_uniq",
            "unique(parcours_receipt_place_id, parcours_receipt_number)",
            "This receipt number is already used in the receipt book of this "
            "third place: a receipt number is never reused.",
        ),
    ]

    @api.constrains(
        "parcours_method",
        "parcours_cheque_number",
        "parcours_cheque_bank",
        "parcours_cheque_drawer",
    )
    def _check_parcours_cheque(self):
        for payment in self.filtered(lambda p: p.parcours_method == "cheque"):
            missing = payment._parcours_missing_cheque_fields(
                {
                    "number": payment.parcours_cheque_number,
                    "bank": payment.parcours_cheque_bank,
                    "drawer": payment.parcours_cheque_drawer,
                }
            )
            if missing:
                raise ValidationError(missing)

    @api.model
    def _parcours_missing_cheque_fields(self, cheque):
        """The message naming what a cheque lacks, or None."""
        labels = {
            "number": self.env._("its number"),
            "bank": self.env._("its bank"),
            "drawer": self.env._("its drawer"),
        }
        missing = [
            label
            for key, label in labels.items()
            if not ((cheque or {}).get(key) or "").strip()
        ]
        if not missing:
            return None
        return self.env._(
            "A contribution paid by cheque is listed on the remittance slip "
            "cheque by cheque: fill in %(missing)s.",
            missing=", ".join(missing),
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
