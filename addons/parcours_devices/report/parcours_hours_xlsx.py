# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.misc import groupby

from odoo.addons.parcours_base import selection_label


class ParcoursHoursXlsx(models.AbstractModel):
    """Hours of work per organisation, worker and month, for the accountants.

    Every cell that comes from what users typed (names, serials, references) is
    written as text: a worker named ``=HYPERLINK(...)`` stays a name, never a
    formula that the spreadsheet would run.
    """

    _name = "report.parcours_devices.report_hours_xlsx"
    _description = "Hours of work (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        options = super().get_workbook_options()
        options.update(strings_to_formulas=False, strings_to_urls=False)
        return options

    def generate_xlsx_report(self, workbook, data, lines):
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        hours = workbook.add_format({"num_format": "0.00"})
        lines = lines.filtered(lambda line: line.state == "done").sorted(
            lambda line: (
                line.organisation_id.name,
                line.employee_id.name or "",
                line.date,
            )
        )

        def write_texts(sheet, row, texts, cell_format=None):
            for column, text in enumerate(texts):
                sheet.write_string(row, column, text or "", cell_format)

        summary = workbook.add_worksheet(self.env._("Hours per month"))
        write_texts(
            summary,
            0,
            [
                self.env._("Organisation"),
                self.env._("Worker"),
                self.env._("Worker type"),
                self.env._("Month"),
                self.env._("Devices"),
                self.env._("Hours"),
            ],
            bold,
        )

        def key(line):
            return (
                line.organisation_id,
                line.employee_id,
                line.worker_type,
                line.date.strftime("%Y-%m"),
            )

        row = 1
        for (organisation, worker, worker_type, month), month_lines in groupby(
            lines, key=key
        ):
            # The worker type is stored on the line: accountants read the lines,
            # not the employees' private profiles.
            write_texts(
                summary,
                row,
                [
                    organisation.name,
                    worker.name,
                    selection_label(lines, "worker_type", worker_type)
                    if worker_type
                    else "",
                    month,
                ],
            )
            summary.write_number(row, 4, len(month_lines))
            summary.write_number(
                row, 5, sum(line.duration for line in month_lines), hours
            )
            row += 1
        summary.set_column(0, 3, 24)

        detail = workbook.add_worksheet(self.env._("Detail"))
        write_texts(
            detail,
            0,
            [
                self.env._("Date"),
                self.env._("Work order"),
                self.env._("Work"),
                self.env._("Organisation"),
                self.env._("Worker"),
                self.env._("Device"),
                self.env._("Hours"),
            ],
            bold,
        )
        for row, line in enumerate(lines, start=1):
            write_texts(
                detail,
                row,
                [
                    line.date.isoformat(),
                    line.order_id.name,
                    selection_label(line, "work_type"),
                    line.organisation_id.name,
                    line.employee_id.name,
                    line.lot_id.name,
                ],
            )
            detail.write_number(row, 6, line.duration, hours)
        detail.set_column(0, 5, 20)
