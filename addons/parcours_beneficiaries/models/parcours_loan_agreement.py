# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.account.models.account_move import PAYMENT_STATE_SELECTION
from odoo.addons.parcours_base import ALL_FIELDS

OPEN_STATES = ("draft", "signed", "active")
CLOSED_STATES = ("ended", "lost", "cancel")
# How a contribution is paid at the third place's cash office.
CONTRIBUTION_METHODS = [("cash", "Cash"), ("cheque", "Cheque"), ("card", "Card")]
# What the signature fixes: the terms the beneficiary agreed to.
SIGNED_TERMS = (
    "start_date",
    "duration_months",
    "end_date",
    "signature_date",
    "witness_id",
)


class ParcoursLoanAgreement(models.Model):
    """The convention de mise à disposition: one device lent for two years.

    A loan is not a sale nor a rental: the beneficiary pays a fixed
    contribution once, the device stays the département's and must come back
    (or be renewed) at term. The agreement ties the serial (``stock.lot``), its
    delivery and return transfers and the contribution invoice and payment.

    An agreement comes from the allocation of a device to an application
    (``parcours.application._parcours_allocate``) or from the renewal of a
    loan: its beneficiary, third place, device and contribution are never
    chosen by the client.
    """

    _name = "parcours.loan.agreement"
    _description = "Loan agreement"
    _inherit = [
        "parcours.loan.agreement.contribution",
        "parcours.place.document.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _parcours_sequence_code = "parcours.loan.agreement"
    _parcours_protected_fields = (
        "name",
        "state",
        "company_id",
        "partner_id",
        "place_id",
        "lot_id",
        "application_id",
        "amount",
        "end_reason",
        "invoice_id",
        "contribution_method",
        "contribution_date",
        "receipt_number",
        "waived",
        "delivery_picking_id",
        "return_picking_id",
        "renewed_from_id",
        "term_reminder_sent",
    )

    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("parcours_is_beneficiary", "=", True)],
        check_organisation=True,
    )
    application_id = fields.Many2one(
        "parcours.application",
        index="btree_not_null",
        readonly=True,
        check_company=True,
        check_organisation=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Mediator",
        default=lambda s: s.env.user,
        tracking=True,
        check_company=True,
        check_organisation=True,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    product_id = fields.Many2one(related="lot_id.product_id", string="Device model")
    start_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    duration_months = fields.Integer(
        string="Duration (months)",
        required=True,
        default=lambda s: s.env.company.parcours_loan_months,
    )
    end_date = fields.Date(
        compute="_compute_end_date",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        # A stored editable compute is copied by default: a renewal would keep the
        # end of the loan it renews, which is its own start date.
        copy=False,
        tracking=True,
        index=True,
    )
    amount = fields.Monetary(
        string="Contribution",
        default=lambda s: s.env.company.parcours_contribution_amount,
        readonly=True,
        copy=False,
        tracking=True,
        help="Set from the département's settings when the device is allocated; "
        "only the back office changes it, or waives it.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("active", "Active"),
            ("ended", "Ended"),
            ("lost", "Lost or stolen"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    end_reason = fields.Selection(
        [
            ("returned", "Returned"),
            ("renewed", "Renewed"),
            ("ownership", "Ownership transferred"),
            ("lost", "Lost"),
            ("stolen", "Stolen"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    signature_date = fields.Date(
        copy=False, tracking=True, default=fields.Date.context_today
    )
    witness_id = fields.Many2one(
        "res.users",
        string="Witnessed by",
        copy=False,
        default=lambda s: s.env.user,
        check_company=True,
        check_organisation=True,
    )
    signed_scan = fields.Binary(string="Signed agreement", attachment=True, copy=False)
    signed_scan_filename = fields.Char(copy=False)
    invoice_id = fields.Many2one(
        "account.move",
        string="Contribution invoice",
        readonly=True,
        copy=False,
        check_company=True,
    )
    payment_state = fields.Selection(
        selection=PAYMENT_STATE_SELECTION,
        string="Contribution status",
        compute="_compute_payment_state",
        compute_sudo=True,
    )
    contribution_method = fields.Selection(
        CONTRIBUTION_METHODS,
        string="Paid by",
        readonly=True,
        copy=False,
        tracking=True,
    )
    contribution_date = fields.Date(
        string="Paid on", readonly=True, copy=False, tracking=True
    )
    receipt_number = fields.Char(
        string="Receipt number",
        readonly=True,
        copy=False,
        tracking=True,
        help="From the receipt book of the third place: see the régie settings.",
    )
    waived = fields.Boolean(
        string="Contribution waived", readonly=True, copy=False, tracking=True
    )
    waiver_reason = fields.Char(copy=False, tracking=True)
    delivery_picking_id = fields.Many2one(
        "stock.picking",
        string="Handover transfer",
        readonly=True,
        copy=False,
        check_company=True,
    )
    return_picking_id = fields.Many2one(
        "stock.picking",
        string="End of loan transfer",
        readonly=True,
        copy=False,
        check_company=True,
    )
    renewed_from_id = fields.Many2one(
        "parcours.loan.agreement",
        string="Renews",
        readonly=True,
        copy=False,
        check_company=True,
        check_organisation=True,
    )
    term_reminder_sent = fields.Boolean(readonly=True, copy=False)
    note = fields.Html()

    _sql_constraints = [
        (
            "lot_open_uniq",
            "EXCLUDE (lot_id WITH =) WHERE (state IN ('draft', 'signed', 'active'))",
            "This device is already reserved or lent under another agreement: "
            "choose another device.",
        ),
        (
            "amount_positive",
            "CHECK(amount >= 0)",
            "The contribution cannot be negative.",
        ),
        (
            "dates_ordered",
            "CHECK(end_date > start_date)",
            "A loan must end after it starts.",
        ),
        (
            "duration_positive",
            "CHECK(duration_months > 0)",
            "A loan lasts at least one month.",
        ),
    ]

    @api.depends("start_date", "duration_months")
    def _compute_end_date(self):
        for agreement in self:
            if agreement.start_date and agreement.duration_months:
                agreement.end_date = agreement.start_date + relativedelta(
                    months=agreement.duration_months
                )

    @api.depends("invoice_id")
    def _compute_payment_state(self):
        # Not a related field: its trigger would search the agreements of every
        # invoice line touched by a reconciliation, a dozen times per payment.
        # The payment method below invalidates it instead.
        for agreement in self:
            agreement.payment_state = agreement.invoice_id.payment_state or False

    @api.constrains("start_date", "end_date", "amount")
    def _check_dates_and_amount(self):
        for agreement in self:
            if agreement.end_date and agreement.end_date <= agreement.start_date:
                raise ValidationError(
                    self.env._(
                        "Agreement %(name)s ends on %(end)s, before it starts on "
                        "%(start)s: correct the dates.",
                        name=agreement.name,
                        end=agreement.end_date,
                        start=agreement.start_date,
                    )
                )
            if agreement.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The contribution of agreement %(name)s cannot be negative: "
                        "ask the back office to waive it.",
                        name=agreement.name,
                    )
                )

    @api.constrains("lot_id", "place_id", "partner_id", "application_id")
    def _check_device_and_beneficiary(self):
        """A device lent is one its third place holds, ready, for this person."""
        # sudo: an invariant between records, checked whoever writes, also on
        # the device and application the user may not read.
        for agreement in self.sudo():
            application = agreement.application_id
            if application and (
                application.partner_id != agreement.partner_id
                or application.place_id != agreement.place_id
            ):
                raise ValidationError(
                    self.env._(
                        "Agreement %(name)s must be for the beneficiary and the third "
                        "place of its application %(application)s.",
                        name=agreement.name,
                        application=application.name,
                    )
                )
            renewed = agreement.renewed_from_id
            if renewed and renewed.lot_id == agreement.lot_id:
                # A renewal goes on with the device the beneficiary already has.
                continue
            device = agreement.lot_id
            if (
                device.parcours_stage not in ("ready", "reserved")
                or device.parcours_holder_id != agreement.place_id
            ):
                raise ValidationError(
                    self.env._(
                        "Device %(serial)s cannot be lent by %(place)s: only a device "
                        "ready at that third place can. Allocate one of its ready "
                        "devices from the waiting list.",
                        serial=device.name,
                        place=agreement.place_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements.partner_id._parcours_check_consent()
        agreements.partner_id._parcours_touch()
        return agreements

    def write(self, vals):
        # A device no longer covered by the agreement that reserved it goes
        # back to the third place's ready devices; the new one is reserved.
        released = (
            self.filtered(lambda a: a.state in OPEN_STATES).lot_id
            if "lot_id" in vals
            else self.env["stock.lot"]
        )
        result = super().write(vals)
        if released:
            self.filtered(lambda a: a.state in ("draft", "signed")).lot_id.filtered(
                lambda d: d.parcours_stage == "ready"
            )._parcours_set_stage("reserved", step="loan_reserve")
            self._parcours_release_devices(released - self.lot_id)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_open(self):
        if self.filtered(lambda a: a.state in OPEN_STATES):
            raise UserError(
                self.env._(
                    "An open loan agreement cannot be deleted: cancel it, which "
                    "frees its device and cancels its contribution invoice."
                )
            )

    # ------------------------------------------------------------ helpers
    def _parcours_label(self):
        return self.env._("Agreement")

    def _parcours_frozen_fields(self):
        if self.state in CLOSED_STATES:
            return ALL_FIELDS
        frozen = () if self.state == "draft" else SIGNED_TERMS
        return frozen + ("waiver_reason",) if self.waived else frozen

    def _parcours_check_officer(self, message):
        if not self.env.user.has_group("parcours_devices.group_officer"):
            raise AccessError(message)

    @api.model
    def _parcours_release_devices(self, devices):
        """Devices reserved by no open agreement any more are ready again."""
        devices = devices.filtered(lambda d: d.parcours_stage == "reserved")
        if not devices:
            return
        self.flush_model(["lot_id", "state"])
        still = (
            # sudo: an open agreement of any third place keeps the device
            # reserved, also one the user may not read.
            self.sudo()
            .search([("lot_id", "in", devices.ids), ("state", "in", OPEN_STATES)])
            .lot_id
        )
        (devices - still)._parcours_set_stage("ready", step="loan_release")

    # ------------------------------------------------------------ actions
    def action_sign(self):
        self._parcours_check_step_access()
        self._check_state(("draft",))
        for agreement in self:
            if not agreement.signature_date or not agreement.witness_id:
                raise UserError(
                    self.env._(
                        "Fill in the signature date and the witness of agreement "
                        "%(name)s before marking it signed.",
                        name=agreement.name,
                    )
                )
        self.partner_id._parcours_check_consent()
        self._lock()
        self._check_state(("draft",))
        self._create_invoices()
        self._parcours_write_step({"state": "signed"})
        self.partner_id._parcours_touch()
        return True

    def _parcours_check_handover(self):
        """Raise a UserError if one of these agreements may not be handed over.

        Called by ``action_handover`` before it writes anything; an extension
        (the training addon, for instance) adds its own conditions with super().
        """
        for agreement in self:
            if not agreement._is_paid():
                raise UserError(
                    self.env._(
                        "The 25 € contribution of agreement %(name)s is not paid: "
                        "collect it before handing over the device, or ask the back "
                        "office to waive it.",
                        name=agreement.name,
                    )
                    if agreement.amount == 25
                    else self.env._(
                        "The contribution of agreement %(name)s is not paid: collect "
                        "it before handing over the device, or ask the back office to "
                        "waive it.",
                        name=agreement.name,
                    )
                )

    def action_handover(self):
        self._parcours_check_step_access()
        self._check_state(("signed",))
        self._parcours_check_handover()
        for company, agreements in self.grouped("company_id").items():
            lent = company._parcours_loan_location("lent")
            to_deliver = agreements.filtered(
                lambda a, lent=lent: a.lot_id.location_id != lent
            )
            to_deliver.lot_id._parcours_set_stage("lent", step="loan_handover")
            for place, place_agreements in to_deliver.grouped("place_id").items():
                picking = (
                    # sudo: handing over moves the device's quant to the lent
                    # location, which partner accounts never do themselves.
                    self._parcours_sudo_env()["stock.picking"]
                    .with_company(company)
                    ._parcours_transfer_devices(
                        place_agreements.lot_id,
                        place.location_id,
                        lent,
                        origin=", ".join(place_agreements.mapped("name")),
                    )
                )
                place_agreements._parcours_write_step(
                    {"delivery_picking_id": picking.id}
                )
        self._parcours_write_step({"state": "active"})
        self.application_id._parcours_write_step({"state": "handed_over"})
        self.partner_id._parcours_touch()
        return True

    def _end(self, reason, destination=None, stage=None):
        """End active loans; their devices leave the lent location at ``stage``.

        ``destination(company)`` gives the location where the devices of that
        company go; without it they stay where they are (a renewal).
        """
        self._parcours_check_step_access()
        self._check_state(("active",))
        if destination:
            for company, agreements in self.grouped("company_id").items():
                devices = agreements.lot_id
                if stage:
                    devices._parcours_set_stage(stage, step="loan_end")
                lent = company._parcours_loan_location("lent")
                # A partner organisation reads the transfers it receives (a
                # device returned to the refurbisher): they name no
                # beneficiary, the agreement keeps the link.
                anonymous = bool(destination(company).parcours_organisation_id)
                for partner, partner_agreements in agreements.grouped(
                    "partner_id"
                ).items():
                    picking = (
                        # sudo: the device's quant leaves the lent location,
                        # which partner accounts never move themselves.
                        self._parcours_sudo_env()["stock.picking"]
                        .with_company(company)
                        ._parcours_transfer_devices(
                            partner_agreements.lot_id,
                            lent,
                            destination(company),
                            origin=", ".join(partner_agreements.mapped("name")),
                            partner_id=False if anonymous else partner.id,
                        )
                    )
                    partner_agreements._parcours_write_step(
                        {"return_picking_id": picking.id}
                    )
        self._parcours_write_step(
            {
                "state": "lost" if reason in ("lost", "stolen") else "ended",
                "end_reason": reason,
            }
        )
        self.partner_id._parcours_touch()
        return True

    def action_return(self):
        self._parcours_check_step_access()
        for company in self.company_id:
            if not company.parcours_return_organisation_id.location_id:
                raise UserError(
                    self.env._(
                        "Choose in the settings the refurbisher that takes returned "
                        "devices back."
                    )
                )
        return self._end(
            "returned",
            lambda company: company.parcours_return_organisation_id.location_id,
            "returned",
        )

    def _parcours_declare_lost(self, reason):
        return self._end(
            reason, lambda company: company._parcours_loan_location("lost"), "lost"
        )

    def action_declare_lost(self):
        return self._parcours_declare_lost("lost")

    def action_declare_stolen(self):
        return self._parcours_declare_lost("stolen")

    def action_renew(self):
        self.ensure_one()
        self._parcours_check_step_access()
        if not self.company_id.parcours_allow_renewal:
            raise UserError(
                self.env._("The département's settings do not allow renewing a loan.")
            )
        self._end("renewed")
        self.env.flush_all()
        # sudo: the renewal is a new agreement for the same person and device,
        # with the workflow fields only this step sets; the step was checked.
        renewal = self.with_env(self._parcours_sudo_env()).copy(
            {
                "renewed_from_id": self.id,
                "start_date": self.end_date,
                "application_id": self.application_id.id,
                "partner_id": self.partner_id.id,
                "place_id": self.place_id.id,
                "lot_id": self.lot_id.id,
                "amount": self.company_id.parcours_contribution_amount,
                "duration_months": self.company_id.parcours_loan_months,
                "user_id": self.env.user.id,
                "witness_id": self.env.user.id,
            }
        )
        return renewal.with_env(self.env).get_formview_action()

    def action_transfer_ownership(self):
        """At term, the device is given to the beneficiary for good."""
        self._parcours_check_step_access()
        for company in self.company_id:
            if not company.parcours_allow_ownership:
                raise UserError(
                    self.env._(
                        "The département's settings do not allow transferring the "
                        "ownership of a device at term."
                    )
                )
        return self._end(
            "ownership",
            lambda company: self.env.ref("stock.stock_location_customers"),
            "given",
        )

    def action_cancel(self):
        self._parcours_check_step_access()
        self._check_state(("draft", "signed"))
        for agreement in self:
            if agreement.invoice_id and agreement.payment_state in (
                "paid",
                "in_payment",
            ):
                raise UserError(
                    self.env._(
                        "The contribution of %(name)s is paid: refund it before "
                        "cancelling the agreement.",
                        name=agreement.name,
                    )
                )
        # sudo: cancelling the agreement's own contribution invoice, which the
        # mediator may not do without accounting rights; checked above.
        invoices = self.invoice_id.sudo()
        invoices.button_draft()
        invoices.button_cancel()
        self._parcours_write_step({"state": "cancel"})
        self._parcours_release_devices(self.lot_id)
        self.application_id.filtered(
            lambda a: a.state == "allocated"
        )._parcours_write_step({"state": "waiting"})
        # A renewal given up: the loan it was to renew goes on, so that the device
        # stays covered by an agreement and can be returned.
        renewed = self.renewed_from_id.filtered(
            lambda a: a.state == "ended" and a.end_reason == "renewed"
        )
        if renewed:
            # The renewal must be closed in the database before the open-agreement
            # exclusion sees the renewed loan open again.
            self.flush_recordset(["state"])
            renewed._parcours_write_step({"state": "active", "end_reason": False})
        return True

    def action_print(self):
        # Printing changes nothing: reading the agreement is the permission.
        self.check_access("read")
        return self.env.ref(
            "parcours_beneficiaries.action_report_loan_agreement"
        ).report_action(self)
