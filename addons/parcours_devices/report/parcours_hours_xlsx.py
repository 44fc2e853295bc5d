# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.misc import groupby


class ParcoursHoursXlsx(models.AbstractModel):
    """Hours of work per organisation, worker and month, for the accountants."""

    _name = "report.parcours_devices.report_hours_xlsx"
    _description = "Hours of work (XLSX)"
    _inherit = "report.report_xlsx.abstract"

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
        work_types = dict(lines._fields["work_type"]._description_selection(self.env))
        # The worker type is stored on the line: accountants read the lines, not
        # the employees' private profiles.
        worker_types = dict(
            lines._fields["worker_type"]._description_selection(self.env)
        )

        summary = workbook.add_worksheet(self.env._("Hours per month"))
        header = [
            self.env._("Organisation"),
            self.env._("Worker"),
            self.env._("Worker type"),
            self.env._("Month"),
            self.env._("Devices"),
            self.env._("Hours"),
        ]
        summary.write_row(0, 0, header, bold)
        row = 1

        def key(line):
            return (
                line.organisation_id,
                line.employee_id,
                line.worker_type,
                line.date.strftime("%Y-%m"),
            )

        for (organisation, worker, worker_type, month), month_lines in groupby(
            lines, key=key
        ):
            summary.write_row(
                row,
                0,
                [
                    organisation.name,
                    worker.name or "",
                    worker_types.get(worker_type, ""),
                    month,
                    len(month_lines),
                ],
            )
            summary.write_number(
                row, 5, sum(line.duration for line in month_lines), hours
            )
            row += 1
        summary.set_column(0, 3, 24)

        detail = workbook.add_worksheet(self.env._("Detail"))
        detail.write_row(
            0,
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
            detail.write_row(
                row,
                0,
                [
                    line.date.isoformat(),
                    line.order_id.name,
                    work_types[line.work_type],
                    line.organisation_id.name,
                    line.employee_id.name or "",
                    line.lot_id.name,
                ],
            )
            detail.write_number(row, 6, line.duration, hours)
        detail.set_column(0, 5, 20)
