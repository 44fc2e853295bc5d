# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ParcoursTrainingPersonMixin(models.AbstractModel):
    """What a training record about one person shares: the person and their place.

    The third place is the one that follows the person when the record is made,
    and keeps the record afterwards (its mediators see it, the record rules read
    it); it is never typed. Making such a record is a contact with the person,
    which restarts their retention period.
    """

    _name = "parcours.training.person.mixin"
    _inherit = ["parcours.protected.mixin"]
    _description = "Parcours training record about a person"
    _rec_names_search = ["partner_id"]
    _parcours_protected_fields = ("place_id",)
    _parcours_organisation_field = "place_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        tracking=True,
        check_organisation=True,
    )
    place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        compute="_compute_place_id",
        store=True,
        index=True,
        readonly=True,
    )

    @api.depends("partner_id")
    def _compute_place_id(self):
        for record in self:
            if not record.place_id:
                record.place_id = record.partner_id.parcours_place_id

    @api.constrains("partner_id", "place_id")
    def _check_person_place(self):
        for record in self:
            if not record.place_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is followed by no third place: record them as a "
                        "resident of a third place first.",
                        person=record.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.partner_id._parcours_touch_today()
        return records
