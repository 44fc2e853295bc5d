# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# What attendance, once marked, or a cancellation freezes on a registration.
MARKED_FROZEN = ("event_id", "partner_id", "event_ticket_id")


class EventRegistration(models.Model):
    """A person registered to a workshop: Odoo's registration, linked to the person.

    Odoo's registration identifies the attendee by the partner who booked or by
    name and e-mail; many residents have no e-mail address, so a registration
    to a Parcours workshop names the person (``partner_id``) explicitly, and
    that person must be followed by the workshop's third place. Attendance is
    Odoo's own ``done`` state, or ``absent``; the states change only through
    the steps below, never by a direct write.
    """

    _name = "event.registration"
    _inherit = ["event.registration", "parcours.workshop.protected.mixin"]
    _parcours_protected_fields = ("state",)
    _parcours_organisation_field = "parcours_place_id"

    state = fields.Selection(
        selection_add=[("done",), ("absent", "Absent"), ("cancel",)],
        ondelete={"absent": lambda records: records.write({"state": "cancel"})},
    )
    # A person of another third place is refused (the organisation check),
    # whoever registers her: a workshop's place follows its people.
    partner_id = fields.Many2one(check_organisation=True)
    parcours_place_id = fields.Many2one(
        related="event_id.parcours_place_id",
        string="Third place",
        store=True,
        # Set with the row: the record rules of the mediators read it.
        precompute=True,
        index="btree_not_null",
    )
    parcours_event_type_id = fields.Many2one(
        related="event_id.event_type_id", string="Workshop type"
    )
    parcours_duration = fields.Float(
        related="event_id.parcours_duration", string="Hours"
    )
    parcours_pass_ids = fields.One2many(
        "parcours.pass", "registration_id", string="Pass numérique"
    )
    parcours_paid_by_pass = fields.Boolean(
        string="Paid with a pass", compute="_compute_parcours_paid_by_pass"
    )

    _sql_constraints = [
        (
            "parcours_partner_uniq",
            "EXCLUDE (event_id WITH =, partner_id WITH =) WHERE "
            "(parcours_place_id IS NOT NULL AND state != 'cancel' AND active)",
            "This person is already registered to this workshop.",
        ),
    ]

    @api.depends("parcours_pass_ids")
    def _compute_parcours_paid_by_pass(self):
        for registration in self:
            registration.parcours_paid_by_pass = bool(registration.parcours_pass_ids)

    @api.constrains("partner_id", "event_id")
    def _check_parcours_person(self):
        for registration in self._parcours_workshop_records():
            person = registration.partner_id
            place = registration.event_id.parcours_place_id
            if not person:
                raise ValidationError(
                    self.env._(
                        "Choose the person registered to %(workshop)s: a registration "
                        "to a workshop names the person, who may have no e-mail "
                        "address.",
                        workshop=registration.event_id.display_name,
                    )
                )
            if person.parcours_place_id != place:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not followed by %(place)s: register them to a "
                        "workshop of their own third place, or record them as one of "
                        "its residents first.",
                        person=person.display_name,
                        place=place.name,
                    )
                    if person.parcours_place_id
                    else self.env._(
                        "%(person)s is followed by no third place: record them as a "
                        "resident of %(place)s first.",
                        person=person.display_name,
                        place=place.name,
                    )
                )

    @api.constrains("state", "event_id")
    def _check_parcours_attendance_begun(self):
        now = fields.Datetime.now()
        for registration in self._parcours_workshop_records():
            if (
                registration.state in ("done", "absent")
                and registration.event_id.date_begin > now
            ):
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s has not started yet: mark the "
                        "attendance once it has begun.",
                        workshop=registration.event_id.display_name,
                    )
                )

    @api.constrains("state", "parcours_pass_ids")
    def _check_parcours_paid_by_pass(self):
        for registration in self._parcours_workshop_records():
            if registration.parcours_pass_ids and registration.state not in (
                "open",
                "done",
            ):
                raise ValidationError(
                    self.env._(
                        "A Pass numérique paid the workshop of %(person)s: remove the "
                        "pass first if the person did not come.",
                        person=registration.display_name,
                    )
                )

    # ------------------------------------------------------------ CRUD
    @api.model
    def _parcours_is_workshop_vals(self, vals):
        return bool(
            vals.get("event_id")
            and self.env["event.event"].browse(vals["event_id"]).parcours_place_id
        )

    def _parcours_workshop_records(self):
        return self.filtered("parcours_place_id")

    def _parcours_workshop_frozen_fields(self):
        return MARKED_FROZEN if self.state in ("done", "absent", "cancel") else ()

    @api.model_create_multi
    def create(self, vals_list):
        # The seats are counted under a lock of the workshop by the constraint
        # on the state (event.event._check_seats_availability).
        registrations = super().create(vals_list)
        registrations._parcours_workshop_records().partner_id._parcours_touch_today()
        return registrations

    # ------------------------------------------------------------ steps
    def _parcours_check_attendance_states(self, allowed, step):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for registration in self:
            if registration.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(person)s is %(state)s for %(workshop)s: %(step)s needs "
                        "the registration to be %(allowed)s.",
                        person=registration.display_name,
                        state=labels[registration.state],
                        workshop=registration.event_id.display_name,
                        step=step,
                        allowed=" / ".join(labels[state] for state in allowed),
                    )
                )

    def _parcours_take_step(self, odoo_step, allowed, step):
        """Take Odoo's step ``odoo_step`` (a function of a recordset), checked
        for the registrations of Parcours workshops.

        Every registration goes through Odoo's action, so that every module's
        extension of it runs for workshops too. On a workshop's registration
        the state is a protected field: this user's right to change these
        registrations and the state they leave are checked first, then Odoo's
        action writes the state as superuser. What the new state must respect
        (a workshop begun, a pass paid, a seat free) is checked by the
        constraints, whoever writes it.
        """
        workshops = self._parcours_workshop_records()
        if self - workshops:
            odoo_step(self - workshops)
        if workshops:
            workshops._parcours_check_step_access()
            workshops._parcours_check_attendance_states(allowed, step)
            # sudo: the state of a workshop's registration is written only by the
            # steps, once checked above (parcours.protected.mixin)
            odoo_step(workshops.sudo())
            workshops.partner_id._parcours_touch_today()
        return True

    def action_set_done(self):
        """Attended: Odoo's step, checked for the Parcours workshops."""
        return self._parcours_take_step(
            lambda records: super(EventRegistration, records).action_set_done(),
            ("open", "absent"),
            self.env._("marking attended"),
        )

    def action_parcours_absent(self):
        """Absent: the person registered did not come."""
        workshops = self._parcours_workshop_records()
        if workshops != self:
            raise UserError(
                self.env._("Only registrations to Parcours workshops can be absent.")
            )
        self._parcours_check_step_access()
        self._parcours_check_attendance_states(
            ("open", "done"), self.env._("marking absent")
        )
        self._parcours_write_step({"state": "absent"})
        self.partner_id._parcours_touch_today()
        return True

    def action_confirm(self):
        return self._parcours_take_step(
            lambda records: super(EventRegistration, records).action_confirm(),
            ("draft", "cancel"),
            self.env._("confirming"),
        )

    def action_cancel(self):
        return self._parcours_take_step(
            lambda records: super(EventRegistration, records).action_cancel(),
            ("draft", "open"),
            self.env._("cancelling"),
        )

    def action_set_draft(self):
        return self._parcours_take_step(
            lambda records: super(EventRegistration, records).action_set_draft(),
            ("open",),
            self.env._("setting back to unconfirmed"),
        )

    def action_parcours_record_pass(self):
        """Open the form of a Pass numérique paying this registration."""
        self.ensure_one()
        self._parcours_check_step_access()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pass numérique"),
            "res_model": "parcours.pass",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_registration_id": self.id},
        }

    def action_parcours_print_certificate(self):
        self.ensure_one()
        return self.partner_id.action_parcours_print_certificate()
