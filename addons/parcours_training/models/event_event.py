# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

LEVELS = [
    ("beginner", "Beginner"),
    ("intermediate", "Intermediate"),
    ("advanced", "Advanced"),
]

# The workshop's place in the national activity record (typeLieuAtelier).
WORKSHOP_PLACE_KINDS = [
    ("lieu_activite", "Place of activity"),
    ("autre", "Other place"),
]

# What the dates, type and third place of a workshop freeze once attendance counts.
ATTENDANCE_FROZEN = (
    "date_begin",
    "date_end",
    "event_type_id",
    "parcours_place_id",
    "user_id",
)


class EventEvent(models.Model):
    """A workshop of the Parcours is an event organised by a third place.

    Odoo's event already has what a collective session needs (dates, seats,
    registrations with their attendance, a template); the Parcours adds the
    third place that organises it, the level, and the rules that keep each
    workshop inside its third place: the organiser and the venue are that
    place, the trainer one of its mediators.
    """

    _name = "event.event"
    _inherit = ["event.event", "parcours.workshop.protected.mixin"]
    _parcours_organisation_field = "parcours_place_id"
    _parcours_protected_fields = ("stage_id",)

    parcours_place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        index="btree_not_null",
        tracking=True,
        domain=[("role", "=", "third_place")],
        default=lambda s: s.env["parcours.organisation"]._parcours_user_place(),
        help="The third place that organises this workshop of the Parcours "
        "numérique solidaire; only its mediators see it.",
    )
    parcours_duration = fields.Float(
        string="Duration (hours)",
        compute="_compute_parcours_duration",
        store=True,
    )
    parcours_level = fields.Selection(LEVELS, string="Level", default="beginner")
    parcours_place_kind = fields.Selection(
        WORKSHOP_PLACE_KINDS, string="Kind of place", default="lieu_activite"
    )
    parcours_theme_id = fields.Many2one(
        related="event_type_id.parcours_theme_id", string="National theme"
    )
    parcours_to_mark_count = fields.Integer(
        string="Attendance to mark", compute="_compute_parcours_attendance"
    )
    parcours_attended_count = fields.Integer(
        string="People present", compute="_compute_parcours_attendance"
    )

    @api.depends("date_begin", "date_end")
    def _compute_parcours_duration(self):
        for event in self:
            if event.date_begin and event.date_end:
                seconds = (event.date_end - event.date_begin).total_seconds()
                event.parcours_duration = round(seconds / 3600, 2)
            else:
                event.parcours_duration = 0.0

    @api.depends("registration_ids.state")
    def _compute_parcours_attendance(self):
        for event in self:
            states = event.registration_ids.mapped("state")
            event.parcours_to_mark_count = states.count("open")
            event.parcours_attended_count = states.count("done")

    # ------------------------------------------------------------ constraints
    @api.constrains(
        "parcours_place_id",
        "event_type_id",
        "date_begin",
        "date_end",
        "user_id",
        "organizer_id",
        "address_id",
        "seats_limited",
        "seats_max",
    )
    def _check_parcours_workshop(self):
        for event in self.filtered("parcours_place_id"):
            place = event.parcours_place_id
            if place.role != "third_place":
                raise ValidationError(
                    self.env._(
                        "%(place)s is not a third place: a workshop is organised by "
                        "a third place.",
                        place=place.name,
                    )
                )
            if not event.event_type_id.parcours_is_workshop:
                raise ValidationError(
                    self.env._(
                        "Choose the workshop type of %(workshop)s among the Parcours "
                        "workshop types.",
                        workshop=event.name,
                    )
                )
            if event.date_end <= event.date_begin:
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s ends on %(end)s, no later than it "
                        "starts (%(begin)s): give it an end after its start.",
                        workshop=event.name,
                        end=event.date_end,
                        begin=event.date_begin,
                    )
                )
            if event.organizer_id != place.partner_id:
                raise ValidationError(
                    self.env._(
                        "The organiser of workshop %(workshop)s is its third place, "
                        "%(place)s.",
                        workshop=event.name,
                        place=place.name,
                    )
                )
            if event.address_id.commercial_partner_id != place.partner_id:
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s takes place at %(place)s: choose the "
                        "third place or one of its addresses as the venue.",
                        workshop=event.name,
                        place=place.name,
                    )
                )
            # sudo: whose mediator the trainer is: a fact checked, not shown (a
            # mediator may not read another place's accounts)
            trainer = event.user_id.sudo()
            if trainer.parcours_organisation_id != place or not trainer.has_group(
                "parcours_beneficiaries.group_mediator"
            ):
                raise ValidationError(
                    self.env._(
                        "The trainer of workshop %(workshop)s must be a mediator of "
                        "%(place)s.",
                        workshop=event.name,
                        place=place.name,
                    )
                )
            if not event.seats_limited or event.seats_max <= 0:
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s needs a number of seats.",
                        workshop=event.name,
                    )
                )

    @api.constrains("seats_max", "seats_limited")
    def _check_parcours_seats_above_registrations(self):
        # Seats lowered below the registrations already confirmed, said as such.
        # Odoo runs the constraints in the order of their names: this one comes
        # before _check_seats_availability, whose message is for a booking.
        workshops = self.filtered(lambda event: event.parcours_place_id)
        taken = workshops._parcours_lock_seats()
        for workshop in workshops:
            if workshop.seats_limited and 0 < workshop.seats_max < taken[workshop.id]:
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s has %(taken)s confirmed registrations: "
                        "it needs at least %(taken)s seats. Keep at least %(taken)s "
                        "seats, or cancel registrations first.",
                        workshop=workshop.display_name,
                        taken=taken[workshop.id],
                    )
                )

    # Odoo's constraint, declared again: an override without the decorator
    # would no longer be a constraint, for any event.
    @api.constrains("seats_max", "seats_limited", "registration_ids")
    def _check_seats_availability(self, minimal_availability=0):
        workshops = self.filtered("parcours_place_id")
        taken = workshops._parcours_lock_seats()
        for workshop in workshops:
            available = workshop.seats_max - taken[workshop.id]
            if (
                workshop.seats_limited
                and workshop.seats_max
                and (available < minimal_availability)
            ):
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s is full: its %(seats)s seats are "
                        "taken. Register the person in another session, or cancel a "
                        "registration first.",
                        workshop=workshop.display_name,
                        seats=workshop.seats_max,
                    )
                )
        return super(EventEvent, self - workshops)._check_seats_availability(
            minimal_availability
        )

    @api.onchange("parcours_place_id")
    def _onchange_parcours_place_id(self):
        for event in self.filtered("parcours_place_id"):
            event.organizer_id = event.address_id = event.parcours_place_id.partner_id

    @api.onchange("event_type_id", "date_begin")
    def _onchange_parcours_date_end(self):
        for event in self.filtered("parcours_place_id"):
            hours = event.event_type_id.parcours_duration
            if event.date_begin and hours:
                event.date_end = event.date_begin + timedelta(hours=hours)

    # ------------------------------------------------------------ CRUD
    @api.model
    def default_get(self, fields_list):
        result = super().default_get(fields_list)
        place = self.env["parcours.organisation"].browse(
            result.get("parcours_place_id")
        )
        if place:
            # A workshop is organised by its third place, and held there.
            for name in ("organizer_id", "address_id"):
                if name in fields_list:
                    result[name] = place.partner_id.id
        return result

    @api.model
    def _parcours_is_workshop_vals(self, vals):
        return bool(
            vals.get("parcours_place_id", self._parcours_default("parcours_place_id"))
        )

    def _parcours_workshop_records(self):
        return self.filtered("parcours_place_id")

    def _parcours_workshop_frozen_fields(self):
        self.ensure_one()
        states = set(self.registration_ids.mapped("state"))
        if self.stage_id.pipe_end or states & {"done", "absent"}:
            return ATTENDANCE_FROZEN
        if states - {"cancel"}:
            return ("parcours_place_id",)
        return ()

    @api.model_create_multi
    def create(self, vals_list):
        Organisation = self.env["parcours.organisation"]
        EventType = self.env["event.type"]
        for vals in vals_list:
            place_id = vals.get(
                "parcours_place_id", self._parcours_default("parcours_place_id")
            )
            if not place_id:
                continue
            partner = Organisation.browse(place_id).partner_id
            vals.setdefault("organizer_id", partner.id)
            vals.setdefault("address_id", partner.id)
            hours = EventType.browse(vals.get("event_type_id")).parcours_duration
            if vals.get("date_begin") and not vals.get("date_end") and hours:
                begin = fields.Datetime.to_datetime(vals["date_begin"])
                vals["date_end"] = begin + timedelta(hours=hours)
        return super().create(vals_list)

    # ------------------------------------------------------------ steps
    def _parcours_lock_seats(self):
        """Lock these workshops and count their seats taken: the database decides.

        Odoo's transactions are REPEATABLE READ: a row lock alone would let a
        second booking, once the first is committed, count the seats in its own
        older snapshot and overbook. Updating the row instead makes PostgreSQL
        refuse a concurrent booking with a serialization failure, which Odoo
        retries; the retry then counts the seat the first one took. The same
        query counts the seats, in place of Odoo's own count. Returns the
        seats taken per workshop id.
        """
        if not self:
            return {}
        self.env["event.registration"].flush_model(["event_id", "state", "active"])
        self.env.cr.execute(
            SQL(
                """UPDATE event_event event
                      SET write_date = event.write_date
                    WHERE event.id IN %s
                RETURNING event.id,
                          (SELECT count(*)
                             FROM event_registration registration
                            WHERE registration.event_id = event.id
                              AND registration.active
                              AND registration.state IN ('open', 'done'))""",
                tuple(self.ids),
            )
        )
        return dict(self.env.cr.fetchall())

    def action_set_done(self):
        """End the workshops: Odoo's step, checked for the Parcours workshops."""
        workshops = self._parcours_workshop_records()
        if workshops:
            workshops._parcours_check_step_access()
            to_mark = workshops.registration_ids.filtered(lambda r: r.state == "open")
            if to_mark:
                raise UserError(
                    self.env._(
                        "Mark the attendance of %(people)s (attended or absent) "
                        "before ending the workshop.",
                        people=", ".join(to_mark.mapped("display_name")),
                    )
                )
            stage = self.env.ref("event.event_stage_done")
            workshops._parcours_write_step({"stage_id": stage.id})
        if self - workshops:
            return super(EventEvent, self - workshops).action_set_done()
        return True

    def action_parcours_cancel(self):
        """Cancel workshops that nobody attended yet, and their registrations."""
        self._parcours_check_step_access()
        for workshop in self:
            if workshop.registration_ids.filtered(
                lambda r: r.state in ("done", "absent")
            ):
                raise UserError(
                    self.env._(
                        "Attendance is already marked for workshop %(workshop)s: it "
                        "took place and cannot be cancelled.",
                        workshop=workshop.display_name,
                    )
                )
        self.registration_ids.filtered(
            lambda r: r.state in ("draft", "open")
        ).action_cancel()
        stage = self.env.ref("event.event_stage_cancelled")
        self._parcours_write_step({"stage_id": stage.id})
        return True

    def action_parcours_attendance(self):
        """The registrations of the workshop, to mark one click per row."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "parcours_training.event_registration_action_attendance"
        )
        action["domain"] = [("event_id", "=", self.id)]
        action["context"] = {"default_event_id": self.id}
        return action
