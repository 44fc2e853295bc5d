# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartnerDataXlsx(models.AbstractModel):
    """The right of access includes what the training holds on the person."""

    _inherit = "report.parcours_beneficiaries.report_partner_data_xlsx"

    def _parcours_data_sheets(self, partner):
        sheets = super()._parcours_data_sheets(partner)
        _ = self.env._
        env = self.env(su=True)  # the report checked the back office's access
        registrations = env["event.registration"].search(
            [("partner_id", "=", partner.id)], order="id"
        )
        sessions = env["parcours.support.session"].search(
            [("partner_id", "=", partner.id)], order="date"
        )
        assessments = env["parcours.skill.assessment"].search(
            [("partner_id", "=", partner.id)], order="date, id"
        )
        passes = env["parcours.pass"].search(
            [("partner_id", "=", partner.id)], order="date, id"
        )
        sheets += [
            (
                _("Workshops"),
                [_("Workshop"), _("Date"), _("Third place"), _("Attendance")],
                [
                    (
                        registration.event_id.name,
                        registration.event_id.date_begin,
                        registration.event_id.parcours_place_id.name,
                        self._label(registration, "state"),
                    )
                    for registration in registrations
                ],
            ),
            (
                _("Support sessions"),
                [_("Date"), _("Minutes"), _("Themes"), _("Sent on to")],
                [
                    (
                        session.date,
                        session.duration,
                        self._label(session, "theme_ids"),
                        self._label(session, "redirection_kind"),
                    )
                    for session in sessions
                ],
            ),
            (
                _("Skills assessments"),
                [_("Date"), _("Workshop type"), _("Moment"), _("Average level")],
                [
                    (
                        assessment.date,
                        assessment.event_type_id.name,
                        self._label(assessment, "moment"),
                        assessment.average_level,
                    )
                    for assessment in assessments
                ],
            ),
            (
                _("Pass numérique"),
                [_("Number"), _("Taken on"), _("Value")],
                [(voucher.name, voucher.date, voucher.value) for voucher in passes],
            ),
        ]
        return sheets
