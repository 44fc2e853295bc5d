# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

# What the views below read: Odoo flushes these fields before querying them.
PROGRESSION_DEPENDS = {
    "parcours.skill.assessment": [
        "partner_id",
        "place_id",
        "event_type_id",
        "moment",
        "date",
    ],
    "parcours.skill.assessment.line": ["assessment_id", "skill_id", "level"],
}

# One row per person, workshop type and skill assessed both before and after.
PROGRESSION_QUERY = """
    SELECT after_line.id AS id,
           after_assessment.partner_id AS partner_id,
           after_assessment.place_id AS place_id,
           after_assessment.event_type_id AS event_type_id,
           after_line.skill_id AS skill_id,
           after_assessment.date AS date,
           before_line.level AS level_before,
           after_line.level AS level_after,
           after_line.level - before_line.level AS progress,
           CASE WHEN after_line.level > before_line.level THEN 1 ELSE 0 END
               AS progressed
      FROM parcours_skill_assessment_line after_line
      JOIN parcours_skill_assessment after_assessment
        ON after_assessment.id = after_line.assessment_id
       AND after_assessment.moment = 'after'
      JOIN parcours_skill_assessment before_assessment
        ON before_assessment.partner_id = after_assessment.partner_id
       AND before_assessment.event_type_id = after_assessment.event_type_id
       AND before_assessment.moment = 'before'
      JOIN parcours_skill_assessment_line before_line
        ON before_line.assessment_id = before_assessment.id
       AND before_line.skill_id = after_line.skill_id
"""


class ParcoursSkillProgression(models.Model):
    """Per person: the level of each skill before and after a workshop type.

    What the mediator of the person's third place reads; the back office reads
    the counts of ``parcours.skill.progression.summary`` only.
    """

    _name = "parcours.skill.progression"
    _description = "Skills progression per person"
    _auto = False
    _depends = PROGRESSION_DEPENDS
    _order = "date desc, partner_id, skill_id"

    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    place_id = fields.Many2one(
        "parcours.organisation", string="Third place", readonly=True
    )
    event_type_id = fields.Many2one("event.type", string="Workshop type", readonly=True)
    skill_id = fields.Many2one("parcours.skill", string="Skill", readonly=True)
    date = fields.Date(string="Assessed after on", readonly=True)
    level_before = fields.Integer(
        string="Level before", readonly=True, aggregator="avg"
    )
    level_after = fields.Integer(string="Level after", readonly=True, aggregator="avg")
    progress = fields.Integer(readonly=True, aggregator="avg")
    progressed = fields.Integer(string="Skills gained", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(PROGRESSION_QUERY),
            )
        )
