# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# What the Identity sheet shows of a beneficiary, in this order.
IDENTITY_FIELDS = (
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
)


class ResPartnerDataXlsx(models.AbstractModel):
    """Right of access (GDPR art. 15): everything held on one beneficiary.

    One sheet per kind of record. Every value taken from the records is
    written as text: a name typed as ``=1+1`` or ``@SUM(A1)`` must show as
    typed, never run as a formula in the spreadsheet of whoever opens it.
    """

    _name = "report.parcours_beneficiaries.report_partner_data_xlsx"
    _description = "Personal data of a beneficiary (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        return dict(
            super().get_workbook_options(),
            strings_to_formulas=False,
            strings_to_urls=False,
            strings_to_numbers=False,
        )

    def generate_xlsx_report(self, workbook, data, partners):
        # Whoever renders the report, by the button or by the report route.
        partners._parcours_check_export_access()
        bold = workbook.add_format({"bold": True})
        # sudo: the person's right of access (GDPR art. 15) lists all their
        # data, also what the officer asking may not read; checked above.
        for partner in partners.sudo():
            self._write_partner(workbook, bold, partner)
            partner.message_post(
                body=self.env._(
                    "Data held on this beneficiary exported by %(user)s (right of "
                    "access).",
                    user=self.env.user.name,
                ),
                author_id=self.env.user.partner_id.id,
            )

    def _write_partner(self, workbook, bold, partner):
        for title, header, rows in self._parcours_data_sheets(partner):
            # Several beneficiaries at once: report_xlsx numbers repeated names.
            page = workbook.add_worksheet(title[:31])
            for column, value in enumerate(header):
                page.write_string(0, column, value, bold)
            for number, row in enumerate(rows, start=1):
                for column, value in enumerate(row):
                    _write_cell(page, number, column, value)
            page.set_column(0, len(header) - 1, 22)

    def _parcours_data_sheets(self, partner):
        """[(title, header, rows)]: what is held on ``partner``, sheet by sheet.

        An addon that holds more on a person (the training, for instance) adds
        its sheets with super(), so that the right of access stays complete.
        """
        _ = self.env._
        sheets = []

        def sheet(title, header, rows):
            sheets.append((title, header, list(rows)))

        sheet(
            _("Identity"),
            [_("Data"), _("Value")],
            [
                (
                    partner._fields[name].get_description(self.env)["string"],
                    self._label(partner, name),
                )
                for name in IDENTITY_FIELDS
            ],
        )
        sheet(
            _("Proofs checked"),
            [_("Proof"), _("Checked by"), _("Date")],
            [
                (self._label(proof, "proof_type"), proof.user_id.name, proof.date)
                for proof in partner.parcours_proof_ids
            ],
        )
        sheet(
            _("Applications"),
            [
                _("Reference"),
                _("Status"),
                _("Third place"),
                _("Submitted on"),
                _("Reason"),
            ],
            [
                (
                    application.name,
                    self._label(application, "state"),
                    application.place_id.name,
                    application.date_submitted,
                    application.reject_reason,
                )
                for application in partner.parcours_application_ids
            ],
        )
        sheet(
            _("Loan agreements"),
            [
                _("Reference"),
                _("Status"),
                _("Device"),
                _("Start"),
                _("End"),
                _("Contribution"),
            ],
            [
                (
                    agreement.name,
                    self._label(agreement, "state"),
                    agreement.lot_id.name,
                    agreement.start_date,
                    agreement.end_date,
                    agreement.amount,
                )
                for agreement in partner.parcours_agreement_ids
            ],
        )
        # sudo: the person's invoices, as above, without accounting rights.
        moves = (
            self.env["account.move"].sudo().search([("partner_id", "=", partner.id)])
        )
        sheet(
            _("Invoices and payments"),
            [_("Number"), _("Date"), _("Amount"), _("Payment status")],
            [
                (
                    move.name,
                    move.invoice_date,
                    move.amount_total,
                    self._label(move, "payment_state"),
                )
                for move in moves
            ],
        )
        # sudo: the notes about the person, as above.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)],
                order="date",
            )
        )
        sheet(
            _("History"),
            [_("Date"), _("Author"), _("Message")],
            [(m.date, m.author_id.name, m.body) for m in messages],
        )
        return sheets

    def _label(self, record, name):
        """A field's value as a person reads it: labels, names, not ids."""
        field = record._fields[name]
        value = record[name]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "many2one":
            return value.display_name or ""
        if field.type in ("many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        return value


def _write_cell(page, row, column, value):
    """Numbers stay numbers; everything else is written as text, never parsed."""
    if isinstance(value, bool) or value is None:
        page.write_blank(row, column, None)
    elif isinstance(value, int | float):
        page.write_number(row, column, value)
    elif hasattr(value, "isoformat"):
        page.write_string(row, column, value.isoformat())
    else:
        page.write_string(row, column, str(value))
