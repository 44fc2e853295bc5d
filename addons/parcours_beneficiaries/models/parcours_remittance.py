# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base import ALL_FIELDS

# The régie settings of the place, copied on the slip when it is collected so
# that a remitted slip reads the same for good: slip field -> place field.
REGIE_FIELDS = {
    "regie_mode": "regie_mode",
    "regie_act_ref": "regie_act_ref",
    "regie_act_date": "regie_act_date",
    "regie_regisseur": "regie_regisseur",
    "regie_mandataires": "regie_mandataires",
    "regie_budget_line": "regie_budget_line",
}


def _first_day_of_month(record):
    return fields.Date.context_today(record).replace(day=1)


class ParcoursRemittance(models.Model):
    """The bordereau de versement of a third place's cash office (régie).

    Under a convention de mandat (art. L.1611-7-1 CGCT, a third place run by
    an association) the same slip is the *bordereau de reversement* of the
    convention: its title and wording follow the place's ``regie_mode``. The
    slip names the act or convention, the régisseur, the mandataires and the
    budget line, lists the receipts by number ("reçus n° X à Y", each number,
    the cancelled ones) and the cheques one by one, as the public accountant
    checks them (art. R.1617-1 à R.1617-18 CGCT: a régie remits at least
    monthly; instruction codificatrice n° 06-031-A-B-M du 21 avril 2006).

    Each third place collects the contributions as a collection point of the
    département's régie de recettes; at least once a month the régisseur hands
    them to the public accountant with a slip listing the receipts. Odoo
    Community has no batch of payments (``account_batch_payment`` is
    Enterprise), and a slip is not a bank deposit: it lists receipts of one
    cash journal for one period, is numbered, signed and then frozen. Each
    receipt is a ``parcours.remittance.line`` on one ``account.payment``; the
    database lets a payment be on one slip only.
    """

    _name = "parcours.remittance"
    _description = "Remittance slip"
    _parcours_organisation_field = "place_id"
    _inherit = ["parcours.document.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    _parcours_sequence_code = "parcours.remittance"
    _parcours_protected_fields = (
        "name",
        "state",
        "remitted_date",
        "remitted_uid",
        "cancelled_receipts",
    ) + tuple(REGIE_FIELDS)

    place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        required=True,
        index=True,
        tracking=True,
        domain=[("role", "=", "third_place")],
        default=lambda s: s.env["parcours.organisation"]._parcours_user_place(),
    )
    date_from = fields.Date(
        string="From", required=True, tracking=True, default=_first_day_of_month
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("remitted", "Remitted")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "parcours.remittance.line",
        "remittance_id",
        string="Receipts",
        readonly=True,
        copy=False,
    )
    line_count = fields.Integer(
        string="Receipts count", compute="_compute_totals", store=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(
        string="Total", compute="_compute_totals", store=True
    )
    remitted_date = fields.Date(
        string="Remitted on", readonly=True, copy=False, tracking=True
    )
    remitted_uid = fields.Many2one(
        "res.users", string="Remitted by", readonly=True, copy=False
    )
    note = fields.Text()
    regie_mode = fields.Selection(
        [
            ("regie", "Collection point of the département's régie"),
            ("mandate", "Convention de mandat (association)"),
        ],
        string="Collection route",
        readonly=True,
        copy=False,
    )
    regie_act_ref = fields.Char(string="Act or convention", readonly=True, copy=False)
    regie_act_date = fields.Date(
        string="Act or convention dated", readonly=True, copy=False
    )
    regie_regisseur = fields.Char(string="Régisseur", readonly=True, copy=False)
    regie_mandataires = fields.Char(string="Mandataires", readonly=True, copy=False)
    regie_budget_line = fields.Char(string="Budget line", readonly=True, copy=False)
    cancelled_receipts = fields.Char(
        string="Cancelled receipts",
        readonly=True,
        copy=False,
        help="Numbers of the receipts of the period cancelled: kept in the "
        "receipt book, remitted nothing.",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_to >= date_from)",
            "A remittance period cannot end before it starts.",
        ),
    ]

    @api.depends("line_ids.amount")
    def _compute_totals(self):
        for remittance in self:
            remittance.line_count = len(remittance.line_ids)
            remittance.amount_total = sum(remittance.line_ids.mapped("amount"))

    @api.constrains("place_id")
    def _check_place(self):
        for remittance in self:
            if remittance.place_id.role != "third_place":
                raise ValidationError(
                    self.env._(
                        "%(organisation)s is not a third place: only third places "
                        "collect contributions.",
                        organisation=remittance.place_id.name,
                    )
                )

    def _parcours_frozen_fields(self):
        if self.state == "remitted":
            return ALL_FIELDS
        # The receipts collected belong to this third place.
        return ("place_id",) if self.line_ids else ()

    def _parcours_label(self):
        return self.env._("Remittance slip")

    def _parcours_print_lang(self):
        """A slip is a document of French public accounting: printed in French."""
        installed = dict(self.env["res.lang"].get_installed())
        return "fr_FR" if "fr_FR" in installed else self.env.lang

    # ------------------------------------------------------------ helpers
    def _payment_domain(self):
        """The contributions this slip may take: collected in the period in the
        third place's cash office, for one of its agreements, on no slip yet."""
        self.ensure_one()
        return [
            ("journal_id", "=", self.place_id.journal_id.id),
            ("payment_type", "=", "inbound"),
            ("state", "in", ("in_process", "paid")),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
            ("invoice_ids.parcours_agreement_id.place_id", "=", self.place_id.id),
            ("parcours_remittance_line_ids", "=", False),
        ]

    @api.model
    def _beneficiary_ref(self, partner):
        """How a slip names a beneficiary: a reference, never the name."""
        return partner.ref or "BEN-%06d" % partner.id

    def _receipt_range(self):
        """(first, last) receipt numbers of the slip, or None."""
        self.ensure_one()
        numbers = sorted(filter(None, self.line_ids.mapped("receipt_number")))
        return (numbers[0], numbers[-1]) if numbers else None

    def _cheque_lines(self):
        self.ensure_one()
        return self.line_ids.filtered(lambda line: line.method == "cheque")

    def _cancelled_numbers(self, Payment):
        """The receipts of the place cancelled in the period, on no slip."""
        self.ensure_one()
        cancelled = Payment.search(
            [
                ("parcours_receipt_place_id", "=", self.place_id.id),
                ("parcours_receipt_number", "!=", False),
                ("state", "=", "canceled"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="parcours_receipt_number",
        )
        return ", ".join(cancelled.mapped("parcours_receipt_number"))

    def _line_values(self, payments):
        self.ensure_one()
        values = []
        for payment in payments:
            invoice = payment.invoice_ids.filtered("parcours_agreement_id")[:1]
            agreement = invoice.parcours_agreement_id
            values.append(
                {
                    "remittance_id": self.id,
                    "payment_id": payment.id,
                    "invoice_id": invoice.id,
                    "agreement_id": agreement.id,
                    "partner_id": agreement.partner_id.id,
                    "date": payment.date,
                    "amount": payment.amount,
                    "method": payment.parcours_method
                    or agreement.contribution_method
                    or "cash",
                    "receipt_number": payment.parcours_receipt_number,
                    "cheque_number": payment.parcours_cheque_number,
                    "cheque_bank": payment.parcours_cheque_bank,
                    "cheque_drawer": payment.parcours_cheque_drawer,
                    "payment_ref": payment.name,
                    "invoice_ref": invoice.name,
                    "agreement_ref": agreement.name,
                    "beneficiary_ref": self._beneficiary_ref(agreement.partner_id),
                }
            )
        return values

    def _totals_by_method(self):
        """[(method label, receipts, amount)] in the order of the methods."""
        self.ensure_one()
        Line = self.env["parcours.remittance.line"]
        labels = Line._fields["method"]._description_selection(self.env)
        return [
            (
                label,
                len(lines),
                sum(lines.mapped("amount")),
            )
            for method, label in labels
            if (
                lines := self.line_ids.filtered(lambda line, m=method: line.method == m)
            )
        ]

    # ------------------------------------------------------------ actions
    def action_collect(self):
        """Put on the slip every contribution of the period not remitted yet.

        Two slips collecting the same payments at once: the unique index on the
        receipts' payment makes the second one fail, whichever commits first.
        """
        self._parcours_check_step_access()
        self._check_state(("draft",))
        self._lock()
        self._check_state(("draft",))
        # sudo: the mediator lists her place's cash receipts without accounting
        # rights; only the payments of the slip's domain are read.
        Payment = self.env["account.payment"].sudo()
        for remittance in self:
            if not remittance.place_id.journal_id:
                raise UserError(
                    self.env._(
                        "%(place)s has no cash office journal: ask the back office "
                        "to set one on the organisation.",
                        place=remittance.place_id.name,
                    )
                )
            # sudo: the slip's lines are made by collecting only (no one edits
            # them); the draft slip was checked above.
            remittance.line_ids.sudo().unlink()
            payments = Payment.search(remittance._payment_domain(), order="date, id")
            if not payments:
                raise UserError(
                    self.env._(
                        "No contribution collected at %(place)s from %(start)s to "
                        "%(end)s is left to remit.",
                        place=remittance.place_id.name,
                        start=remittance.date_from,
                        end=remittance.date_to,
                    )
                )
            # sudo: the lines copy the receipts, as above.
            self.env["parcours.remittance.line"].sudo().create(
                remittance._line_values(payments)
            )
            place = remittance.place_id
            values = {field: place[source] for field, source in REGIE_FIELDS.items()}
            values["cancelled_receipts"] = remittance._cancelled_numbers(Payment)
            remittance._parcours_write_step(values)
        return True

    def action_remit(self):
        """The slip is handed to the public accountant: it is frozen for good."""
        self._parcours_check_step_access()
        self._check_state(("draft",))
        self._lock()
        self._check_state(("draft",))
        for remittance in self:
            lines = remittance.line_ids
            if not lines:
                raise UserError(
                    self.env._(
                        "Remittance slip %(name)s lists no receipt: collect the "
                        "contributions of the period first.",
                        name=remittance.name,
                    )
                )
            # sudo: the state of the receipts' payments, which the mediator may
            # not read without accounting rights.
            stale = lines.sudo().filtered(
                lambda line, r=remittance: line.payment_id.state
                not in ("in_process", "paid")
                or not r.date_from <= line.date <= r.date_to
            )
            if stale:
                raise UserError(
                    self.env._(
                        "The receipts of %(name)s changed since they were collected "
                        "(%(receipts)s): collect them again before remitting.",
                        name=remittance.name,
                        receipts=", ".join(stale.mapped("payment_ref")),
                    )
                )
        self._parcours_write_step(
            {
                "state": "remitted",
                "remitted_date": fields.Date.context_today(self),
                "remitted_uid": self.env.user.id,
            }
        )
        return True
