# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ParcoursApi(models.AbstractModel):
    """What the loans add to the remote client's API: the régie's slips, loans."""

    _inherit = "parcours.api"

    @api.model
    def _parcours_api_exports(self):
        exports = super()._parcours_api_exports()
        exports["remittance"] = {
            "label": self.env._("Remittance slips of the régie"),
            "report": "parcours_beneficiaries.action_report_remittance_xlsx",
            "mimetype": "application/vnd.openxmlformats-officedocument."
            "spreadsheetml.sheet",
            "method": "_parcours_api_export_remittance",
        }
        return exports

    def _parcours_api_export_remittance(self, date_from, date_to):
        """The slips of the period the user may read, one sheet each."""
        slips = self.env["parcours.remittance"].search(
            [("date_to", ">=", date_from), ("date_to", "<=", date_to)],
            order="place_id, date_to, id",
        )
        empty = self.env._(
            "No remittance slip of yours ends between %(start)s and %(end)s.",
            start=date_from,
            end=date_to,
        )
        # no slip in the period: the report still opens, on no record
        content, __ = (
            self.env["ir.actions.report"]
            .with_context(active_model="parcours.remittance", active_ids=slips.ids)
            ._render(
                "parcours_beneficiaries.report_remittance_xlsx",
                slips.ids,
                {"empty_message": empty},
            )
        )
        return (
            f"bordereaux-{self._parcours_api_period_name(date_from, date_to)}.xlsx",
            content,
        )

    @api.model
    def _parcours_api_dashboard_figures(self):
        figures = super()._parcours_api_dashboard_figures()
        Loan = self.env["parcours.loan.report"]
        if not Loan.has_access("read"):
            return figures
        section = self.env._("Loans")
        today = fields.Date.context_today(self)
        active = [("state", "=", "active")]
        figures += [
            {
                "section": section,
                "label": self.env._("Active loans"),
                "value": Loan.search_count(active),
            },
            {
                "section": section,
                "label": self.env._("Ending within 60 days"),
                "value": Loan.search_count(active + [("ending_soon", "=", True)]),
            },
            {
                "section": section,
                "label": self.env._("Started this year"),
                "value": Loan.search_count(
                    [("start_date", ">=", today.replace(month=1, day=1))]
                ),
            },
        ]
        return figures
