# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ParcoursSkill(models.Model):
    """A competency of the Parcours skills grid (about eight of them).

    ``hr_skills`` describes the skills of employees (``hr.employee.skill``), not
    of the residents a third place trains; the grid only needs a name and an
    order, its levels 0 to 3 being the same for every competency.
    """

    _name = "parcours.skill"
    _description = "Skill of the grid"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True, help="What the person can do at level 3 (autonomous)."
    )
    active = fields.Boolean(default=True)
