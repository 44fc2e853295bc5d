# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    parcours_loan_months = fields.Integer(string="Loan duration (months)", default=24)
    parcours_contribution_amount = fields.Monetary(
        string="Contribution", default=25.0, currency_field="currency_id"
    )
    parcours_allow_renewal = fields.Boolean(string="Loans can be renewed", default=True)
    parcours_allow_ownership = fields.Boolean(
        string="Ownership can be transferred at term", default=False
    )
    parcours_retention_months = fields.Integer(
        string="Keep beneficiary data (months)",
        default=24,
        help="After this many months without a loan nor any contact, the "
        "beneficiary's personal data is anonymised (CNIL délibération 2023-095).",
    )
    parcours_return_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Returned devices go to",
        domain=[("role", "=", "refurbisher")],
        help="The refurbisher that erases returned devices before a new loan.",
    )
    parcours_contribution_product_id = fields.Many2one(
        "product.product", string="Contribution product"
    )
    parcours_remittance_show_names = fields.Boolean(
        string="Name the beneficiaries on remittance slips",
        help="Only if the public accountant requires it: by default a slip names "
        "each beneficiary by a reference, not by name.",
    )
