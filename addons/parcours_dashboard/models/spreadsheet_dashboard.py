# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.translate import code_translations


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

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
        lang = self.env.lang
        if not group or self.dashboard_group_id != group or not lang:
            return data
        messages = code_translations.get_web_translations(
            "parcours_dashboard", lang
        ).get("messages", ())
        terms = {message["id"]: message["string"] for message in messages}
        for pivot in data.get("snapshot", {}).get("pivots", {}).values():
            pivot["name"] = terms.get(pivot["name"], pivot["name"])
        return data
