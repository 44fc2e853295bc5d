# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventType(models.Model):
    """A workshop type of the Parcours is an event template.

    Odoo copies the seats of the type on each event made from it; the Parcours
    adds the default duration, the skills of the grid the workshop works on and
    its theme in the national list.
    """

    _inherit = "event.type"

    parcours_is_workshop = fields.Boolean(
        string="Parcours workshop",
        help="A type of workshop given in the third places of the Parcours "
        "numérique solidaire.",
    )
    parcours_duration = fields.Float(
        string="Default duration (hours)",
        default=2.0,
        help="Duration of a workshop of this type, used to fill in its end.",
    )
    parcours_skill_ids = fields.Many2many(
        "parcours.skill",
        string="Skills worked on",
        help="The competencies of the skills grid assessed before the first and "
        "after the last workshop of this type.",
    )
    parcours_theme_id = fields.Many2one(
        "event.tag",
        string="National theme",
        domain=[("parcours_code", "!=", False)],
        help="Theme of the workshop in the list of La Coop de la médiation "
        "numérique.",
    )

    _sql_constraints = [
        (
            "parcours_duration_positive",
            "CHECK(NOT parcours_is_workshop OR parcours_duration > 0)",
            "A workshop type lasts more than 0 hours.",
        ),
    ]

    @api.constrains(
        "parcours_is_workshop",
        "parcours_duration",
        "parcours_theme_id",
        "has_seats_limitation",
        "seats_max",
    )
    def _check_parcours_workshop(self):
        for event_type in self.filtered("parcours_is_workshop"):
            if event_type.parcours_duration <= 0:
                raise ValidationError(
                    self.env._(
                        "Workshop type %(type)s lasts %(hours)s hours: give it a "
                        "default duration of more than 0 hours.",
                        type=event_type.name,
                        hours=event_type.parcours_duration,
                    )
                )
            if not event_type.has_seats_limitation or event_type.seats_max <= 0:
                raise ValidationError(
                    self.env._(
                        "Workshop type %(type)s needs a number of seats: a workshop "
                        "room holds a limited number of people.",
                        type=event_type.name,
                    )
                )
            if not event_type.parcours_theme_id:
                raise ValidationError(
                    self.env._(
                        "Choose the national theme of workshop type %(type)s: the "
                        "activity reports need it.",
                        type=event_type.name,
                    )
                )
