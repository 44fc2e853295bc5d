# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ParcoursPassClaimXlsx(models.AbstractModel):
    """A third place's monthly claim: its passes, their count and total.

    Texts are written as texts and amounts as numbers; no cell is a formula,
    the total being computed here.
    """

    _name = "report.parcours_training.report_pass_claim_xlsx"
    _description = "Pass numérique claim (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, claims):
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        money = workbook.add_format({"num_format": "#,##0.00 €"})
        bold_money = workbook.add_format({"bold": True, "num_format": "#,##0.00 €"})
        for claim in claims:
            sheet = workbook.add_worksheet(claim.name.replace("/", "-")[:31])
            sheet.write_string(0, 0, self.env._("Pass numérique claim"), bold)
            sheet.write_string(0, 1, claim.name)
            sheet.write_string(1, 0, self.env._("Third place"), bold)
            sheet.write_string(1, 1, claim.place_id.name)
            sheet.write_string(2, 0, self.env._("Month"), bold)
            sheet.write_string(2, 1, claim.date_from.strftime("%m/%Y"))
            columns = [
                self.env._("Pass number"),
                self.env._("Value"),
                self.env._("Taken on"),
                self.env._("Valid until"),
                self.env._("Workshop"),
                self.env._("Workshop date"),
            ]
            for column, title in enumerate(columns):
                sheet.write_string(4, column, title, header)
            row = 5
            for voucher in claim.pass_ids.sorted(lambda p: (p.date, p.name)):
                sheet.write_string(row, 0, voucher.name)
                sheet.write_number(row, 1, voucher.value, money)
                sheet.write_string(row, 2, voucher.date.strftime("%d/%m/%Y"))
                sheet.write_string(row, 3, voucher.valid_until.strftime("%d/%m/%Y"))
                sheet.write_string(row, 4, voucher.event_id.name or "")
                sheet.write_string(
                    row,
                    5,
                    fields.Datetime.context_timestamp(
                        claim, voucher.event_id.date_begin
                    ).strftime("%d/%m/%Y")
                    if voucher.event_id
                    else "",
                )
                row += 1
            sheet.write_string(row + 1, 0, self.env._("Number of passes"), bold)
            sheet.write_number(row + 1, 1, claim.pass_count, bold)
            sheet.write_string(row + 2, 0, self.env._("Total"), bold)
            sheet.write_number(row + 2, 1, claim.amount_total, bold_money)
            sheet.set_column(0, 5, 20)
