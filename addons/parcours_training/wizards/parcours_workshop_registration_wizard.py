# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ParcoursWorkshopRegistrationWizard(models.TransientModel):
    """Register a resident to one of her third place's workshops, from her file.

    The registration is created with the mediator's own rights: the record
    rules decide which workshops and people she may register, the
    registration's constraint that the person belongs to the workshop's place.
    """

    _name = "parcours.workshop.registration.wizard"
    _inherit = ["parcours.wizard.mixin"]
    _description = "Register a person to a workshop"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="cascade"
    )
    # read as the user: another place's person shows nothing of her place
    place_id = fields.Many2one(
        related="partner_id.parcours_place_id", related_sudo=False
    )
    allowed_event_ids = fields.Many2many(
        "event.event",
        string="Workshops open to registration",
        compute="_compute_allowed_event_ids",
    )
    event_id = fields.Many2one(
        "event.event",
        string="Workshop",
        domain="[('id', 'in', allowed_event_ids)]",
        compute="_compute_event_id",
        store=True,
        precompute=True,
        readonly=False,
    )

    @api.depends("partner_id")
    def _compute_allowed_event_ids(self):
        for wizard in self:
            wizard.allowed_event_ids = wizard._parcours_open_workshops()

    @api.depends("partner_id")
    def _compute_event_id(self):
        """The next getting-started workshop, or else the next workshop."""
        gate = self.env["parcours.loan.agreement"]._parcours_gate_type()
        for wizard in self:
            workshops = wizard.allowed_event_ids._origin
            wizard.event_id = (
                workshops.filtered(lambda e: e.event_type_id == gate)[:1]
                or workshops[:1]
            )

    def _parcours_open_workshops(self):
        """The workshops of the person's third place she may still attend."""
        self.ensure_one()
        if not self.partner_id.parcours_place_id:
            return self.env["event.event"]
        registered = (
            self.env["event.registration"]
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("parcours_place_id", "!=", False),
                    ("state", "!=", "cancel"),
                ]
            )
            .event_id
        )
        return self.env["event.event"].search(
            [
                ("parcours_place_id", "=", self.partner_id.parcours_place_id.id),
                ("date_end", ">=", fields.Datetime.now()),
                ("stage_id.pipe_end", "=", False),
                ("id", "not in", registered.ids),
            ],
            order="date_begin, id",
        )

    def action_register(self):
        """Create the registration, then show the workshop and its participants."""
        self.ensure_one()
        if self.event_id not in self._parcours_open_workshops():
            raise UserError(
                self.env._(
                    "%(person)s cannot be registered to %(workshop)s: choose an "
                    "upcoming workshop of %(place)s she is not registered to yet.",
                    person=self.partner_id.display_name,
                    workshop=self.event_id.display_name,
                    place=self.partner_id.parcours_place_id.display_name,
                )
            )
        registration = self.env["event.registration"].create(
            {"event_id": self.event_id.id, "partner_id": self.partner_id.id}
        )
        form = self.env.ref("parcours_training.event_event_view_form_parcours")
        return {
            "type": "ir.actions.act_window",
            "name": registration.event_id.display_name,
            "res_model": "event.event",
            "res_id": registration.event_id.id,
            "view_mode": "form",
            "views": [(form.id, "form")],
            "target": "current",
        }
