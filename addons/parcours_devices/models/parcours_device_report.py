# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .product_template import DEVICE_TYPES

# What a device row (``lot``) of the reports joins: its model (``product``,
# ``tmpl``), its donation lot and its company, that of the device or else of its
# donation lot.
DEVICE_JOINS = SQL(
    """
    JOIN product_product product ON product.id = lot.product_id
    JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
    LEFT JOIN parcours_donation_lot donation
           ON donation.id = lot.parcours_donation_lot_id
    LEFT JOIN res_company company
           ON company.id = COALESCE(lot.company_id, donation.company_id)
    """
)


class ParcoursDeviceReport(models.Model):
    """One row per device of the Parcours: where it stands and what its reuse saved.

    A read-only SQL query (``_table_query``, as ``account.invoice.report``)
    rather than fields on ``stock.lot``: the dates come from the work orders
    and the environmental figures from the company's factors when the report is
    read, so nothing is stored twice, a changed factor applies at once and any
    figure is one grouped query whatever the number of devices.

    Method of the environmental figures (ADEME): each refurbished device
    replaces a new one for the company's years of use. A laptop avoids
    ``parcours_co2_use_laptop`` kg CO2e and saves
    ``parcours_raw_materials_laptop`` kg of raw materials per year of use
    (ADEME, 9 September 2022, "Évaluation de l'impact environnemental d'un
    ensemble de produits reconditionnés"). A desktop counts its own
    manufacturing footprint: the laptop's yearly figures scaled by the ratio of
    the construction, assembly and distribution of a professional desktop
    without screen to those of a laptop (ADEME/Arcep 2022, as ADEME's Impact
    CO2 uses them), for CO2e and raw materials alike. Other devices count zero.
    """

    _name = "parcours.device.report"
    _description = "Devices analysis"
    _auto = False
    _rec_name = "lot_id"
    _order = "lot_id desc"

    lot_id = fields.Many2one("stock.lot", string="Device", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one(
        "product.product", string="Device model", readonly=True
    )
    device_type = fields.Selection(DEVICE_TYPES, string="Device type", readonly=True)
    stage = fields.Selection(selection="_selection_stage", readonly=True)
    holder_id = fields.Many2one(
        "parcours.organisation", string="Held by", readonly=True
    )
    donation_lot_id = fields.Many2one(
        "parcours.donation.lot", string="Donation lot", readonly=True
    )
    donor_id = fields.Many2one("parcours.organisation", string="Donor", readonly=True)
    workshop_id = fields.Many2one(
        "parcours.organisation", string="Triage workshop", readonly=True
    )
    received_date = fields.Date(string="Collected on", readonly=True)
    refurbished_date = fields.Date(
        string="Refurbished on",
        readonly=True,
        help="Validation date of its first refurbishment.",
    )
    recycled_date = fields.Date(string="Recycled on", readonly=True)
    is_refurbished = fields.Boolean(string="Refurbished", readonly=True)
    weight = fields.Float(string="Weight (kg)", digits="Stock Weight", readonly=True)
    co2_avoided = fields.Float(
        string="CO2e avoided (kg)", digits=(16, 1), readonly=True
    )
    raw_materials_saved = fields.Float(
        string="Raw materials saved (kg)", digits=(16, 1), readonly=True
    )

    _depends = {
        "stock.lot": [
            "company_id",
            "product_id",
            "parcours_stage",
            "parcours_holder_id",
            "parcours_donation_lot_id",
            "parcours_weight",
        ],
        "product.product": ["product_tmpl_id"],
        "product.template": ["parcours_device_type"],
        "parcours.donation.lot": [
            "company_id",
            "donor_id",
            "workshop_id",
            "received_date",
        ],
        "parcours.work.order.line": ["lot_id", "work_type", "state", "date"],
        "res.company": [
            "parcours_use_years",
            "parcours_co2_use_laptop",
            "parcours_raw_materials_laptop",
            "parcours_co2_make_laptop",
            "parcours_co2_transport_laptop",
            "parcours_co2_make_desktop",
            "parcours_co2_transport_desktop",
        ],
    }

    @api.model
    def _selection_stage(self):
        return (
            self.env["stock.lot"]
            ._fields["parcours_stage"]
            ._description_selection(self.env)
        )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT lot.id AS id,
                   lot.id AS lot_id,
                   company.id AS company_id,
                   lot.product_id AS product_id,
                   tmpl.parcours_device_type AS device_type,
                   lot.parcours_stage AS stage,
                   lot.parcours_holder_id AS holder_id,
                   lot.parcours_donation_lot_id AS donation_lot_id,
                   donation.donor_id AS donor_id,
                   donation.workshop_id AS workshop_id,
                   donation.received_date AS received_date,
                   work.refurbished_date AS refurbished_date,
                   work.recycled_date AS recycled_date,
                   work.refurbished_date IS NOT NULL AS is_refurbished,
                   lot.parcours_weight AS weight,
                   %(co2)s AS co2_avoided,
                   %(raw)s AS raw_materials_saved
              FROM stock_lot lot
              %(device)s
         LEFT JOIN (
                SELECT line.lot_id,
                       MIN(line.date) FILTER (WHERE line.work_type = 'refurbish')
                           AS refurbished_date,
                       MIN(line.date) FILTER (WHERE line.work_type = 'dismantle')
                           AS recycled_date
                  FROM parcours_work_order_line line
                 WHERE line.state = 'done'
                   AND line.work_type IN ('refurbish', 'dismantle')
              GROUP BY line.lot_id
                ) work ON work.lot_id = lot.id
             WHERE lot.parcours_stage IS NOT NULL
            """,
            device=DEVICE_JOINS,
            co2=self._sql_factor(SQL("company.parcours_co2_use_laptop")),
            raw=self._sql_factor(SQL("company.parcours_raw_materials_laptop")),
        )

    @api.model
    def _sql_factor(self, laptop_per_year):
        """What a refurbished device saves over the company's years of use.

        A laptop saves ``laptop_per_year`` a year; a desktop the same scaled by
        its own manufacturing footprint over a laptop's (ADEME/Arcep 2022).
        """
        return SQL(
            """COALESCE(company.parcours_use_years * CASE
                WHEN work.refurbished_date IS NULL THEN 0
                WHEN tmpl.parcours_device_type = 'laptop' THEN %(laptop)s
                WHEN tmpl.parcours_device_type = 'desktop'
                    THEN %(laptop)s
                       * (company.parcours_co2_make_desktop
                          + company.parcours_co2_transport_desktop)
                       / NULLIF(company.parcours_co2_make_laptop
                                + company.parcours_co2_transport_laptop, 0)
            END, 0)""",
            laptop=laptop_per_year,
        )
