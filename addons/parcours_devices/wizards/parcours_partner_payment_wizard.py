# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ParcoursPartnerPaymentWizard(models.TransientModel):
    """Choose the period and the partners of the partner payments export."""

    _name = "parcours.partner.payment.wizard"
    _description = "Export partner payments"
    _inherit = ["parcours.partner.period.mixin"]

    def _line_domain(self):
        """The validated work of the period, whether billed yet or not."""
        self.ensure_one()
        domain = [
            ("state", "=", "done"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        if self.organisation_ids:
            domain.append(("organisation_id", "in", self.organisation_ids.ids))
        return domain

    def action_export(self):
        self._check_period()
        return self.env.ref(
            "parcours_devices.action_report_partner_payments_xlsx"
        ).report_action(self)
