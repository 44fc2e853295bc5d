# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .parcours_skill_progression import PROGRESSION_DEPENDS, PROGRESSION_QUERY


class ParcoursSkillProgressionSummary(models.Model):
    """The skills progression in counts: by third place, workshop type, month, skill.

    The back office follows how people progress without reading anybody's
    levels: the view groups the people in SQL, so no row names or stands for
    one person.
    """

    _name = "parcours.skill.progression.summary"
    _description = "Skills progression (counts)"
    _auto = False
    _depends = PROGRESSION_DEPENDS
    _order = "month desc, place_id, event_type_id, skill_id"

    place_id = fields.Many2one(
        "parcours.organisation", string="Third place", readonly=True
    )
    event_type_id = fields.Many2one("event.type", string="Workshop type", readonly=True)
    skill_id = fields.Many2one("parcours.skill", string="Skill", readonly=True)
    month = fields.Date(readonly=True)
    people_count = fields.Integer(string="People assessed", readonly=True)
    progressed_count = fields.Integer(string="People who progressed", readonly=True)
    levels_gained = fields.Integer(string="Levels gained", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    SELECT min(progression.id) AS id,
                           progression.place_id,
                           progression.event_type_id,
                           progression.skill_id,
                           date_trunc('month', progression.date)::date AS month,
                           count(*) AS people_count,
                           sum(progression.progressed) AS progressed_count,
                           sum(progression.progress) AS levels_gained
                      FROM (%s) progression
                  GROUP BY progression.place_id, progression.event_type_id,
                           progression.skill_id,
                           date_trunc('month', progression.date)
                )""",
                SQL.identifier(self._table),
                SQL(PROGRESSION_QUERY),
            )
        )
