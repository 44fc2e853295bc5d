# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ParcoursSkillAssessmentLine(models.Model):
    """One competency of a skills assessment and its level, 0 to 3."""

    _name = "parcours.skill.assessment.line"
    _description = "Skill level"
    _parcours_organisation_field = "place_id"
    _inherit = ["parcours.protected.mixin"]
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "parcours.skill.assessment", required=True, index=True, ondelete="cascade"
    )
    place_id = fields.Many2one(
        related="assessment_id.place_id", store=True, index=True, string="Third place"
    )
    skill_id = fields.Many2one(
        "parcours.skill", string="Skill", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="skill_id.sequence", store=True)
    level = fields.Integer(
        required=True,
        default=0,
        help="0: never done; 1: done with help; 2: done alone, with difficulty; "
        "3: autonomous.",
    )

    _sql_constraints = [
        (
            "level_range",
            "CHECK(level BETWEEN 0 AND 3)",
            "A skill level is between 0 and 3.",
        ),
        (
            "skill_uniq",
            "unique(assessment_id, skill_id)",
            "Each skill is assessed once per assessment.",
        ),
    ]

    @api.constrains("level")
    def _check_level(self):
        for line in self:
            if not 0 <= line.level <= 3:
                raise ValidationError(
                    self.env._(
                        "%(skill)s is assessed %(level)s: a level is between 0 "
                        "(never done) and 3 (autonomous).",
                        skill=line.skill_id.name,
                        level=line.level,
                    )
                )
