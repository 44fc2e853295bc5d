# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .parcours_application import CLOSED_STATES as APPLICATION_CLOSED_STATES
from .parcours_loan_agreement import OPEN_STATES as AGREEMENT_OPEN_STATES

# Who may read the social data of a beneficiary: not the accountants.
SOCIAL_GROUPS = "parcours_beneficiaries.group_mediator,parcours_devices.group_officer"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "parcours.protected.mixin"]
    # Set by the steps of applications and agreements and by the anonymisation.
    _parcours_protected_fields = (
        "parcours_anonymised",
        "parcours_last_contact_date",
        "parcours_application_ids",
        "parcours_agreement_ids",
    )
    # The guard and the organisation check: the people of the Parcours only.
    _parcours_guard_domain = [
        "|",
        ("parcours_is_beneficiary", "=", True),
        ("parcours_place_id", "!=", False),
    ]
    _parcours_organisation_field = "parcours_place_id"

    parcours_is_beneficiary = fields.Boolean(
        string="Beneficiary", index=True, copy=False, tracking=True
    )
    parcours_place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        index="btree_not_null",
        domain=[("role", "=", "third_place")],
        tracking=True,
        default=lambda s: s.env["parcours.organisation"]._parcours_user_place(),
        help="The third place that follows this beneficiary; only its mediators "
        "see them.",
    )
    parcours_is_prescriber = fields.Boolean(string="Prescriber")
    parcours_prescriber_kind = fields.Selection(
        [
            ("cms", "Centre médico-social (Département)"),
            ("ccas", "CCAS"),
            ("france_travail", "France Travail"),
            ("mission_locale", "Mission locale"),
            ("other", "Other social structure"),
        ],
        string="Kind of prescriber",
    )
    parcours_prescriber_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        domain=[("parcours_is_prescriber", "=", True)],
        groups=SOCIAL_GROUPS,
    )
    parcours_prescriber_worker = fields.Char(
        string="Social worker", groups=SOCIAL_GROUPS
    )
    parcours_criterion_ids = fields.Many2many(
        "parcours.eligibility.criterion",
        string="Eligibility criteria",
        groups=SOCIAL_GROUPS,
    )
    parcours_income_bracket = fields.Selection(
        [
            ("1", "Below the poverty line"),
            ("2", "Below the median income"),
            ("3", "Above the median income"),
        ],
        string="Income bracket",
        groups=SOCIAL_GROUPS,
    )
    parcours_household_size = fields.Integer(
        string="Household size", default=1, groups=SOCIAL_GROUPS
    )
    parcours_digital_level = fields.Selection(
        [
            ("none", "Never used a computer"),
            ("beginner", "Beginner"),
            ("basic", "Basic uses"),
            ("autonomous", "Autonomous"),
        ],
        string="Digital level (self-assessed)",
        groups=SOCIAL_GROUPS,
    )
    parcours_proof_ids = fields.One2many(
        "parcours.proof.check",
        "partner_id",
        string="Proofs checked",
        groups=SOCIAL_GROUPS,
    )
    parcours_consent_date = fields.Date(string="Consent given on", tracking=True)
    parcours_consent_purpose = fields.Char(
        string="Consent purpose",
        default=lambda s: s.env._(
            "Application for a device lent by the Parcours numérique solidaire, "
            "follow-up of the loan and of the training sessions"
        ),
    )
    parcours_last_contact_date = fields.Date(
        string="Last contact",
        index="btree_not_null",
        help="Updated at each application, agreement, payment or return. Personal "
        "data is anonymised after the retention period without contact.",
    )
    parcours_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)
    parcours_application_ids = fields.One2many(
        "parcours.application", "partner_id", string="Applications"
    )
    parcours_agreement_ids = fields.One2many(
        "parcours.loan.agreement", "partner_id", string="Loan agreements"
    )

    _sql_constraints = [
        (
            "parcours_household_positive",
            "CHECK(parcours_household_size IS NULL OR parcours_household_size >= 0)",
            "The household size cannot be negative.",
        ),
    ]

    @api.constrains("parcours_is_beneficiary", "zip")
    def _check_parcours_commune(self):
        for partner in self:
            if (
                partner.parcours_is_beneficiary
                and not partner.parcours_anonymised
                and partner.zip
                and not partner.zip.strip().startswith("26")
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s lives outside the Drôme (postcode %(zip)s): the "
                        "Parcours numérique solidaire is for residents of the "
                        "Drôme (postcodes 26xxx).",
                        name=partner.name,
                        zip=partner.zip,
                    )
                )

    @api.constrains("parcours_is_beneficiary", "parcours_place_id", "company_id")
    def _check_parcours_place(self):
        # sudo: an invariant checked whoever writes, also on a place the user
        # may not read.
        for partner in self.sudo():
            place = partner.parcours_place_id
            if (
                partner.parcours_is_beneficiary
                and place.company_id
                and partner.company_id != place.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s is followed by %(place)s, so belongs to %(company)s: "
                        "a beneficiary's company is their third place's.",
                        name=partner.name,
                        place=place.name,
                        company=place.company_id.name,
                    )
                )
            open_documents = [
                *partner.parcours_application_ids.filtered(
                    lambda a: a.state not in APPLICATION_CLOSED_STATES
                ),
                *partner.parcours_agreement_ids.filtered(
                    lambda a: a.state in AGREEMENT_OPEN_STATES
                ),
            ]
            elsewhere = [
                document
                for document in open_documents
                if not partner.parcours_is_beneficiary
                or document.place_id != partner.parcours_place_id
            ]
            if elsewhere:
                raise ValidationError(
                    self.env._(
                        "%(name)s has %(document)s open at %(place)s: close it before "
                        "the beneficiary changes third place.",
                        name=partner.name,
                        document=elsewhere[0].name,
                        place=elsewhere[0].place_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            # the default third place (the mediator's own) decides the company too
            dict(vals, **self.default_get(["parcours_place_id"]))
            if vals.get("parcours_is_beneficiary") and "parcours_place_id" not in vals
            else vals
            for vals in vals_list
        ]
        return super().create([self._parcours_company_vals(v) for v in vals_list])

    def write(self, vals):
        return super().write(self._parcours_company_vals(vals))

    @api.model
    def _parcours_company_vals(self, vals):
        """A beneficiary belongs to the company of the third place following them."""
        if vals.get("parcours_place_id") and "company_id" not in vals:
            place = self.env["parcours.organisation"].browse(vals["parcours_place_id"])
            vals = dict(vals, company_id=place._parcours_company().id)
        return vals

    def _parcours_check_consent(self):
        """No processing without recorded consent."""
        missing = self.filtered(lambda p: not p.parcours_consent_date)
        if missing:
            raise UserError(
                self.env._(
                    "%(name)s has not given consent to the processing of their data: "
                    "record the date and purpose of their consent first.",
                    name=missing[0].name,
                )
            )

    def _parcours_touch(self):
        """Record a contact today: it restarts the retention period."""
        # sudo: bookkeeping of the retention period, set by the steps of every
        # role that meets the person (an accountant's payment too), whoever
        # may write the person.
        self.sudo().write(
            {"parcours_last_contact_date": fields.Date.context_today(self)}
        )

    # ---------------------------------------------------------------- GDPR
    @api.model
    def _cron_parcours_anonymise(self):
        """Anonymise beneficiaries without an ongoing loan nor contact for too long.

        Each company (département) keeps them for its own retention period;
        those of no company follow the current company's.
        """
        today = fields.Date.context_today(self)
        domains = []
        # sudo: the cron reads every département's retention period.
        for company in self.env["res.company"].sudo().search([]):
            limit = today - relativedelta(months=company.parcours_retention_months)
            companies = [company.id]
            if company == self.env.company:
                companies.append(False)
            domains.append(
                [
                    ("company_id", "in", companies),
                    "|",
                    ("parcours_last_contact_date", "<", limit),
                    "&",
                    ("parcours_last_contact_date", "=", False),
                    ("create_date", "<", fields.Datetime.to_datetime(limit)),
                ]
            )
        candidates = self.search(
            expression.AND(
                [
                    [
                        ("parcours_is_beneficiary", "=", True),
                        ("parcours_anonymised", "=", False),
                    ],
                    expression.OR(domains),
                ]
            )
        )
        busy = (
            self.env["parcours.loan.agreement"]
            .search(
                [
                    ("partner_id", "in", candidates.ids),
                    ("state", "in", AGREEMENT_OPEN_STATES),
                ]
            )
            .partner_id
        )
        (candidates - busy)._parcours_anonymise()

    def _parcours_anonymise(self):
        """Wipe personal data; keep invoices and payments as accounting law asks."""
        if not self:
            return
        # sudo: erasure wipes the person from every record that copied their
        # data (applications, agreements, chatter), whoever may read those.
        self = self.sudo()
        applications = self.parcours_application_ids
        agreements = self.parcours_agreement_ids
        documents = (self, applications, agreements)

        def attached(model_field):
            return expression.OR(
                [(model_field, "=", records._name), ("res_id", "in", records.ids)]
                for records in documents
            )

        # Chatter, attachments, activities (a term reminder names the person) and
        # followers of the beneficiary and of their applications and agreements.
        self.env["mail.message"].search(attached("model")).unlink()
        for model in ("ir.attachment", "mail.activity", "mail.followers"):
            self.env[model].search(attached("res_model")).unlink()
        self.parcours_proof_ids.unlink()
        applications.with_context(tracking_disable=True).write(
            {"note": False, "reject_reason": False}
        )
        agreements.with_context(tracking_disable=True).write(
            {"signed_scan": False, "signed_scan_filename": False, "note": False}
        )
        for partner in self:
            partner.with_context(tracking_disable=True).write(
                {
                    "name": self.env._("Anonymised beneficiary #%(id)s", id=partner.id),
                    "email": False,
                    "phone": False,
                    "mobile": False,
                    "street": False,
                    "street2": False,
                    "comment": False,
                    "function": False,
                    "website": False,
                    "vat": False,
                    "image_1920": False,
                    "parcours_prescriber_id": False,
                    "parcours_prescriber_worker": False,
                    "parcours_criterion_ids": [fields.Command.clear()],
                    "parcours_income_bracket": False,
                    "parcours_household_size": 0,
                    "parcours_digital_level": False,
                    "parcours_consent_purpose": False,
                    "parcours_anonymised": True,
                }
            )

    def action_parcours_export_data(self):
        """Right of access: everything held on one beneficiary, as a spreadsheet."""
        self.ensure_one()
        self._parcours_check_export_access()
        return self.env.ref(
            "parcours_beneficiaries.action_report_partner_data_xlsx"
        ).report_action(self)

    def _parcours_check_export_access(self):
        """Only the back office exports personal data, whoever asks and how."""
        self.check_access("read")
        if not self.env.su and not self.env.user.has_group(
            "parcours_devices.group_officer"
        ):
            raise AccessError(
                self.env._(
                    "Only the département's back office can export the personal data "
                    "held on a beneficiary."
                )
            )
