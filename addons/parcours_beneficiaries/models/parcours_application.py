# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base import ALL_FIELDS
from odoo.addons.parcours_devices.models.product_template import DEVICE_TYPES

from .parcours_loan_agreement import OPEN_STATES

# An application in these states is over: it is kept as it is.
CLOSED_STATES = ("rejected", "handed_over", "withdrawn")


class ParcoursApplication(models.Model):
    """A resident's request for a device, from referral to handover.

    Its life (eligibility, waiting list, allocation of one device) exists before
    any agreement or invoice, and a rejected application never gets one: no
    Odoo document (lead, sale order) follows these rules.
    """

    _name = "parcours.application"
    _description = "Application for a device"
    _inherit = [
        "parcours.place.document.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "priority desc, date_submitted, id"
    _parcours_sequence_code = "parcours.application"
    _parcours_protected_fields = (
        "name",
        "state",
        "company_id",
        "date_submitted",
        "priority",
        "priority_explanation",
        "lot_id",
        "agreement_ids",
    )

    partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parcours_is_beneficiary', '=', True), "
        "('parcours_place_id', '=', place_id)]",
        check_organisation=True,
    )
    place_id = fields.Many2one(
        default=lambda s: s.env["parcours.organisation"]._parcours_user_place()
    )
    user_id = fields.Many2one(
        "res.users",
        string="Mediator",
        default=lambda s: s.env.user,
        tracking=True,
        check_company=True,
        check_organisation=True,
    )
    device_type = fields.Selection(
        DEVICE_TYPES, string="Device needed", required=True, default="laptop"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("eligible", "Eligible"),
            ("rejected", "Rejected"),
            ("waiting", "Waiting list"),
            ("allocated", "Device allocated"),
            ("handed_over", "Handed over"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_submitted = fields.Date(readonly=True, copy=False)
    reject_reason = fields.Text(tracking=True)
    priority = fields.Integer(
        compute="_compute_priority",
        store=True,
        help="Sum of the points of the beneficiary's eligibility criteria. The "
        "waiting list is ordered by priority, then by date of submission.",
    )
    priority_explanation = fields.Char(compute="_compute_priority", store=True)
    agreement_ids = fields.One2many(
        "parcours.loan.agreement", "application_id", string="Agreements"
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Device", compute="_compute_lot_id", store=True
    )
    note = fields.Html()

    @api.depends("partner_id.parcours_criterion_ids.points")
    def _compute_priority(self):
        for application in self:
            # stored, so computed with elevated rights (compute_sudo) already
            criteria = application.partner_id.parcours_criterion_ids
            application.priority = sum(criteria.mapped("points"))
            application.priority_explanation = ", ".join(
                f"{criterion.name} (+{criterion.points})" for criterion in criteria
            )

    @api.depends("agreement_ids.lot_id", "agreement_ids.state")
    def _compute_lot_id(self):
        for application in self:
            current = application.agreement_ids.filtered(
                lambda a: a.state not in ("cancel",)
            ).sorted("id")[-1:]
            application.lot_id = current.lot_id

    @api.constrains("partner_id", "place_id")
    def _check_beneficiary_of_the_place(self):
        # sudo: an invariant that must hold even when the user may not read the
        # person named; its message does not tell them who it is.
        for application in self.sudo():
            partner = application.partner_id
            if (
                not partner.parcours_is_beneficiary
                or partner.parcours_place_id != application.place_id
            ):
                raise ValidationError(
                    self.env._(
                        "Application %(name)s: its beneficiary is not one that "
                        "%(place)s follows. Choose one of its beneficiaries.",
                        name=application.name,
                        place=application.place_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        applications = super().create(vals_list)
        applications.partner_id._parcours_touch()
        return applications

    def _parcours_frozen_fields(self):
        if self.state in CLOSED_STATES:
            return ALL_FIELDS
        if self.state == "draft":
            return ()
        # Submitted: it is on a third place's list for this person and need.
        frozen = ("partner_id", "place_id")
        return frozen + ("device_type",) if self.state == "allocated" else frozen

    def _parcours_label(self):
        return self.env._("Application")

    def action_submit(self):
        self._parcours_check_step_access()
        self._check_state(("draft",))
        self.partner_id._parcours_check_consent()
        self._parcours_write_step(
            {"state": "submitted", "date_submitted": fields.Date.context_today(self)}
        )
        self.partner_id._parcours_touch()

    def action_mark_eligible(self):
        self._parcours_check_step_access()
        self._check_state(("submitted",))
        for application in self:
            partner = application.partner_id
            if not partner.parcours_criterion_ids:
                raise UserError(
                    self.env._(
                        "Record at least one eligibility criterion of %(name)s before "
                        "declaring the application eligible.",
                        name=partner.name,
                    )
                )
            if not partner.parcours_proof_ids:
                raise UserError(
                    self.env._(
                        "Record which proofs of %(name)s were checked before "
                        "declaring the application eligible.",
                        name=partner.name,
                    )
                )
        self._parcours_write_step({"state": "eligible"})

    def action_reject(self):
        self._parcours_check_step_access()
        self._check_state(("submitted", "eligible"))
        for application in self:
            if not (application.reject_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write the reason of the rejection of %(name)s first: the "
                        "resident has the right to know it.",
                        name=application.name,
                    )
                )
        self._parcours_write_step({"state": "rejected"})

    def action_add_to_waiting_list(self):
        self._parcours_check_step_access()
        self._check_state(("eligible",))
        self._parcours_write_step({"state": "waiting"})

    def action_allocate(self):
        self.ensure_one()
        self._parcours_check_step_access()
        self._check_state(("waiting",))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Allocate a device"),
            "res_model": "parcours.allocation.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_application_id": self.id},
        }

    def action_withdraw(self):
        self._parcours_check_step_access()
        self._check_state(("draft", "submitted", "eligible", "waiting", "allocated"))
        self.agreement_ids.filtered(
            lambda a: a.state in ("draft", "signed")
        ).action_cancel()
        self._parcours_write_step({"state": "withdrawn"})

    def _parcours_allocate(self, device=None):
        """Reserve ``device`` for this application with a draft agreement.

        The one way an agreement comes to be: its device, beneficiary, third
        place and contribution are set here, not by the client. Without
        ``device``, the best ready device that no other mediator is taking at
        this moment is reserved, so that mediators of one place allocating
        together get different devices.

        The device's row is locked and checked again under the lock before the
        agreement is inserted: the loser of a race gets a message, not a
        constraint violation. The database still refuses a second open
        agreement on one device, as the last guard.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        self._check_state(("waiting",))
        if device is None:
            device = self._parcours_lock_free_device()
        self._parcours_check_allocable(device)
        self._parcours_lock_device(device)
        # sudo: the checks above are the permission: the user may work on this
        # application, and the device is one its third place may lend; the
        # agreement's workflow fields are set by this step only.
        agreement = self._parcours_sudo_env()["parcours.loan.agreement"].create(
            {
                "application_id": self.id,
                "partner_id": self.partner_id.id,
                "place_id": self.place_id.id,
                "lot_id": device.id,
                "amount": self.company_id.parcours_contribution_amount,
                "duration_months": self.company_id.parcours_loan_months,
            }
        )
        device._parcours_set_stage("reserved", step="loan_reserve")
        self._parcours_write_step({"state": "allocated"})
        return agreement.with_env(self.env)

    def _parcours_check_allocable(self, device):
        if (
            len(device) != 1
            or device.parcours_stage != "ready"
            or device.parcours_holder_id != self.place_id
            or device.parcours_device_type != self.device_type
        ):
            raise UserError(
                self.env._(
                    "Device %(serial)s is not a ready %(type)s at %(place)s: choose "
                    "one of the devices proposed.",
                    serial=", ".join(device.mapped("name")),
                    type=dict(DEVICE_TYPES)[self.device_type],
                    place=self.place_id.name,
                )
            )

    def _parcours_taken_error(self, device):
        return UserError(
            self.env._(
                "Device %(serial)s has just been reserved by another mediator: "
                "open the allocation again to be proposed another device.",
                serial=device.name,
            )
        )

    def _parcours_lock_device(self, device):
        """Lock ``device``'s row for this transaction, then check it again.

        A mediator allocating it at the same moment waits here, not on the
        database's constraint; once the first one commits, this transaction's
        snapshot is out of date and PostgreSQL refuses the lock, which is
        turned into a message rather than retried or logged as an error.
        """
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM stock_lot WHERE id = %s FOR NO KEY UPDATE",
                    (device.id,),
                    log_exceptions=False,
                )
        except psycopg2.errors.SerializationFailure:
            raise self._parcours_taken_error(device) from None
        device.invalidate_recordset(["parcours_stage"])
        self.env.cr.execute(
            "SELECT 1 FROM parcours_loan_agreement WHERE lot_id = %s AND state IN %s",
            (device.id, OPEN_STATES),
        )
        if self.env.cr.fetchone() or device.parcours_stage != "ready":
            raise self._parcours_taken_error(device)

    def _parcours_lock_free_device(self):
        """Lock and return the first proposed device no one else is taking."""
        candidates = self._proposed_devices()
        if candidates:
            # Ordered like the proposal; rows another mediator holds are skipped.
            self.env.cr.execute(
                """SELECT id FROM stock_lot
                    WHERE id = ANY(%s) AND parcours_stage = 'ready'
                 ORDER BY array_position(%s, id)
                    LIMIT 1
                      FOR NO KEY UPDATE SKIP LOCKED""",
                (candidates.ids, candidates.ids),
                log_exceptions=False,
            )
            row = self.env.cr.fetchone()
            if row:
                return candidates.browse(row[0])
        raise UserError(
            self.env._(
                "No ready %(type)s is free at %(place)s: keep the application on "
                "the waiting list until a device is ready.",
                type=dict(DEVICE_TYPES)[self.device_type],
                place=self.place_id.name,
            )
        )

    def _proposed_devices(self):
        """The ready devices of the third place that fit the need."""
        self.ensure_one()
        return self.env["stock.lot"].search(
            [
                ("parcours_stage", "=", "ready"),
                ("parcours_holder_id", "=", self.place_id.id),
                ("product_id.parcours_device_type", "=", self.device_type),
            ],
            order="parcours_grade, id",
        )
