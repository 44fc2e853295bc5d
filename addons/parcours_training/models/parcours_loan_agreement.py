# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime

from .parcours_pass_claim import PERSON_GROUPS


class ParcoursLoanAgreement(models.Model):
    """The link between a loan and the getting-started workshop.

    The département's settings may require the workshop before the handover
    (the handover is refused, naming the workshop) or within some days after
    (a follow-up activity goes to the mediator when the deadline passes).
    """

    _inherit = "parcours.loan.agreement"
    _parcours_protected_fields = (
        "parcours_training_due_date",
        "parcours_training_followup_done",
    )

    parcours_training_due_date = fields.Date(
        string="Getting-started workshop due by",
        readonly=True,
        copy=False,
        help="Set at the handover when the settings require the getting-started "
        "workshop within some days after it.",
    )
    parcours_training_followup_done = fields.Boolean(
        string="Getting-started workshop followed up", readonly=True, copy=False
    )
    parcours_registration_ids = fields.Many2many(
        "event.registration",
        string="Workshops",
        compute="_compute_parcours_registration_ids",
        groups=PERSON_GROUPS,
    )

    @api.depends("partner_id")
    def _compute_parcours_registration_ids(self):
        Registration = self.env["event.registration"]
        for agreement in self:
            agreement.parcours_registration_ids = Registration.search(
                [
                    ("partner_id", "=", agreement.partner_id.id),
                    ("parcours_place_id", "!=", False),
                ],
                order="id desc",
            )

    # ------------------------------------------------------------ gate
    @api.model
    def _parcours_gate_type(self):
        company = self.env.company
        return company.parcours_training_gate_type_id or self.env.ref(
            "parcours_training.event_type_getting_started"
        )

    def _parcours_attended_gate(self):
        """The agreements whose beneficiary attended the required workshop."""
        attended = (
            # sudo: a workshop attended at any third place counts, also one
            # whose registrations the mediator may not read.
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("event_id.event_type_id", "=", self._parcours_gate_type().id),
                    ("state", "=", "done"),
                ]
            )
            .partner_id
        )
        return self.filtered(lambda a: a.partner_id in attended)

    def _parcours_check_handover(self):
        super()._parcours_check_handover()
        if self.env.company.parcours_training_gate != "before":
            return None
        missing = self - self._parcours_attended_gate()
        if missing:
            agreement = missing[0]
            workshop = self._parcours_gate_type()
            sessions = (
                # sudo: the next sessions are named in the message, whoever
                # may read the workshops (an officer of the back office).
                self.env["event.event"]
                .sudo()
                .search(
                    [
                        ("event_type_id", "=", workshop.id),
                        ("parcours_place_id", "=", agreement.place_id.id),
                        ("date_begin", ">=", fields.Datetime.now()),
                        ("stage_id.pipe_end", "=", False),
                    ],
                    limit=3,
                )
            )
            raise UserError(
                self.env._(
                    "%(person)s has not attended the workshop “%(workshop)s” yet: "
                    "the département requires it before the device is handed over. "
                    "Next sessions at %(place)s: %(sessions)s.",
                    person=agreement.partner_id.name,
                    workshop=workshop.name,
                    place=agreement.place_id.name,
                    sessions=", ".join(
                        format_datetime(self.env, session.date_begin, dt_format="short")
                        for session in sessions
                    )
                    or self.env._("none planned yet"),
                )
            )
        return None

    def action_handover(self):
        result = super().action_handover()
        company = self.env.company
        if company.parcours_training_gate == "after":
            due = fields.Date.context_today(self) + relativedelta(
                days=company.parcours_training_gate_days
            )
            pending = self - self._parcours_attended_gate()
            pending._parcours_write_step({"parcours_training_due_date": due})
        return result

    def action_parcours_register_workshop(self):
        """Register the beneficiary of this agreement to a workshop."""
        self.ensure_one()
        self._parcours_check_step_access()
        return self.partner_id.action_parcours_register_workshop()

    @api.model
    def _cron_training_followup(self):
        """A follow-up for the mediator when the workshop is overdue after handover."""
        today = fields.Date.context_today(self)
        overdue = self.search(
            [
                ("state", "=", "active"),
                ("parcours_training_due_date", "<", today),
                ("parcours_training_followup_done", "=", False),
            ]
        )
        late = overdue - overdue._parcours_attended_gate()
        workshop = self._parcours_gate_type()
        for agreement in late:
            agreement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._("Getting-started workshop not attended"),
                note=self.env._(
                    "%(person)s received device %(serial)s but has not attended the "
                    "workshop “%(workshop)s”, due by %(due)s. Invite them to the next "
                    "session.",
                    person=agreement.partner_id.name,
                    serial=agreement.lot_id.name,
                    workshop=workshop.name,
                    due=agreement.parcours_training_due_date,
                ),
                user_id=agreement.user_id.id or self.env.user.id,
            )
        overdue._parcours_write_step({"parcours_training_followup_done": True})
        return late
