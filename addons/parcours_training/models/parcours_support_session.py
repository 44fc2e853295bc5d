# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The national activity record's kinds of place and of redirection.
SESSION_PLACE_KINDS = [
    ("lieu_activite", "Place of activity"),
    ("domicile", "At home"),
    ("a_distance", "Remote"),
]
AUTONOMY = [
    ("entierement_accompagne", "Fully supported"),
    ("partiellement_autonome", "Took part in the support"),
    ("autonome", "Rather autonomous"),
]
REDIRECTIONS = [
    ("operateur", "Operator or body in charge of the procedure"),
    ("aide_demarches", "Help with online procedures (France Services...)"),
    ("administration", "Administration (local authority, prefecture...)"),
    ("mediation_numerique", "Digital mediation structure"),
    ("autre", "Other"),
]


class ParcoursSupportSession(models.Model):
    """One-to-one help given by a mediator, recorded in under a minute.

    No core model fits: a ``calendar.event`` schedules a meeting to come, with
    attendees and reminders, not help already given with its themes and
    redirection; a ``mail.activity`` is a to-do that disappears once done; an
    ``event.event`` of one seat would be a workshop (stage, seats, mails) per
    conversation. The fields are those of the national activity record of an
    individual support, so that the same entry feeds the activity export.
    """

    _name = "parcours.support.session"
    _description = "One-to-one support session"
    _inherit = ["parcours.training.person.mixin", "mail.thread"]
    _order = "date desc, id desc"
    user_id = fields.Many2one(
        "res.users",
        string="Mediator",
        required=True,
        default=lambda s: s.env.user,
        tracking=True,
        check_organisation=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    duration = fields.Integer(
        string="Duration (minutes)", required=True, default=30, tracking=True
    )
    theme_ids = fields.Many2many(
        "event.tag",
        string="Themes",
        domain=[("parcours_code", "!=", False)],
        help="Themes of the national list of La Coop de la médiation numérique.",
    )
    place_kind = fields.Selection(
        SESSION_PLACE_KINDS,
        string="Kind of place",
        required=True,
        default="lieu_activite",
    )
    autonomy = fields.Selection(AUTONOMY)
    redirected = fields.Boolean(
        string="Sent on to another structure",
        help="The person was sent on to another structure for the rest.",
    )
    redirection_kind = fields.Selection(REDIRECTIONS, string="Sent on to")
    redirection_structure = fields.Char(
        string="Structure", help="Name of the structure the person was sent to."
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "duration_positive",
            "CHECK(duration > 0)",
            "A support session lasts at least one minute.",
        ),
    ]

    def _compute_display_name(self):
        for session in self:
            session.display_name = "%s - %s" % (
                session.partner_id.display_name or "",
                fields.Date.to_string(session.date) if session.date else "",
            )

    @api.constrains("duration", "date", "theme_ids", "redirected")
    def _check_session(self):
        now = fields.Datetime.now()
        for session in self:
            if session.duration <= 0:
                raise ValidationError(
                    self.env._(
                        "The support session of %(person)s lasts %(minutes)s "
                        "minutes: give its duration in minutes, more than 0.",
                        person=session.partner_id.display_name,
                        minutes=session.duration,
                    )
                )
            if session.date.date() > now.date():
                raise ValidationError(
                    self.env._(
                        "The support session of %(person)s is dated %(date)s, in the "
                        "future: record the help once it is given.",
                        person=session.partner_id.display_name,
                        date=session.date.date(),
                    )
                )
            if not session.theme_ids:
                raise ValidationError(
                    self.env._(
                        "Choose at least one theme for the support session of "
                        "%(person)s.",
                        person=session.partner_id.display_name,
                    )
                )
            if session.redirected and not session.redirection_kind:
                raise ValidationError(
                    self.env._(
                        "Say to which kind of structure %(person)s was sent on.",
                        person=session.partner_id.display_name,
                    )
                )
