# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools.translate import code_translations


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    @api.readonly
    def get_readonly_dashboard(self):
        """Our dashboards with their pivots' names in the user's language.

        The web client translates the texts of the cells and charts, not the
        names of the pivots, which a table shows in its corner. Each table's pivot
        is named by its section title (dashboards.py), which the translations
        already hold.

        The core method reads the dashboard's data whatever the record rules
        and the dashboard's groups say: the user must be able to read it first.
        """
        self.check_access("read")
        data = super().get_readonly_dashboard()
        group = self.env.ref(
            "parcours_dashboard.spreadsheet_dashboard_group_parcours",
            raise_if_not_found=False,
        )
        if not group or self.dashboard_group_id != group:
            return data
        terms = self._parcours_terms()
        for pivot in data.get("snapshot", {}).get("pivots", {}).values():
            pivot["name"] = terms.get(pivot["name"], pivot["name"])
        return data

    @api.model
    def _parcours_terms(self):
        """{English: translated} of our dashboards' texts in the env's language,
        as the web client translates them."""
        messages = code_translations.get_web_translations(
            "parcours_dashboard", self.env.lang or "en_US"
        ).get("messages", ())
        return {message["id"]: message["string"] for message in messages}
