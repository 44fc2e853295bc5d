# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "parcours.protected.mixin"]
    # Only the signature of an agreement links its contribution invoice.
    _parcours_protected_fields = ("parcours_agreement_id",)
    # The guard applies to the contribution invoices of agreements only.
    _parcours_guard_domain = [("parcours_agreement_id", "!=", False)]

    parcours_agreement_id = fields.Many2one(
        "parcours.loan.agreement",
        string="Loan agreement",
        index="btree_not_null",
        copy=False,
        readonly=True,
        check_company=True,
    )

    _sql_constraints = [
        (
            "parcours_agreement_invoice_uniq",
            "EXCLUDE (parcours_agreement_id WITH =) WHERE ("
            "parcours_agreement_id IS NOT NULL AND move_type = 'out_invoice' "
            "AND state != 'cancel')",
            "A loan agreement has one contribution invoice only.",
        ),
    ]

    def _check_draftable(self):
        # A contribution remitted to the public accountant stays posted, and so
        # does the invoice it paid: resetting either would unpay a receipt of a
        # signed remittance slip.
        result = super()._check_draftable()
        # sudo: an invariant checked whoever resets the invoice, also on
        # payments and slips the user may not read.
        moves = self.sudo()
        payments = moves.origin_payment_id | moves.matched_payment_ids
        remitted = payments.filtered(lambda payment: payment._parcours_is_remitted())
        if remitted:
            raise UserError(
                self.env._(
                    "Payment %(payment)s is on a remitted slip: neither it nor the "
                    "invoice it paid can be reset to draft.",
                    payment=remitted[0].name,
                )
            )
        return result
