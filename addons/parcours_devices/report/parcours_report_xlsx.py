# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import numbers

from odoo import api, models

# Rows read per query by a streamed export.
BATCH_SIZE = 2000


class ParcoursReportXlsx(models.AbstractModel):
    """What the XLSX exports of the Parcours share.

    - No cell is ever a formula: a name typed as ``=HYPERLINK(...)`` stays text
      (``strings_to_formulas`` off), and totals are written as numbers.
    - Large exports stream: xlsxwriter's ``constant_memory`` writes each row to
      disk once the next one starts, and ``_parcours_batches`` reads the records
      a batch at a time and empties the cache after each, so memory stays flat
      however many rows are written (rows must be written in order).
    - Records are read with the rights of the user who prints, so an export
      holds what this user may see and nothing else.
    """

    _name = "parcours.report.xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Parcours XLSX export"

    def get_workbook_options(self):
        return {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "constant_memory": True,
        }

    @api.model
    def _parcours_write_row(self, sheet, row, values, formats=None):
        """Write ``values`` in ``row``: texts as text, numbers as numbers."""
        formats = formats or {}
        for column, value in enumerate(values):
            cell_format = formats.get(column)
            if value is None or value is False or value == "":
                sheet.write_blank(row, column, None, cell_format)
            elif isinstance(value, bool):
                sheet.write_boolean(row, column, value, cell_format)
            elif isinstance(value, numbers.Number):
                sheet.write_number(row, column, value, cell_format)
            elif isinstance(value, datetime.date):
                sheet.write_string(row, column, value.isoformat(), cell_format)
            else:
                sheet.write_string(row, column, str(value), cell_format)

    @api.model
    def _parcours_batches(self, model, domain, order_field=None, size=BATCH_SIZE):
        """Yield the records of ``model`` matching ``domain``, ``size`` at a time.

        Ordered by ``order_field`` (a required column) then id, each batch
        starts after the last record of the previous one (keyset pagination):
        no list of every id is ever held, and the cache is emptied between
        batches.
        """
        order = f"{order_field}, id" if order_field else "id"
        after = []
        while True:
            records = model.search(domain + after, order=order, limit=size)
            if not records:
                return
            last = records[-1]
            if order_field:
                value = last[order_field]
                value = value.id if isinstance(value, models.BaseModel) else value
                after = [
                    "|",
                    (order_field, ">", value),
                    "&",
                    (order_field, "=", value),
                    ("id", ">", last.id),
                ]
            else:
                after = [("id", ">", last.id)]
            yield records
            self.env.invalidate_all()
