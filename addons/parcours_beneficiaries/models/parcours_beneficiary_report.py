# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

DIMENSIONS = [
    ("commune", "All beneficiaries"),
    ("digital_level", "Digital level"),
    ("income_bracket", "Income bracket"),
    ("prescriber_kind", "Kind of prescriber"),
    ("criterion", "Eligibility criterion"),
]


class ParcoursBeneficiaryReport(models.Model):
    """How many beneficiaries, by commune and by profile: counts, never people.

    Every row is already a count: the query groups the beneficiaries by third
    place, commune and month of their first loan, once in all ("All
    beneficiaries") and once per profile dimension (digital level, income
    bracket, kind of prescriber, eligibility criterion). No row is one person,
    no row holds a name, and one dimension is crossed with the commune at a
    time, so the back office reads the social make-up of the Parcours without
    anyone's social file.
    """

    _name = "parcours.beneficiary.report"
    _description = "Beneficiaries in figures"
    _auto = False
    _order = "dimension, city, id"

    dimension = fields.Selection(DIMENSIONS, string="Profile", readonly=True)
    place_id = fields.Many2one(
        "parcours.organisation", string="Third place", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    zip = fields.Char(string="Postcode", readonly=True)
    city = fields.Char(string="Commune", readonly=True)
    first_loan_month = fields.Date(
        string="First loan",
        readonly=True,
        help="Month the beneficiary first took a device home; empty if not yet.",
    )
    digital_level = fields.Selection(
        selection="_selection_digital_level", string="Digital level", readonly=True
    )
    income_bracket = fields.Selection(
        selection="_selection_income_bracket", string="Income bracket", readonly=True
    )
    prescriber_kind = fields.Selection(
        selection="_selection_prescriber_kind",
        string="Kind of prescriber",
        readonly=True,
    )
    criterion_id = fields.Many2one(
        "parcours.eligibility.criterion", string="Eligibility criterion", readonly=True
    )
    beneficiary_count = fields.Integer(string="Beneficiaries", readonly=True)

    _depends = {
        "res.partner": [
            "parcours_is_beneficiary",
            "parcours_place_id",
            "zip",
            "city",
            "parcours_digital_level",
            "parcours_income_bracket",
            "parcours_prescriber_id",
            "parcours_prescriber_kind",
            "parcours_criterion_ids",
            "active",
        ],
        "parcours.loan.agreement": [
            "partner_id",
            "start_date",
            "delivery_picking_id",
            "company_id",
        ],
        "parcours.application": ["partner_id", "company_id"],
    }

    def _partner_selection(self, name):
        return self.env["res.partner"]._fields[name]._description_selection(self.env)

    @api.model
    def _selection_digital_level(self):
        return self._partner_selection("parcours_digital_level")

    @api.model
    def _selection_income_bracket(self):
        return self._partner_selection("parcours_income_bracket")

    @api.model
    def _selection_prescriber_kind(self):
        return self._partner_selection("parcours_prescriber_kind")

    @property
    def _table_query(self):
        keys = SQL(
            "person.company_id, person.place_id, person.zip, person.city, "
            "person.first_loan_month"
        )
        return SQL(
            """
            WITH person AS (
                SELECT partner.id AS partner_id,
                       COALESCE(partner.company_id, loan.company_id,
                                application.company_id) AS company_id,
                       partner.parcours_place_id AS place_id,
                       NULLIF(TRIM(partner.zip), '') AS zip,
                       NULLIF(TRIM(partner.city), '') AS city,
                       loan.first_loan_month AS first_loan_month,
                       partner.parcours_digital_level AS digital_level,
                       partner.parcours_income_bracket AS income_bracket,
                       prescriber.parcours_prescriber_kind AS prescriber_kind
                  FROM res_partner partner
             LEFT JOIN res_partner prescriber
                    ON prescriber.id = partner.parcours_prescriber_id
             LEFT JOIN (
                    SELECT agreement.partner_id,
                           MIN(agreement.company_id) AS company_id,
                           DATE_TRUNC('month', MIN(agreement.start_date))::date
                               AS first_loan_month
                      FROM parcours_loan_agreement agreement
                     WHERE agreement.delivery_picking_id IS NOT NULL
                  GROUP BY agreement.partner_id
                    ) loan ON loan.partner_id = partner.id
             LEFT JOIN (
                    SELECT partner_id, MIN(company_id) AS company_id
                      FROM parcours_application
                  GROUP BY partner_id
                    ) application ON application.partner_id = partner.id
                 WHERE partner.parcours_is_beneficiary AND partner.active
            ), counts AS (
                SELECT CASE
                           WHEN GROUPING(person.digital_level) = 0 THEN 'digital_level'
                           WHEN GROUPING(person.income_bracket) = 0
                               THEN 'income_bracket'
                           WHEN GROUPING(person.prescriber_kind) = 0
                               THEN 'prescriber_kind'
                           ELSE 'commune'
                       END AS dimension,
                       %(keys)s,
                       person.digital_level, person.income_bracket,
                       person.prescriber_kind, NULL::integer AS criterion_id,
                       COUNT(*)::integer AS beneficiary_count
                  FROM person
              GROUP BY GROUPING SETS (
                       (%(keys)s),
                       (%(keys)s, person.digital_level),
                       (%(keys)s, person.income_bracket),
                       (%(keys)s, person.prescriber_kind)
                   )
             UNION ALL
                SELECT 'criterion' AS dimension, %(keys)s,
                       NULL, NULL, NULL, rel.parcours_eligibility_criterion_id,
                       COUNT(*)::integer
                  FROM person
                  JOIN parcours_eligibility_criterion_res_partner_rel rel
                    ON rel.res_partner_id = person.partner_id
              GROUP BY %(keys)s, rel.parcours_eligibility_criterion_id
            )
            SELECT ROW_NUMBER() OVER (
                       ORDER BY dimension, company_id, place_id, zip, city,
                                first_loan_month, digital_level, income_bracket,
                                prescriber_kind, criterion_id
                   ) AS id,
                   dimension, company_id, place_id, zip, city, first_loan_month,
                   digital_level, income_bracket, prescriber_kind, criterion_id,
                   beneficiary_count
              FROM counts
            """,
            keys=keys,
        )
