# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Who may open the accounting documents behind a receipt (mediators may not).
ACCOUNTING_GROUPS = (
    "parcours_devices.group_officer,parcours_devices.group_accountant,"
    "account.group_account_invoice,account.group_account_readonly"
)


class ParcoursRemittanceLine(models.Model):
    """One receipt on a remittance slip: a contribution payment as collected.

    The numbers and the method are copied when the receipt is collected, so the
    slip reads the same whoever prints it, mediators included, who have no
    access to accounting. Only the slip's steps create receipts (no access
    right allows it), and a payment is on one slip at most (unique index).
    A receipt's payment and agreement are its third place's: the slip collects
    them so, and the organisation check holds it whoever writes the receipt.
    """

    _name = "parcours.remittance.line"
    _inherit = ["parcours.organisation.check.mixin"]
    _description = "Remittance receipt"
    _parcours_organisation_field = "place_id"
    _order = "remittance_id desc, receipt_number, date, id"
    _rec_name = "payment_ref"

    remittance_id = fields.Many2one(
        "parcours.remittance",
        string="Remittance slip",
        required=True,
        ondelete="cascade",
        index=True,
    )
    place_id = fields.Many2one(related="remittance_id.place_id", store=True, index=True)
    state = fields.Selection(related="remittance_id.state", store=True)
    company_id = fields.Many2one(related="remittance_id.company_id", store=True)
    currency_id = fields.Many2one(related="remittance_id.currency_id")
    payment_id = fields.Many2one(
        "account.payment",
        string="Payment",
        required=True,
        ondelete="restrict",
        groups=ACCOUNTING_GROUPS,
        check_organisation=True,
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        ondelete="restrict",
        groups=ACCOUNTING_GROUPS,
    )
    agreement_id = fields.Many2one(
        "parcours.loan.agreement",
        string="Agreement",
        ondelete="restrict",
        check_organisation=True,
    )
    partner_id = fields.Many2one("res.partner", string="Beneficiary", readonly=True)
    date = fields.Date(required=True)
    amount = fields.Monetary(required=True)
    method = fields.Selection(
        [("cash", "Cash"), ("cheque", "Cheque"), ("card", "Card")],
        string="Payment method",
        required=True,
    )
    payment_ref = fields.Char(string="Receipt")
    receipt_number = fields.Char(string="Receipt number")
    cheque_number = fields.Char()
    cheque_bank = fields.Char(string="Bank")
    cheque_drawer = fields.Char(string="Drawer")
    invoice_ref = fields.Char(string="Invoice number")
    agreement_ref = fields.Char(string="Agreement number")
    beneficiary_ref = fields.Char(string="Beneficiary reference")

    _sql_constraints = [
        (
            "payment_uniq",
            "unique(payment_id)",
            "This payment is already on a remittance slip: a receipt is remitted "
            "once only.",
        ),
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "A receipt's amount must be positive.",
        ),
    ]
