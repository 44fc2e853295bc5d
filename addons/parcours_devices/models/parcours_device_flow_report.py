# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .parcours_device_report import DEVICE_JOINS
from .product_template import DEVICE_TYPES

FLOW_KINDS = [
    ("collected", "Collected"),
    ("refurbished", "Refurbished"),
    ("placed", "Ready to lend in a third place"),
    ("recycled", "Recycled"),
]


class ParcoursDeviceFlowReport(models.Model):
    """The devices through each step of the chain, by date, against the target.

    One row per device and step it went through: collected (its lot received),
    refurbished, handed to a third place to be lent, recycled (dismantled).
    The layers above add their own steps with ``_parcours_flow_queries`` (the
    loans add "lent"). A read-only SQL query (``_table_query``), so a month's
    figures are one grouped query whatever the history; each row carries the
    company's yearly target (aggregated with ``max``) to compare a flow with.
    """

    _name = "parcours.device.flow.report"
    _description = "Device flows"
    _auto = False
    _rec_name = "lot_id"
    _order = "date desc, id desc"

    date = fields.Date(readonly=True)
    kind = fields.Selection(FLOW_KINDS, string="Step", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Device", readonly=True)
    organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Organisation",
        readonly=True,
        help="Who took the step: the triage workshop, the refurbisher, the third "
        "place.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Device model", readonly=True
    )
    device_type = fields.Selection(DEVICE_TYPES, string="Device type", readonly=True)
    weight = fields.Float(string="Weight (kg)", digits="Stock Weight", readonly=True)
    target = fields.Integer(
        string="Yearly target",
        aggregator="max",
        readonly=True,
        help="Devices per year the Parcours aims at (company settings).",
    )

    _depends = {
        "stock.lot": [
            "company_id",
            "product_id",
            "parcours_stage",
            "parcours_donation_lot_id",
            "parcours_weight",
        ],
        "product.product": ["product_tmpl_id"],
        "product.template": ["parcours_device_type"],
        "parcours.donation.lot": ["company_id", "workshop_id", "received_date"],
        "parcours.work.order.line": [
            "lot_id",
            "work_type",
            "state",
            "date",
            "organisation_id",
        ],
        "stock.move.line": ["lot_id", "state", "date", "location_dest_id"],
        "stock.location": ["parcours_organisation_id"],
        "parcours.organisation": ["role"],
        "res.company": ["parcours_yearly_target"],
    }

    @api.model
    def _parcours_flow_queries(self):
        """{step: SQL selecting source_id, date, lot_id, organisation_id}.

        ``source_id`` is the id of the record the step comes from; with the
        step, it makes the row's id, stable from one query to the next. Layers
        above extend this with ``super()`` and ``selection_add`` on ``kind``.
        """
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"

        def work(work_type):
            return SQL(
                """
                SELECT line.id AS source_id, line.date AS date,
                       line.lot_id AS lot_id, line.organisation_id AS organisation_id
                  FROM parcours_work_order_line line
                 WHERE line.state = 'done' AND line.work_type = %s
                """,
                work_type,
            )

        return {
            "collected": SQL(
                """
                SELECT lot.id AS source_id, donation.received_date AS date,
                       lot.id AS lot_id, donation.workshop_id AS organisation_id
                  FROM stock_lot lot
                  JOIN parcours_donation_lot donation
                    ON donation.id = lot.parcours_donation_lot_id
                 WHERE donation.received_date IS NOT NULL
                """
            ),
            "refurbished": work("refurbish"),
            "placed": SQL(
                """
                SELECT move_line.id AS source_id,
                       (move_line.date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date
                           AS date,
                       move_line.lot_id AS lot_id,
                       place.id AS organisation_id
                  FROM stock_move_line move_line
                  JOIN stock_location location
                    ON location.id = move_line.location_dest_id
                  JOIN parcours_organisation place
                    ON place.id = location.parcours_organisation_id
                 WHERE move_line.state = 'done'
                   AND move_line.lot_id IS NOT NULL
                   AND place.role = 'third_place'
                """,
                tz,
            ),
            "recycled": work("dismantle"),
        }

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT step.id AS id,
                   step.date AS date,
                   step.kind AS kind,
                   step.lot_id AS lot_id,
                   step.organisation_id AS organisation_id,
                   company.id AS company_id,
                   lot.product_id AS product_id,
                   tmpl.parcours_device_type AS device_type,
                   lot.parcours_weight AS weight,
                   company.parcours_yearly_target AS target
              FROM (%s) step
              JOIN stock_lot lot ON lot.id = step.lot_id
              %s
             WHERE lot.parcours_stage IS NOT NULL
            """,
            union_by_kind(self, self._parcours_flow_queries(), 16),
            DEVICE_JOINS,
        )


def union_by_kind(model, queries, steps):
    """The rows of ``queries`` ({kind: SQL selecting a ``source_id``}) in one.

    Each row's id is its source's id times ``steps`` plus the position of its
    kind in the ``kind`` selection of ``model``: the same at every query, so the
    records behind a figure open by id. ``steps`` bounds the number of kinds.
    """
    kinds = [kind for kind, __ in model._fields["kind"].selection]
    return SQL(" UNION ALL ").join(
        SQL(
            "SELECT part.source_id * %s + %s AS id, %s AS kind, part.* FROM (%s) part",
            steps,
            kinds.index(kind),
            kind,
            query,
        )
        for kind, query in queries.items()
    )
