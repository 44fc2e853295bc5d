# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.account.models.account_move import PAYMENT_STATE_SELECTION

OPEN_STATES = ("draft", "signed", "active")


class ParcoursLoanAgreement(models.Model):
    """The convention de mise à disposition: one device lent for two years.

    A loan is not a sale nor a rental: the beneficiary pays a fixed
    contribution once, the device stays the département's and must come back
    (or be renewed) at term. The agreement ties the serial (``stock.lot``), its
    delivery and return transfers and the contribution invoice and payment.
    """

    _name = "parcours.loan.agreement"
    _description = "Loan agreement"
    _inherit = ["parcours.document.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _parcours_sequence_code = "parcours.loan.agreement"

    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        required=True,
        index=True,
        tracking=True,
        domain=[("parcours_is_beneficiary", "=", True)],
    )
    application_id = fields.Many2one(
        "parcours.application", index="btree_not_null", readonly=True
    )
    place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        required=True,
        index=True,
        tracking=True,
        domain=[("role", "=", "third_place")],
    )
    user_id = fields.Many2one(
        "res.users", string="Mediator", default=lambda s: s.env.user, tracking=True
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Device", required=True, index=True, tracking=True
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
        tracking=True,
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
        "res.users", string="Witnessed by", copy=False, default=lambda s: s.env.user
    )
    signed_scan = fields.Binary(string="Signed agreement", attachment=True, copy=False)
    signed_scan_filename = fields.Char(copy=False)
    invoice_id = fields.Many2one(
        "account.move", string="Contribution invoice", readonly=True, copy=False
    )
    payment_state = fields.Selection(
        selection=PAYMENT_STATE_SELECTION,
        string="Contribution status",
        compute="_compute_payment_state",
        compute_sudo=True,
    )
    contribution_method = fields.Selection(
        [("cash", "Cash"), ("cheque", "Cheque"), ("card", "Card")],
        string="Paid by",
        readonly=True,
        copy=False,
        tracking=True,
    )
    contribution_date = fields.Date(
        string="Paid on", readonly=True, copy=False, tracking=True
    )
    waived = fields.Boolean(
        string="Contribution waived", readonly=True, copy=False, tracking=True
    )
    waiver_reason = fields.Char(copy=False, tracking=True)
    delivery_picking_id = fields.Many2one(
        "stock.picking", string="Handover transfer", readonly=True, copy=False
    )
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return transfer", readonly=True, copy=False
    )
    renewed_from_id = fields.Many2one(
        "parcours.loan.agreement", string="Renews", readonly=True, copy=False
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
                        "set 0 to waive it.",
                        name=agreement.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements.partner_id._parcours_check_consent()
        agreements.partner_id._parcours_touch()
        return agreements

    # ------------------------------------------------------------ helpers
    def _parcours_label(self):
        return self.env._("Agreement")

    def _contribution_product(self):
        return self.env.company.parcours_contribution_product_id or self.env.ref(
            "parcours_beneficiaries.product_contribution"
        )

    # ------------------------------------------------------------ actions
    def action_sign(self):
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

    def _create_invoices(self):
        """Exactly one contribution invoice per agreement, created in one batch."""
        to_invoice = self.filtered(
            lambda a: not a.invoice_id and a.amount > 0 and not a.waived
        )
        if not to_invoice:
            return self.env["account.move"]
        product = self._contribution_product()
        moves = (
            self.env["account.move"]
            .sudo()
            .with_context(default_move_type="out_invoice")
            .create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": agreement.partner_id.id,
                        "invoice_date": agreement.signature_date,
                        "invoice_origin": agreement.name,
                        "parcours_agreement_id": agreement.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "name": self.env._(
                                        "Contribution to loan agreement %(name)s "
                                        "(device %(serial)s)",
                                        name=agreement.name,
                                        serial=agreement.lot_id.sudo().name,
                                    ),
                                    "quantity": 1,
                                    "price_unit": agreement.amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for agreement in to_invoice
                ]
            )
        )
        moves.action_post()
        for agreement, move in zip(to_invoice, moves, strict=True):
            agreement.invoice_id = move
        return moves

    def _parcours_register_payment(self, method, date=None):
        """Record the contribution paid at the third place, in its cash office."""
        self._check_state(("signed", "active"))
        for agreement in self:
            if not agreement.invoice_id:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s has no contribution to collect.",
                        name=agreement.name,
                    )
                )
            if agreement.payment_state in ("paid", "in_payment"):
                raise UserError(
                    self.env._(
                        "The contribution of agreement %(name)s is already paid.",
                        name=agreement.name,
                    )
                )
            if not agreement.place_id.journal_id:
                raise UserError(
                    self.env._(
                        "%(place)s has no cash office journal: ask the back office "
                        "to set one on the organisation.",
                        place=agreement.place_id.name,
                    )
                )
        date = date or fields.Date.context_today(self)
        method_label = dict(self._fields["contribution_method"].selection)[method]
        for journal, agreements in self.grouped(
            lambda a: a.place_id.journal_id
        ).items():
            invoices = agreements.invoice_id.sudo()
            self.env["account.payment.register"].sudo().with_context(
                active_model="account.move", active_ids=invoices.ids
            ).create(
                {
                    "journal_id": journal.id,
                    "payment_date": date,
                    "group_payment": False,
                    "communication": method_label,
                }
            )._create_payments()
        self.invalidate_recordset(["payment_state"])
        self.write({"contribution_method": method, "contribution_date": date})
        self.partner_id._parcours_touch()
        return True

    def action_register_contribution(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Collect the contribution"),
            "res_model": "parcours.contribution.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def action_waive(self):
        if not self.env.user.has_group("parcours_devices.group_officer"):
            raise UserError(
                self.env._(
                    "Only the département's back office can waive a contribution."
                )
            )
        self._check_state(("draft", "signed"))
        for agreement in self:
            if not (agreement.waiver_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write why the contribution of %(name)s is waived first.",
                        name=agreement.name,
                    )
                )
        for agreement in self:
            if agreement.payment_state in ("paid", "in_payment", "partial"):
                raise UserError(
                    self.env._(
                        "The contribution of %(name)s has already been paid: it "
                        "cannot be waived any more.",
                        name=agreement.name,
                    )
                )
        invoices = self.invoice_id.sudo()
        invoices.button_draft()
        invoices.button_cancel()
        self.waived = True
        return True

    def _is_paid(self):
        self.ensure_one()
        return (
            self.waived
            or not self.amount
            or self.payment_state in ("paid", "in_payment")
        )

    def action_handover(self):
        self._check_state(("signed",))
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
        lent = self.env.ref("parcours_beneficiaries.stock_location_lent")
        to_deliver = self.filtered(lambda a: a.lot_id.sudo().location_id != lent)
        devices = to_deliver.lot_id.sudo()
        devices._parcours_set_stage("lent")
        for place, agreements in to_deliver.grouped("place_id").items():
            picking = (
                self.env["stock.picking"]
                .sudo()
                ._parcours_transfer_devices(
                    agreements.lot_id.sudo(),
                    place.location_id,
                    lent,
                    origin=", ".join(agreements.mapped("name")),
                )
            )
            agreements.delivery_picking_id = picking
        self._parcours_write_step({"state": "active"})
        self.application_id.sudo().write({"state": "handed_over"})
        self.partner_id._parcours_touch()
        return True

    def _end(self, reason, destination=None, stage=None):
        self._check_state(("active",))
        if destination:
            devices = self.lot_id.sudo()
            if stage:
                devices._parcours_set_stage(stage)
            picking = (
                self.env["stock.picking"]
                .sudo()
                ._parcours_transfer_devices(
                    devices,
                    self.env.ref("parcours_beneficiaries.stock_location_lent"),
                    destination,
                    origin=", ".join(self.mapped("name")),
                )
            )
            self.return_picking_id = picking
        self._parcours_write_step(
            {
                "state": "lost" if reason in ("lost", "stolen") else "ended",
                "end_reason": reason,
            }
        )
        self.partner_id._parcours_touch()
        return True

    def action_return(self):
        refurbisher = self.env.company.parcours_return_organisation_id
        if not refurbisher.location_id:
            raise UserError(
                self.env._(
                    "Choose in the settings the refurbisher that takes returned "
                    "devices back."
                )
            )
        return self._end("returned", refurbisher.location_id, "returned")

    def action_declare_lost(self, reason="lost"):
        return self._end(
            reason,
            self.env.ref("parcours_beneficiaries.stock_location_lost"),
            "lost",
        )

    def action_declare_stolen(self):
        return self.action_declare_lost("stolen")

    def action_renew(self):
        self.ensure_one()
        if not self.env.company.parcours_allow_renewal:
            raise UserError(
                self.env._("The département's settings do not allow renewing a loan.")
            )
        self._end("renewed")
        self.env.flush_all()
        renewal = self.copy(
            {
                "renewed_from_id": self.id,
                "start_date": self.end_date,
                "application_id": self.application_id.id,
                "witness_id": self.env.user.id,
            }
        )
        return renewal.get_formview_action()

    def action_transfer_ownership(self):
        if not self.env.company.parcours_allow_ownership:
            raise UserError(
                self.env._(
                    "The département's settings do not allow transferring the "
                    "ownership of a device at term."
                )
            )
        return self._end("ownership")

    def action_cancel(self):
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
        invoices = self.invoice_id.sudo()
        invoices.button_draft()
        invoices.button_cancel()
        self.lot_id.sudo().filtered(
            lambda d: d.parcours_stage == "reserved"
        )._parcours_set_stage("ready")
        self._parcours_write_step({"state": "cancel"})
        self.application_id.sudo().filtered(lambda a: a.state == "allocated").write(
            {"state": "waiting"}
        )
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
        return self.env.ref(
            "parcours_beneficiaries.action_report_loan_agreement"
        ).report_action(self)

    def action_print_receipt(self):
        return self.env.ref(
            "parcours_beneficiaries.action_report_contribution_receipt"
        ).report_action(self)

    # ------------------------------------------------------------ cron
    @api.model
    def _cron_term_reminders(self, days=30):
        """Remind the mediator of each loan ending within ``days`` days."""
        limit = fields.Date.context_today(self) + relativedelta(days=days)
        agreements = self.search(
            [
                ("state", "=", "active"),
                ("end_date", "<=", limit),
                ("term_reminder_sent", "=", False),
            ]
        )
        for agreement in agreements:
            agreement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=agreement.end_date,
                summary=self.env._("Loan ends: return, renewal or transfer"),
                note=self.env._(
                    "The loan of device %(serial)s to %(name)s ends on %(end)s. "
                    "Meet the beneficiary and record the outcome.",
                    serial=agreement.lot_id.sudo().name,
                    name=agreement.partner_id.name,
                    end=agreement.end_date,
                ),
                user_id=agreement.user_id.id or self.env.user.id,
            )
        agreements.term_reminder_sent = True
        return agreements
