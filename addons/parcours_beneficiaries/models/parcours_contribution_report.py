# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.parcours_devices.models.parcours_device_flow_report import (
    union_by_kind,
)

from .parcours_remittance_line import ACCOUNTING_GROUPS

CONTRIBUTION_KINDS = [
    ("due", "Due"),
    ("collected", "Collected"),
    ("waived", "Waived"),
    ("remitted", "Remitted"),
    ("to_remit", "Collected, not remitted"),
]


class ParcoursContributionReport(models.Model):
    """The 25 € contributions, from the invoice to the public accountant.

    One row per event, dated and with its amount: a contribution invoiced
    (due), paid (collected), waived by the back office, remitted on a signed
    slip, or collected in a third place's cash office and not yet remitted.
    A read-only SQL query (``_table_query``) over the invoices, payments and
    remittance slips, so each figure is one grouped query at any size.
    """

    _name = "parcours.contribution.report"
    _description = "Contributions analysis"
    _auto = False
    _rec_name = "agreement_id"
    _order = "date desc, id desc"

    kind = fields.Selection(CONTRIBUTION_KINDS, readonly=True)
    date = fields.Date(readonly=True)
    amount = fields.Monetary(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    agreement_id = fields.Many2one(
        "parcours.loan.agreement", string="Agreement", readonly=True
    )
    place_id = fields.Many2one(
        "parcours.organisation", string="Third place", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    method = fields.Selection(
        [("cash", "Cash"), ("cheque", "Cheque"), ("card", "Card")],
        string="Paid by",
        readonly=True,
    )
    remittance_id = fields.Many2one(
        "parcours.remittance", string="Remittance slip", readonly=True
    )
    invoice_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, groups=ACCOUNTING_GROUPS
    )
    payment_id = fields.Many2one(
        "account.payment", string="Payment", readonly=True, groups=ACCOUNTING_GROUPS
    )

    _depends = {
        "account.move": [
            "move_type",
            "state",
            "invoice_date",
            "amount_total",
            "parcours_agreement_id",
            "matched_payment_ids",
        ],
        "account.payment": ["state", "payment_type", "date", "amount", "journal_id"],
        "parcours.loan.agreement": [
            "place_id",
            "company_id",
            "amount",
            "waived",
            "state",
            "signature_date",
            "start_date",
            "contribution_method",
        ],
        "parcours.organisation": ["journal_id"],
        "parcours.remittance": ["state", "remitted_date", "place_id", "company_id"],
        "parcours.remittance.line": ["remittance_id", "payment_id", "amount"],
        "res.company": ["currency_id"],
    }

    @api.model
    def _collected(self):
        """The contribution payments: source_id, date, amount, agreement, invoice,
        payment, and whether they went into the place's cash office."""
        return SQL(
            """
            SELECT payment.id AS source_id, payment.date AS date,
                   payment.amount AS amount,
                   invoice.parcours_agreement_id AS agreement_id,
                   invoice.id AS invoice_id, payment.id AS payment_id,
                   payment.journal_id = place.journal_id AS in_cash_office
              FROM account_payment payment
              -- the contribution invoice it paid (the first, for a payment of
              -- several), joined by hash: one pass over the links at any size
              JOIN (
                    SELECT DISTINCT ON (link.payment_id)
                           link.payment_id, linked.id, linked.parcours_agreement_id
                      FROM account_move__account_payment link
                      JOIN account_move linked ON linked.id = link.invoice_id
                     WHERE linked.parcours_agreement_id IS NOT NULL
                  ORDER BY link.payment_id, linked.id
                   ) invoice ON invoice.payment_id = payment.id
              JOIN parcours_loan_agreement agreement
                ON agreement.id = invoice.parcours_agreement_id
              JOIN parcours_organisation place ON place.id = agreement.place_id
             WHERE payment.state IN ('in_process', 'paid')
               AND payment.payment_type = 'inbound'
            """
        )

    @api.model
    def _events(self):
        """{kind: SQL selecting source_id, date, amount, agreement_id, invoice_id,
        payment_id, remittance_id}."""
        collected = self._collected()
        return {
            "due": SQL(
                """
                SELECT invoice.id AS source_id, invoice.invoice_date AS date,
                       invoice.amount_total AS amount,
                       invoice.parcours_agreement_id AS agreement_id,
                       invoice.id AS invoice_id, NULL::integer AS payment_id,
                       NULL::integer AS remittance_id
                  FROM account_move invoice
                 WHERE invoice.parcours_agreement_id IS NOT NULL
                   AND invoice.move_type = 'out_invoice'
                   AND invoice.state = 'posted'
                """
            ),
            "collected": SQL(
                """
                SELECT source_id, date, amount, agreement_id, invoice_id, payment_id,
                       NULL::integer AS remittance_id
                  FROM (%s) collected
                """,
                collected,
            ),
            "waived": SQL(
                """
                SELECT agreement.id AS source_id,
                       COALESCE(agreement.signature_date, agreement.start_date) AS date,
                       agreement.amount AS amount, agreement.id AS agreement_id,
                       NULL::integer AS invoice_id, NULL::integer AS payment_id,
                       NULL::integer AS remittance_id
                  FROM parcours_loan_agreement agreement
                 WHERE agreement.waived AND agreement.state != 'cancel'
                """
            ),
            "remitted": SQL(
                """
                SELECT line.id AS source_id, slip.remitted_date AS date,
                       line.amount AS amount, line.agreement_id AS agreement_id,
                       line.invoice_id AS invoice_id, line.payment_id AS payment_id,
                       slip.id AS remittance_id
                  FROM parcours_remittance_line line
                  JOIN parcours_remittance slip ON slip.id = line.remittance_id
                 WHERE slip.state = 'remitted'
                """
            ),
            # In the cash office and on no remitted slip (a draft slip may hold it).
            "to_remit": SQL(
                """
                SELECT collected.source_id, collected.date, collected.amount,
                       collected.agreement_id, collected.invoice_id,
                       collected.payment_id,
                       (SELECT draft.remittance_id
                          FROM parcours_remittance_line draft
                         WHERE draft.payment_id = collected.payment_id
                       ) AS remittance_id
                  FROM (%s) collected
                 WHERE collected.in_cash_office
                   AND NOT EXISTS (
                        SELECT 1
                          FROM parcours_remittance_line line
                          JOIN parcours_remittance slip ON slip.id = line.remittance_id
                         WHERE line.payment_id = collected.payment_id
                           AND slip.state = 'remitted'
                       )
                """,
                collected,
            ),
        }

    @property
    def _table_query(self):
        events = union_by_kind(self, self._events(), 8)
        return SQL(
            """
            SELECT event.id AS id,
                   event.kind AS kind,
                   event.date AS date,
                   event.amount AS amount,
                   company.currency_id AS currency_id,
                   event.agreement_id AS agreement_id,
                   agreement.place_id AS place_id,
                   agreement.company_id AS company_id,
                   agreement.contribution_method AS method,
                   event.remittance_id AS remittance_id,
                   event.invoice_id AS invoice_id,
                   event.payment_id AS payment_id
              FROM (%s) event
              JOIN parcours_loan_agreement agreement
                ON agreement.id = event.agreement_id
              JOIN res_company company ON company.id = agreement.company_id
            """,
            events,
        )
