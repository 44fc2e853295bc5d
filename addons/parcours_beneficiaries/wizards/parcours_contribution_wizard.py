# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.parcours_loan_agreement import CONTRIBUTION_METHODS


class ParcoursContributionWizard(models.TransientModel):
    """The mediator records the contribution paid at the third place."""

    _name = "parcours.contribution.wizard"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Collect a contribution"

    agreement_id = fields.Many2one(
        "parcours.loan.agreement", required=True, ondelete="cascade"
    )
    # read as the user: another place's agreement shows nothing
    amount = fields.Monetary(related="agreement_id.amount", related_sudo=False)
    currency_id = fields.Many2one(
        related="agreement_id.currency_id", related_sudo=False
    )
    method = fields.Selection(
        CONTRIBUTION_METHODS,
        string="Paid by",
        required=True,
        default="cash",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    cheque_number = fields.Char()
    cheque_bank = fields.Char(string="Bank")
    cheque_drawer = fields.Char(
        string="Drawer", help="Who signed the cheque, if not the beneficiary."
    )

    def action_confirm(self):
        self.ensure_one()
        cheque = None
        if self.method == "cheque":
            cheque = {
                "number": self.cheque_number,
                "bank": self.cheque_bank,
                "drawer": self.cheque_drawer,
            }
        self.agreement_id._parcours_register_payment(self.method, self.date, cheque)
        action = self.agreement_id.action_print_receipt()
        action["close_on_report_download"] = True
        return action
