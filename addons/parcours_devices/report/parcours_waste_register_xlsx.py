# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models


class ParcoursWasteRegisterXlsx(models.AbstractModel):
    """The register of outgoing waste (arrêté du 31 mai 2021), one row per
    shipment, the legal columns in order (``REGISTER_COLUMNS``).

    Printed on the selected shipments, or on a period given as
    ``data={"date_from": ..., "date_to": ..., "organisation_id": ...}``; sent
    shipments only. Typed text is written as text,
    never as a formula.
    """

    _name = "report.parcours_devices.report_waste_register_xlsx"
    _description = "Register of outgoing waste (XLSX)"
    _inherit = "report.report_xlsx.abstract"

    def get_workbook_options(self):
        options = super().get_workbook_options()
        options.update(strings_to_formulas=False, strings_to_urls=False)
        return options

    def generate_xlsx_report(self, workbook, data, shipments):
        Shipment = self.env["parcours.waste.shipment"]
        if data and data.get("date_from"):
            shipments = Shipment._register_shipments(
                fields.Date.to_date(data["date_from"]),
                fields.Date.to_date(data["date_to"]),
                self.env["parcours.organisation"].browse(data.get("organisation_id")),
            )
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
        tonnes = workbook.add_format({"num_format": "0.000000"})
        sheet = workbook.add_worksheet(self.env._("Outgoing waste"))
        for column, label in enumerate(Shipment._register_header()):
            sheet.write_string(0, column, label, bold)
        for row, values in enumerate(shipments._register_rows(), start=1):
            for column, cell in enumerate(values):
                if isinstance(cell, datetime.date):
                    sheet.write_datetime(
                        row,
                        column,
                        datetime.datetime.combine(cell, datetime.time()),
                        date_format,
                    )
                elif isinstance(cell, float):
                    sheet.write_number(row, column, cell, tonnes)
                else:
                    sheet.write_string(row, column, cell or "")
