# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class ParcoursActivityExport(models.TransientModel):
    """A period's activities in the columns of La Coop de la médiation numérique.

    One row per person and activity: a workshop gives one row per person who
    attended, a one-to-one session one row. The person is described by the
    national record's coarse fields only (gender, age band, social status,
    commune): no name, no contact, none of the Parcours' eligibility criteria.
    """

    _name = "parcours.activity.export"
    _inherit = ["parcours.wizard.mixin"]
    _description = "National activity export"

    date_from = fields.Date(
        string="From", required=True, default=lambda s: s._default_date_from()
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda s: s._default_date_to()
    )
    place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        domain=[("role", "=", "third_place")],
        default=lambda s: s.env["parcours.organisation"]._parcours_user_place(),
        help="Empty: every third place you can see.",
    )

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self) + relativedelta(months=-1, day=1)

    @api.model
    def _default_date_to(self):
        return fields.Date.context_today(self) + relativedelta(day=1, days=-1)

    def _check_period(self):
        for export in self:
            if export.date_to < export.date_from:
                raise UserError(
                    self.env._(
                        "The period ends on %(end)s, before it starts on %(start)s: "
                        "correct the dates.",
                        end=export.date_to,
                        start=export.date_from,
                    )
                )

    def action_export(self):
        self._check_period()
        return self.env.ref(
            "parcours_training.action_report_activity_xlsx"
        ).report_action(self)

    # ------------------------------------------------------------ rows
    @api.model
    def _parcours_columns(self):
        return [
            self.env._("Activity"),
            self.env._("Type"),
            self.env._("Date"),
            self.env._("Duration (minutes)"),
            self.env._("Third place"),
            self.env._("Kind of place"),
            self.env._("Themes"),
            self.env._("Level"),
            self.env._("Autonomy"),
            self.env._("Sent on to"),
            self.env._("Workshop title"),
            self.env._("Gender"),
            self.env._("Age band"),
            self.env._("Social status"),
            self.env._("INSEE code"),
        ]

    def _parcours_bounds(self):
        """The period as UTC datetimes, from the user's first to last day."""
        start = datetime.combine(self.date_from, time.min)
        end = datetime.combine(self.date_to + relativedelta(days=1), time.min)
        return start, end

    def _parcours_rows(self):
        """Every row of the export, each a list of texts."""
        self.ensure_one()
        self._check_period()
        start, end = self._parcours_bounds()
        place = [("parcours_place_id", "=", self.place_id.id)] if self.place_id else []
        workshops = self.env["event.event"].search(
            [
                ("parcours_place_id", "!=", False),
                ("date_begin", ">=", start),
                ("date_begin", "<", end),
            ]
            + place,
            order="date_begin, id",
        )
        session_place = [("place_id", "=", self.place_id.id)] if self.place_id else []
        sessions = self.env["parcours.support.session"].search(
            [("date", ">=", start), ("date", "<", end)] + session_place,
            order="date, id",
        )
        rows = []
        label = self._parcours_label
        for workshop in workshops:
            themes = (
                workshop.tag_ids.filtered("parcours_code") | workshop.parcours_theme_id
            )
            common = [
                self.env._("Workshop %(id)s", id=workshop.id),
                self.env._("Collective workshop"),
                self._parcours_date(workshop.date_begin),
                str(round(workshop.parcours_duration * 60)),
                workshop.parcours_place_id.name,
                label(workshop, "parcours_place_kind"),
                ", ".join(themes.mapped("name")),
                label(workshop, "parcours_level"),
                "",
                "",
                workshop.name,
            ]
            for registration in workshop.registration_ids.filtered(
                lambda r: r.state == "done"
            ):
                rows.append(common + self._parcours_person(registration.partner_id))
        for session in sessions:
            rows.append(
                [
                    self.env._("Support %(id)s", id=session.id),
                    self.env._("Individual support"),
                    self._parcours_date(session.date),
                    str(session.duration),
                    session.place_id.name,
                    label(session, "place_kind"),
                    ", ".join(session.theme_ids.mapped("name")),
                    "",
                    label(session, "autonomy"),
                    label(session, "redirection_kind") if session.redirected else "",
                    "",
                ]
                + self._parcours_person(session.partner_id)
            )
        return rows

    def _parcours_person(self, partner):
        label = self._parcours_label
        return [
            label(partner, "parcours_gender"),
            label(partner, "parcours_age_band"),
            label(partner, "parcours_social_status"),
            partner.parcours_insee_code or "",
        ]

    @api.model
    def _parcours_label(self, record, name):
        selection = dict(record._fields[name]._description_selection(self.env))
        return selection.get(record[name], "") if record[name] else ""

    def _parcours_date(self, moment):
        local = fields.Datetime.context_timestamp(self, moment)
        return local.strftime("%d/%m/%Y")
