# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, models
from odoo.exceptions import UserError
from odoo.tools.misc import groupby


class ParcoursPartnerBillWizard(models.TransientModel):
    """Bill the département for the work its partners did in a period."""

    _name = "parcours.partner.bill.wizard"
    _description = "Create partner bills"
    _inherit = ["parcours.partner.period.mixin"]

    def action_create_bills(self):
        self._check_period()
        domain = [
            ("state", "=", "done"),
            ("bill_id", "=", False),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        if self.organisation_ids:
            domain.append(("organisation_id", "in", self.organisation_ids.ids))
        lines = self.env["parcours.work.order.line"].search(domain)
        if not lines:
            raise UserError(
                self.env._(
                    "No validated work left to bill between %(start)s and %(end)s.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        bills = self._create_bills(lines)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action["domain"] = [("id", "in", bills.ids)]
        return action

    def _create_bills(self, lines):
        prices = {
            (price.organisation_id, price.work_type): price
            for price in self.env["parcours.unit.price"].search(
                [("organisation_id", "in", lines.organisation_id.ids)]
            )
        }
        products = {
            product.parcours_work_type: product
            for product in self.env["product.product"].search(
                [("parcours_work_type", "!=", False)]
            )
        }
        work_type_labels = dict(
            lines._fields["work_type"]._description_selection(self.env)
        )
        missing = {
            (line.organisation_id, line.work_type)
            for line in lines
            if (line.organisation_id, line.work_type) not in prices
        }
        if missing:
            raise UserError(
                self.env._(
                    "Set a unit price for %(pairs)s before billing this period.",
                    pairs=", ".join(
                        f"{organisation.name} / {work_type_labels[work_type]}"
                        for organisation, work_type in sorted(
                            missing, key=lambda pair: (pair[0].name, pair[1])
                        )
                    ),
                )
            )
        period = f"{self.date_from} - {self.date_to}"
        bill_values, bill_lines = [], []
        for organisation, organisation_lines in groupby(
            lines, key=lambda line: line.organisation_id
        ):
            invoice_lines = []
            for work_type, type_lines in groupby(
                organisation_lines, key=lambda line: line.work_type
            ):
                price = prices[(organisation, work_type)]
                invoice_lines.append(
                    Command.create(
                        {
                            "product_id": products[work_type].id,
                            "name": self.env._(
                                "%(work)s of %(count)s devices, %(period)s",
                                work=work_type_labels[work_type],
                                count=len(type_lines),
                                period=period,
                            ),
                            "quantity": len(type_lines),
                            "price_unit": price.price,
                        }
                    )
                )
            bill_values.append(
                {
                    "move_type": "in_invoice",
                    "partner_id": organisation.partner_id.id,
                    "invoice_date": self.date_to,
                    "ref": self.env._(
                        "Parcours numérique solidaire %(period)s", period=period
                    ),
                    "invoice_line_ids": invoice_lines,
                }
            )
            bill_lines.append(
                self.env["parcours.work.order.line"].concat(*organisation_lines)
            )
        bills = self.env["account.move"].create(bill_values)
        for bill, work_lines in zip(bills, bill_lines, strict=True):
            work_lines.bill_id = bill
        return bills
