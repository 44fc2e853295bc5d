# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

# Who may read the social data of a beneficiary: not the accountants.
SOCIAL_GROUPS = "parcours_beneficiaries.group_mediator,parcours_devices.group_officer"


class ResPartner(models.Model):
    _inherit = "res.partner"

    parcours_is_beneficiary = fields.Boolean(
        string="Beneficiary", index=True, copy=False, tracking=True
    )
    parcours_place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        index="btree_not_null",
        domain=[("role", "=", "third_place")],
        tracking=True,
        default=lambda s: s._default_parcours_place(),
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

    def _default_parcours_place(self):
        organisation = self.env.user.parcours_organisation_id
        return organisation if organisation.role == "third_place" else False

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
        self.sudo().write(
            {"parcours_last_contact_date": fields.Date.context_today(self)}
        )

    # ---------------------------------------------------------------- GDPR
    @api.model
    def _cron_parcours_anonymise(self):
        """Anonymise beneficiaries without an ongoing loan nor contact for too long."""
        company = self.env.company
        limit = fields.Date.context_today(self) - relativedelta(
            months=company.parcours_retention_months
        )
        candidates = self.search(
            [
                ("parcours_is_beneficiary", "=", True),
                ("parcours_anonymised", "=", False),
                "|",
                ("parcours_last_contact_date", "<", limit),
                "&",
                ("parcours_last_contact_date", "=", False),
                ("create_date", "<", fields.Datetime.to_datetime(limit)),
            ]
        )
        busy = (
            self.env["parcours.loan.agreement"]
            .search(
                [
                    ("partner_id", "in", candidates.ids),
                    ("state", "in", ("draft", "signed", "active")),
                ]
            )
            .partner_id
        )
        (candidates - busy)._parcours_anonymise()

    def _parcours_anonymise(self):
        """Wipe personal data; keep invoices and payments as accounting law asks."""
        if not self:
            return
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
        self.check_access("read")
        import xlsxwriter

        partner = self.sudo()
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        bold = book.add_format({"bold": True})

        def sheet(title, header, rows):
            page = book.add_worksheet(title[:31])
            page.write_row(0, 0, header, bold)
            for number, row in enumerate(rows, start=1):
                page.write_row(number, 0, [_cell(value) for value in row])
            page.set_column(0, len(header) - 1, 22)

        def label(record, name):
            field = record._fields[name]
            value = record[name]
            if field.type == "selection":
                return dict(field._description_selection(self.env)).get(value, "")
            if field.type == "many2one":
                return value.display_name or ""
            if field.type in ("many2many", "one2many"):
                return ", ".join(value.mapped("display_name"))
            return value

        identity = [
            "name",
            "street",
            "street2",
            "zip",
            "city",
            "email",
            "phone",
            "mobile",
            "parcours_place_id",
            "parcours_prescriber_id",
            "parcours_prescriber_worker",
            "parcours_criterion_ids",
            "parcours_income_bracket",
            "parcours_household_size",
            "parcours_digital_level",
            "parcours_consent_date",
            "parcours_consent_purpose",
            "parcours_last_contact_date",
            "create_date",
        ]
        sheet(
            self.env._("Identity"),
            [self.env._("Data"), self.env._("Value")],
            [
                (
                    partner._fields[name].get_description(self.env)["string"],
                    label(partner, name),
                )
                for name in identity
            ],
        )
        sheet(
            self.env._("Proofs checked"),
            [self.env._("Proof"), self.env._("Checked by"), self.env._("Date")],
            [
                (label(proof, "proof_type"), proof.user_id.name, proof.date)
                for proof in partner.parcours_proof_ids
            ],
        )
        sheet(
            self.env._("Applications"),
            [
                self.env._("Reference"),
                self.env._("Status"),
                self.env._("Third place"),
                self.env._("Submitted on"),
                self.env._("Reason"),
            ],  # fmt: skip
            [
                (
                    app.name,
                    label(app, "state"),
                    app.place_id.name,
                    app.date_submitted,
                    app.reject_reason or "",
                )  # fmt: skip
                for app in partner.parcours_application_ids
            ],
        )
        sheet(
            self.env._("Loan agreements"),
            [
                self.env._("Reference"),
                self.env._("Status"),
                self.env._("Device"),
                self.env._("Start"),
                self.env._("End"),
                self.env._("Contribution"),
            ],  # fmt: skip
            [
                (
                    agr.name,
                    label(agr, "state"),
                    agr.lot_id.name,
                    agr.start_date,
                    agr.end_date,
                    agr.amount,
                )  # fmt: skip
                for agr in partner.parcours_agreement_ids
            ],
        )
        moves = (
            self.env["account.move"].sudo().search([("partner_id", "=", partner.id)])
        )
        sheet(
            self.env._("Invoices and payments"),
            [
                self.env._("Number"),
                self.env._("Date"),
                self.env._("Amount"),
                self.env._("Payment status"),
            ],  # fmt: skip
            [
                (
                    move.name,
                    move.invoice_date,
                    move.amount_total,
                    label(move, "payment_state"),
                )
                for move in moves
            ],
        )
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)],
                order="date",
            )
        )
        sheet(
            self.env._("History"),
            [self.env._("Date"), self.env._("Author"), self.env._("Message")],
            [(m.date, m.author_id.name or "", m.body or "") for m in messages],
        )
        book.close()
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Data held on %(name)s.xlsx", name=partner.name),
                "datas": base64.b64encode(buffer.getvalue()),
                "res_model": "res.partner",
                "res_id": partner.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        partner.message_post(
            body=self.env._(
                "Data held on this beneficiary exported by %(user)s (right of access).",
                user=self.env.user.name,
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }


def _cell(value):
    if value is False or value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, int | float) else str(value)
