# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
import datetime
import re

from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class ParcoursApi(models.AbstractModel):
    """The files of ``parcours.api.export`` and the periods they cover.

    A part of the remote client's API kept in a file of its own: the reports
    each export renders, who may download them, and a month or a year read
    from what the user typed.
    """

    _inherit = "parcours.api"

    def _parcours_api_export_hours(self, date_from, date_to):
        lines = self.env["parcours.work.order.line"].search(
            [("state", "=", "done"), ("date", ">=", date_from), ("date", "<=", date_to)]
        )
        content, __ = self.env["ir.actions.report"]._render(
            "parcours_devices.report_hours_xlsx", lines.ids, {}
        )
        return (
            f"heures-{self._parcours_api_period_name(date_from, date_to)}.xlsx",
            content,
        )

    def _parcours_api_export_partner_payments(self, date_from, date_to):
        # the export's own dialog, filled in as the user would but not saved:
        # the export only reads, so that a replica can serve it (@api.readonly)
        content, __ = self.env["ir.actions.report"]._render(
            "parcours_devices.report_partner_payments_xlsx",
            [],
            {
                "date_from": fields.Date.to_string(date_from),
                "date_to": fields.Date.to_string(date_to),
            },
        )
        return (
            f"paiements-partenaires-"
            f"{self._parcours_api_period_name(date_from, date_to)}.xlsx",
            content,
        )

    def _parcours_api_may_print(self, report_xmlid):
        """A report restricted to groups is for the users of those groups only,
        and a report of records the user cannot read is not for them either."""
        if not report_xmlid:
            return True
        report = self.env.ref(report_xmlid)
        groups = report.groups_id
        if groups and not groups & self.env.user.groups_id:
            return False
        return self.env[report.model].has_access("read")

    def _parcours_api_check_print(self, report_xmlid, label):
        if not self._parcours_api_may_print(report_xmlid):
            raise AccessError(
                self.env._(
                    "You may not download the export %(export)s: ask the "
                    "département's back office for it.",
                    export=label,
                )
            )

    def _parcours_api_period(self, period):
        """The first and last day of ``2026-11`` or ``2026``."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", str(period or "").strip())
        month = match and match.group(2) and int(match.group(2))
        if not match or (month is not None and not 1 <= month <= 12):
            raise UserError(
                self.env._(
                    "The period %(period)s is not a month nor a year: write it "
                    "2026-11 or 2026.",
                    period=period,
                )
            )
        year = int(match.group(1))
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        last = calendar.monthrange(year, month)[1]
        return datetime.date(year, month, 1), datetime.date(year, month, last)

    def _parcours_api_period_name(self, date_from, date_to):
        """``2026-11`` for a month, ``2026`` for a year: for file names."""
        if (date_from.month, date_to.month) == (1, 12):
            return f"{date_from:%Y}"
        return f"{date_from:%Y-%m}"
