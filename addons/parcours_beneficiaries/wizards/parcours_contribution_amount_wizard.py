# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ParcoursContributionAmountWizard(models.TransientModel):
    """The back office sets another contribution on a draft agreement."""

    _name = "parcours.contribution.amount.wizard"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Change a contribution"

    agreement_id = fields.Many2one(
        "parcours.loan.agreement", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(
        related="agreement_id.currency_id", related_sudo=False
    )
    amount = fields.Monetary(string="New contribution", required=True)
    reason = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        agreement = self.env["parcours.loan.agreement"].browse(
            values.get("agreement_id")
        )
        if agreement and "amount" in fields_list:
            values["amount"] = agreement.amount
        return values

    def action_confirm(self):
        self.ensure_one()
        self.agreement_id._parcours_set_contribution(self.amount, self.reason)
        return {"type": "ir.actions.act_window_close"}
