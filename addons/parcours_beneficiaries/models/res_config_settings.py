# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    parcours_loan_months = fields.Integer(
        related="company_id.parcours_loan_months", readonly=False
    )
    parcours_contribution_amount = fields.Monetary(
        related="company_id.parcours_contribution_amount", readonly=False
    )
    parcours_draft_expiry_days = fields.Integer(
        related="company_id.parcours_draft_expiry_days", readonly=False
    )
    parcours_allow_renewal = fields.Boolean(
        related="company_id.parcours_allow_renewal", readonly=False
    )
    parcours_allow_ownership = fields.Boolean(
        related="company_id.parcours_allow_ownership", readonly=False
    )
    parcours_retention_months = fields.Integer(
        related="company_id.parcours_retention_months", readonly=False
    )
    parcours_return_organisation_id = fields.Many2one(
        related="company_id.parcours_return_organisation_id", readonly=False
    )
    parcours_contribution_product_id = fields.Many2one(
        related="company_id.parcours_contribution_product_id", readonly=False
    )
    parcours_contribution_account_id = fields.Many2one(
        related="company_id.parcours_contribution_account_id", readonly=False
    )
    parcours_remittance_show_names = fields.Boolean(
        related="company_id.parcours_remittance_show_names", readonly=False
    )
