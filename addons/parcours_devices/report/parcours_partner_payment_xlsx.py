# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ParcoursPartnerPaymentXlsx(models.AbstractModel):
    """What the département owes each partner for a period, and the bill it fed.

    One summary row per partner, kind of work and vendor bill (the units, the
    unit price of the bill, or today's unit price when the work is not billed
    yet, and the amount), then one row per device worked on, streamed.
    """

    _name = "report.parcours_devices.report_partner_payments_xlsx"
    _inherit = "parcours.report.xlsx"
    _description = "Partner payments (XLSX)"

    def _get_objs_for_report(self, docids, data):
        """The dialog, or its period given in ``data`` by the remote client's
        export: an unsaved dialog then, for the export writes nothing."""
        if not docids and data and data.get("date_from") and data.get("date_to"):
            return self.env["parcours.partner.payment.wizard"].new(
                {"date_from": data["date_from"], "date_to": data["date_to"]}
            )
        return super()._get_objs_for_report(docids, data)

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards.ensure_one()
        _ = self.env._
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        bold_money = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        Line = self.env["parcours.work.order.line"]
        domain = wizard._line_domain()
        work_types = dict(Line._fields["work_type"]._description_selection(self.env))
        groups = Line._read_group(
            domain, ["organisation_id", "work_type", "bill_id"], ["__count"]
        )
        prices = self._unit_prices(groups)
        not_billed = _("Not billed yet")

        summary = workbook.add_worksheet(_("Partner payments"))
        summary.set_column(0, 1, 24)
        summary.set_column(2, 6, 16)
        summary.write_string(
            0,
            0,
            _(
                "Partner payments from %(start)s to %(end)s",
                start=wizard.date_from.isoformat(),
                end=wizard.date_to.isoformat(),
            ),
            workbook.add_format({"bold": True, "font_size": 13}),
        )
        self._parcours_write_row(
            summary,
            2,
            [
                _("Partner"),
                _("Work"),
                _("Units"),
                _("Unit price"),
                _("Amount"),
                _("Vendor bill"),
                _("Bill date"),
            ],
            dict.fromkeys(range(7), bold),
        )
        row, total = 3, 0.0
        groups.sort(key=lambda g: (g[0].name or "", g[1], not g[2], g[2].name or ""))
        for organisation, work_type, bill, count in groups:
            price = prices[(organisation, work_type, bill)]
            self._parcours_write_row(
                summary,
                row,
                [
                    organisation.name,
                    work_types[work_type],
                    count,
                    price,
                    count * price,
                    bill.name or not_billed,
                    bill.invoice_date,
                ],
                {3: money, 4: money},
            )
            total += count * price
            row += 1
        self._parcours_write_row(
            summary, row, [_("Total"), "", "", "", total], {0: bold, 4: bold_money}
        )

        detail = workbook.add_worksheet(_("Detail"))
        detail.set_column(0, 6, 18)
        self._parcours_write_row(
            detail,
            0,
            [
                _("Date"),
                _("Partner"),
                _("Work"),
                _("Work order"),
                _("Device"),
                _("Unit price"),
                _("Vendor bill"),
            ],
            dict.fromkeys(range(7), bold),
        )
        row = 1
        for lines in self._parcours_batches(Line, domain, order_field="date"):
            for line in lines:
                self._parcours_write_row(
                    detail,
                    row,
                    [
                        line.date,
                        line.organisation_id.name,
                        work_types[line.work_type],
                        line.order_id.name,
                        line.lot_id.name,
                        prices[(line.organisation_id, line.work_type, line.bill_id)],
                        line.bill_id.name or not_billed,
                    ],
                    {5: money},
                )
                row += 1

    def _unit_prices(self, groups):
        """{(organisation, work type, bill): the unit price billed, or today's}."""
        bills = self.env["account.move"].concat(*(bill for __, __, bill, __ in groups))
        billed = {}
        for bill_line in bills.invoice_line_ids:
            work_type = bill_line.product_id.parcours_work_type
            if work_type:
                billed[(bill_line.move_id, work_type)] = bill_line.price_unit
        current = {
            (price.organisation_id, price.work_type): price.price
            for price in self.env["parcours.unit.price"].search(
                [
                    (
                        "organisation_id",
                        "in",
                        [organisation.id for organisation, *__ in groups],
                    )
                ]
            )
        }
        return {
            (organisation, work_type, bill): billed.get(
                (bill, work_type), current.get((organisation, work_type), 0.0)
            )
            if bill
            else current.get((organisation, work_type), 0.0)
            for organisation, work_type, bill, __ in groups
        }
