# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ParcoursRemittanceXlsx(models.AbstractModel):
    """The remittance slip as a spreadsheet: one line per receipt, the totals
    per payment method and the signature block, in French like the PDF."""

    _name = "report.parcours_beneficiaries.report_remittance_xlsx"
    _inherit = "parcours.report.xlsx"
    _description = "Remittance slip (XLSX)"

    def generate_xlsx_report(self, workbook, data, remittances):
        if not remittances:
            # a period without slip (the remote client's export): say so
            sheet = workbook.add_worksheet(self.env._("Remittance slips"))
            sheet.write_string(
                0,
                0,
                (data or {}).get("empty_message")
                or self.env._("No remittance slip in this period."),
            )
        for remittance in remittances:
            remittance = remittance.with_context(lang=remittance._parcours_print_lang())
            self._write_slip(workbook, remittance)

    def _write_slip(self, workbook, remittance):
        _ = remittance.env._
        title = workbook.add_format({"bold": True, "font_size": 13})
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        bold_money = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        show_names = remittance.company_id.parcours_remittance_show_names
        methods = dict(
            remittance.line_ids._fields["method"]._description_selection(remittance.env)
        )
        sheet = workbook.add_worksheet(remittance.name.replace("/", "-"))
        sheet.set_column(0, 11, 18)
        write = self._parcours_write_row
        write(
            sheet,
            0,
            [_("Remittance slip %(name)s", name=remittance.name)],
            {0: title},
        )
        write(
            sheet,
            1,
            [
                _(
                    "Cash office of %(place)s, %(company)s: contributions collected "
                    "from %(start)s to %(end)s",
                    place=remittance.place_id.name,
                    company=remittance.company_id.name,
                    start=remittance.date_from.isoformat(),
                    end=remittance.date_to.isoformat(),
                )
            ],
        )
        if remittance.state != "remitted":
            write(sheet, 2, [_("Draft: not remitted yet.")])
        header = [
            _("No."),
            _("Date"),
            _("Agreement"),
            _("Beneficiary"),
            *([_("Name")] if show_names else []),
            _("Payment method"),
            _("Invoice"),
            _("Amount"),
            # after the amount: the columns the public accountant ticks off
            _("Receipt no."),
            _("Cheque number"),
            _("Bank"),
            _("Drawer"),
        ]
        write(sheet, 4, header, dict.fromkeys(range(len(header)), bold))
        row = 5
        amount_column = len(header) - 5
        for number, line in enumerate(remittance.line_ids, start=1):
            # sudo: the names of the payers, when the département's settings ask
            # for them on the slip, for the accountant who may not read persons.
            write(
                sheet,
                row,
                [
                    number,
                    line.date,
                    line.agreement_ref,
                    line.beneficiary_ref,
                    *([line.sudo().partner_id.name] if show_names else []),
                    methods[line.method],
                    line.invoice_ref,
                    line.amount,
                    line.receipt_number or "",
                    line.cheque_number or "",
                    line.cheque_bank or "",
                    line.cheque_drawer or "",
                ],
                {amount_column: money},
            )
            row += 1
        row += 1
        write(
            sheet,
            row,
            [_("Payment method"), _("Receipts"), _("Amount")],
            dict.fromkeys(range(3), bold),
        )
        row += 1
        for label, count, amount in remittance._totals_by_method():
            write(sheet, row, [label, count, amount], {2: money})
            row += 1
        write(
            sheet,
            row,
            [_("Total"), remittance.line_count, remittance.amount_total],
            {0: bold, 2: bold_money},
        )
        row += 3
        write(
            sheet,
            row,
            [
                _("The cashier of %(place)s", place=remittance.place_id.name),
                "",
                "",
                "",
                _("The public accountant"),
            ],
            {0: bold, 4: bold},
        )
        row += 1
        write(
            sheet,
            row,
            [
                _(
                    "Remitted on %(date)s by %(user)s",
                    date=remittance.remitted_date.isoformat(),
                    user=remittance.remitted_uid.name,
                )
                if remittance.remitted_date
                else "",
                "",
                "",
                "",
                _("Received on"),
            ],
        )
        write(
            sheet,
            row + 1,
            [_("Name and signature"), "", "", "", _("Name and signature")],
        )
