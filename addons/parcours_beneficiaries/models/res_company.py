# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Where the devices of each kind of loan outcome go, per company: the location
# installed with the module for the first company, and the parent under which
# another company gets its own.
LOAN_LOCATIONS = {
    "lent": (
        "stock_location_lent",
        "customer",
        "stock.stock_location_locations_partner",
    ),
    "lost": (
        "stock_location_lost",
        "inventory",
        "stock.stock_location_locations_virtual",
    ),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    parcours_loan_months = fields.Integer(string="Loan duration (months)", default=24)
    parcours_contribution_amount = fields.Monetary(
        string="Contribution", default=25.0, currency_field="currency_id"
    )
    parcours_draft_expiry_days = fields.Integer(
        string="Draft agreements expire after (days)",
        default=14,
        help="A draft agreement not signed within this many days is cancelled "
        "and its device is ready for another loan. 0: never.",
    )
    parcours_allow_renewal = fields.Boolean(string="Loans can be renewed", default=True)
    parcours_allow_ownership = fields.Boolean(
        string="Ownership can be transferred at term", default=False
    )
    parcours_retention_months = fields.Integer(
        string="Keep beneficiary data (months)",
        default=24,
        help="After this many months without a loan nor any contact, the "
        "beneficiary's personal data is anonymised (CNIL délibération 2023-095).",
    )
    parcours_return_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Returned devices go to",
        domain="[('role', '=', 'refurbisher'), ('company_id', 'in', (id, False))]",
        help="The refurbisher that erases returned devices before a new loan.",
    )
    parcours_contribution_product_id = fields.Many2one(
        "product.product",
        string="Contribution product",
        domain="[('company_id', 'in', (id, False))]",
    )
    parcours_contribution_account_id = fields.Many2one(
        "account.account",
        string="Contribution income account",
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Income account of the contribution invoices. Empty: the income "
        "account of the contribution product. On the French chart it starts as "
        "706000; the public accountant maps it to the budget's nomenclature.",
    )
    parcours_lent_location_id = fields.Many2one(
        "stock.location",
        string="Lent devices location",
        readonly=True,
        help="Where the devices of this company's beneficiaries are while lent.",
    )
    parcours_lost_location_id = fields.Many2one(
        "stock.location",
        string="Lost devices location",
        readonly=True,
        help="Where the devices lost or stolen during a loan of this company go.",
    )

    def _parcours_loan_location(self, kind):
        """The ``lent`` or ``lost`` location of this company, created if needed.

        Steps of the loans call it for their transfers, made with elevated
        rights: the location is returned as such.
        """
        self.ensure_one()
        # sudo: the loan locations are made once per company, by whichever
        # step first needs them; only stock managers create locations.
        company = self.sudo()
        field = f"parcours_{kind}_location_id"
        if not company[field]:
            xmlid, usage, parent = LOAN_LOCATIONS[kind]
            default = company.env.ref(f"parcours_beneficiaries.{xmlid}")
            company[field] = (
                default
                if default.company_id == company
                else company.env["stock.location"].create(
                    {
                        "name": default.name,
                        "usage": usage,
                        "location_id": company.env.ref(parent).id,
                        "company_id": company.id,
                    }
                )
            )
        return company[field]

    def _parcours_contribution_product(self):
        self.ensure_one()
        return self.parcours_contribution_product_id or self.env.ref(
            "parcours_beneficiaries.product_contribution"
        )

    parcours_remittance_show_names = fields.Boolean(
        string="Name the beneficiaries on remittance slips",
        help="Only if the public accountant requires it: by default a slip names "
        "each beneficiary by a reference, not by name.",
    )

    def _parcours_set_default_contribution_account(self):
        """On the French chart, contributions go to 706000 by default.

        The PCG's "Prestations de services" is the nearest account of Odoo's
        French chart; a département maps it to its own nomenclature (M57) or
        picks another account in the settings. Called when the module is
        installed and whenever a chart of accounts is loaded.
        """
        chart = self.env["account.chart.template"]
        for company in self:
            if (
                company.parcours_contribution_account_id
                or company.chart_template != "fr"
            ):
                continue
            account = chart.with_company(company).ref(
                "pcg_706", raise_if_not_found=False
            )
            if account:
                company.parcours_contribution_account_id = account
