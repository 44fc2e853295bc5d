# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base import ALL_FIELDS

# Who may read who a pass paid for: not the accountants.
PERSON_GROUPS = "parcours_beneficiaries.group_mediator,parcours_devices.group_officer"


class ParcoursPassClaim(models.Model):
    """A third place's monthly claim of its Pass numérique to the issuer.

    The passes taken in one month, their count and total, sent to APTIC for
    payment. It is not an invoice: the issuer pays the third place from its
    own list, and the département only follows what was claimed and paid.
    """

    _name = "parcours.pass.claim"
    _description = "Pass numérique claim"
    _parcours_organisation_field = "place_id"
    _inherit = ["parcours.document.mixin", "mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _parcours_sequence_code = "parcours.pass.claim"

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
        string="Month",
        required=True,
        default=lambda s: s._default_month(),
        help="First day of the month of the passes claimed.",
    )
    date_to = fields.Date(string="To", compute="_compute_date_to", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("paid", "Paid")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    pass_ids = fields.One2many(
        "parcours.pass", "claim_id", string="Passes", check_organisation=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pass_count = fields.Integer(
        string="Number of passes", compute="_compute_totals", store=True
    )
    amount_total = fields.Monetary(
        string="Total", compute="_compute_totals", store=True
    )
    date_sent = fields.Date(string="Sent on", readonly=True, copy=False)

    _sql_constraints = [
        (
            "month_uniq",
            "unique(place_id, date_from)",
            "This third place already has a claim for this month: open it.",
        ),
    ]

    @api.model
    def _default_month(self):
        return fields.Date.context_today(self) + relativedelta(months=-1, day=1)

    @api.depends("date_from")
    def _compute_date_to(self):
        for claim in self:
            claim.date_to = claim.date_from and claim.date_from + relativedelta(day=31)

    @api.depends("pass_ids.value")
    def _compute_totals(self):
        for claim in self:
            claim.pass_count = len(claim.pass_ids)
            claim.amount_total = sum(claim.pass_ids.mapped("value"))

    @api.constrains("date_from")
    def _check_month(self):
        for claim in self:
            if claim.date_from.day != 1:
                raise ValidationError(
                    self.env._(
                        "A claim covers a calendar month: start it on the first day "
                        "of the month, not on %(date)s.",
                        date=claim.date_from,
                    )
                )

    def _parcours_label(self):
        return self.env._("Claim")

    def _parcours_frozen_fields(self):
        if self.state != "draft":
            return ALL_FIELDS
        return ("place_id", "date_from") if self.pass_ids else ()

    # ------------------------------------------------------------ steps
    def _parcours_unclaimed_passes(self):
        self.ensure_one()
        return self.env["parcours.pass"].search(
            [
                ("place_id", "=", self.place_id.id),
                ("claim_id", "=", False),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ]
        )

    def action_collect(self):
        """Put in the claim the passes of its month not claimed yet."""
        self._parcours_check_step_access()
        self._check_state(("draft",))
        for claim in self:
            passes = claim._parcours_unclaimed_passes()
            passes._parcours_write_step({"claim_id": claim.id})
        return True

    def action_send(self):
        self._parcours_check_step_access()
        self._check_state(("draft",))
        empty = self.filtered(lambda c: not c.pass_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Claim %(name)s holds no pass: collect the passes of the month "
                    "first.",
                    name=empty[0].name,
                )
            )
        self._parcours_write_step(
            {"state": "sent", "date_sent": fields.Date.context_today(self)}
        )
        return True

    def action_mark_paid(self):
        if not self.env.user.has_group("parcours_devices.group_officer"):
            raise UserError(
                self.env._(
                    "Only the département's back office records that a claim was "
                    "paid."
                )
            )
        self._parcours_check_step_access()
        self._check_state(("sent",))
        self._parcours_write_step({"state": "paid"})
        return True

    def action_print_xlsx(self):
        self.check_access("read")
        return self.env.ref(
            "parcours_training.action_report_pass_claim_xlsx"
        ).report_action(self)

    @api.model
    def _cron_monthly_claims(self):
        """On the first days of a month, each third place's claim of last month."""
        month = self._default_month()
        end = month + relativedelta(day=31)
        passes = self.env["parcours.pass"].search(
            [("claim_id", "=", False), ("date", ">=", month), ("date", "<=", end)]
        )
        claims = self.browse()
        for place in passes.place_id:
            claim = self.search(
                [("place_id", "=", place.id), ("date_from", "=", month)]
            ) or self.create({"place_id": place.id, "date_from": month})
            claims |= claim.filtered(lambda c: c.state == "draft")
        claims.action_collect()
        return claims
