# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.parcours_devices.models.product_template import DEVICE_TYPES

# A loan "ends soon" within this many days: time to meet the beneficiary.
ENDING_SOON_DAYS = 60


class ParcoursLoanReport(models.Model):
    """One row per loan agreement, without the beneficiary: loans over time.

    A read-only SQL query (``_table_query``): the back office counts active
    loans and those ending soon by third place and month without reading the
    agreements, which name the beneficiaries. "Ending soon" and "past its
    term" are searched against today's date, so they stay right every day.
    """

    _name = "parcours.loan.report"
    _description = "Loans analysis"
    _auto = False
    _rec_name = "agreement_id"
    _order = "end_date, id"

    agreement_id = fields.Many2one(
        "parcours.loan.agreement", string="Agreement", readonly=True
    )
    state = fields.Selection(selection="_selection_state", readonly=True)
    end_reason = fields.Selection(selection="_selection_end_reason", readonly=True)
    place_id = fields.Many2one(
        "parcours.organisation", string="Third place", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Mediator", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Device", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Device model", readonly=True
    )
    device_type = fields.Selection(DEVICE_TYPES, string="Device type", readonly=True)
    start_date = fields.Date(readonly=True)
    end_date = fields.Date(readonly=True)
    is_renewal = fields.Boolean(string="Renewal", readonly=True)
    is_handed_over = fields.Boolean(string="Handed over", readonly=True)
    ending_soon = fields.Boolean(
        string="Ends within 60 days",
        compute="_compute_term",
        search="_search_ending_soon",
        help="An active loan whose term falls within the next 60 days.",
    )
    past_term = fields.Boolean(
        string="Past its term",
        compute="_compute_term",
        search="_search_past_term",
        help="An active loan whose term has passed: the device is neither back "
        "nor renewed.",
    )

    _depends = {
        "parcours.loan.agreement": [
            "state",
            "end_reason",
            "place_id",
            "user_id",
            "company_id",
            "lot_id",
            "start_date",
            "end_date",
            "renewed_from_id",
            "delivery_picking_id",
        ],
        "stock.lot": ["product_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["parcours_device_type"],
    }

    @api.model
    def _selection_state(self):
        return (
            self.env["parcours.loan.agreement"]
            ._fields["state"]
            ._description_selection(self.env)
        )

    @api.model
    def _selection_end_reason(self):
        return (
            self.env["parcours.loan.agreement"]
            ._fields["end_reason"]
            ._description_selection(self.env)
        )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT agreement.id AS id,
                   agreement.id AS agreement_id,
                   agreement.state AS state,
                   agreement.end_reason AS end_reason,
                   agreement.place_id AS place_id,
                   agreement.user_id AS user_id,
                   agreement.company_id AS company_id,
                   agreement.lot_id AS lot_id,
                   lot.product_id AS product_id,
                   tmpl.parcours_device_type AS device_type,
                   agreement.start_date AS start_date,
                   agreement.end_date AS end_date,
                   agreement.renewed_from_id IS NOT NULL AS is_renewal,
                   agreement.delivery_picking_id IS NOT NULL AS is_handed_over
              FROM parcours_loan_agreement agreement
              JOIN stock_lot lot ON lot.id = agreement.lot_id
              JOIN product_product product ON product.id = lot.product_id
              JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
            """
        )

    def _compute_term(self):
        today = fields.Date.context_today(self)
        soon = today + relativedelta(days=ENDING_SOON_DAYS)
        for loan in self:
            active = loan.state == "active"
            loan.ending_soon = active and today <= loan.end_date <= soon
            loan.past_term = active and loan.end_date < today

    def _term_domain(self, operator, value, domain):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    def _search_ending_soon(self, operator, value):
        today = fields.Date.context_today(self)
        return self._term_domain(
            operator,
            value,
            [
                "&",
                "&",
                ("state", "=", "active"),
                ("end_date", ">=", today),
                ("end_date", "<=", today + relativedelta(days=ENDING_SOON_DAYS)),
            ],
        )

    def _search_past_term(self, operator, value):
        today = fields.Date.context_today(self)
        return self._term_domain(
            operator,
            value,
            ["&", ("state", "=", "active"), ("end_date", "<", today)],
        )
