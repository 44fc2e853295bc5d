# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ParcoursActivityXlsx(models.AbstractModel):
    """The national activity export: every cell is a text, never a formula.

    A title or a commune typed as ``=...`` would otherwise run as a formula in
    the spreadsheet of whoever opens the file.
    """

    _name = "report.parcours_training.report_activity_xlsx"
    _description = "National activity export (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, exports):
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        for export in exports:
            sheet = workbook.add_worksheet(self.env._("Activities")[:31])
            for column, title in enumerate(export._parcours_columns()):
                sheet.write_string(0, column, title, bold)
            for row, values in enumerate(export._parcours_rows(), start=1):
                for column, value in enumerate(values):
                    sheet.write_string(row, column, value or "")
            sheet.set_column(0, 14, 18)
            sheet.freeze_panes(1, 0)
