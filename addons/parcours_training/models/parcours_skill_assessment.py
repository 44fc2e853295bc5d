# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

MOMENTS = [
    ("before", "Before the first workshop"),
    ("after", "After the last workshop"),
]


class ParcoursSkillAssessment(models.Model):
    """The skills grid filled in with a person, before or after a workshop type.

    ``survey`` was considered: a matrix question gives one answer per row, but
    the level would be a suggested answer (a record, its number an
    ``answer_score``), so 0 to 3 could not be a database check, reading the
    grids back means joining ``survey.user_input.line`` through answers, and
    every grid is a ``survey.user_input`` filled in through the survey's public
    pages and access, which knows neither the third place nor the workshop
    type. This model and its lines store an integer level per competency,
    checked by the database, that a SQL view compares directly
    (``parcours.skill.progression``).
    """

    _name = "parcours.skill.assessment"
    _description = "Skills assessment"
    _inherit = ["parcours.training.person.mixin", "mail.thread"]
    _order = "date desc, id desc"
    event_type_id = fields.Many2one(
        "event.type",
        string="Workshop type",
        required=True,
        index=True,
        domain=[("parcours_is_workshop", "=", True)],
        tracking=True,
    )
    moment = fields.Selection(MOMENTS, required=True, default="before", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Mediator",
        default=lambda s: s.env.user,
        check_organisation=True,
    )
    line_ids = fields.One2many(
        "parcours.skill.assessment.line",
        "assessment_id",
        string="Levels",
        copy=True,
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    average_level = fields.Float(compute="_compute_average_level", string="Average")
    note = fields.Text()

    _sql_constraints = [
        (
            "moment_uniq",
            "unique(partner_id, event_type_id, moment)",
            "This person already has this assessment for this workshop type: "
            "open it and correct it.",
        ),
    ]

    @api.depends("event_type_id")
    def _compute_line_ids(self):
        skills = self.env["parcours.skill"].search([])
        for assessment in self:
            if assessment.line_ids:
                continue
            grid = assessment.event_type_id.parcours_skill_ids or skills
            assessment.line_ids = [
                Command.create({"skill_id": skill.id, "level": 0}) for skill in grid
            ]

    @api.depends("line_ids.level")
    def _compute_average_level(self):
        for assessment in self:
            levels = assessment.line_ids.mapped("level")
            assessment.average_level = sum(levels) / len(levels) if levels else 0.0

    def _compute_display_name(self):
        moments = dict(self._fields["moment"]._description_selection(self.env))
        for assessment in self:
            assessment.display_name = "%s - %s (%s)" % (
                assessment.partner_id.display_name or "",
                assessment.event_type_id.display_name or "",
                moments.get(assessment.moment, ""),
            )

    @api.constrains("date", "moment", "partner_id", "event_type_id")
    def _check_dates(self):
        # sudo: invariants between records, whoever writes: the person's
        # registrations at any third place count.
        Registration = self.env["event.registration"].sudo()
        for assessment in self:
            # sudo: the person's other assessment, also one of another place.
            pair = self.sudo().search(
                [
                    ("partner_id", "=", assessment.partner_id.id),
                    ("event_type_id", "=", assessment.event_type_id.id),
                ]
            )
            before = pair.filtered(lambda a: a.moment == "before")
            after = pair.filtered(lambda a: a.moment == "after")
            if before and after and after.date < before.date:
                raise ValidationError(
                    self.env._(
                        "The assessment of %(person)s after the workshops (%(after)s) "
                        "is dated before the one before them (%(before)s): correct "
                        "the dates.",
                        person=assessment.partner_id.display_name,
                        after=after.date,
                        before=before.date,
                    )
                )
            if not before:
                continue
            workshops = Registration.search(
                [
                    ("partner_id", "=", assessment.partner_id.id),
                    ("event_id.event_type_id", "=", assessment.event_type_id.id),
                    ("state", "in", ("done", "absent")),
                ]
            ).event_id
            first = workshops.sorted("date_begin")[:1]
            if first and first.date_begin.date() < before.date:
                raise ValidationError(
                    self.env._(
                        "%(person)s already came to workshop %(workshop)s on "
                        "%(date)s: the assessment before the first workshop is dated "
                        "that day or earlier.",
                        person=assessment.partner_id.display_name,
                        workshop=first.name,
                        date=first.date_begin.date(),
                    )
                )
