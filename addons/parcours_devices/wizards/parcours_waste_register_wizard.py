# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .parcours_partner_period_mixin import (
    _first_day_of_last_month,
    _last_day_of_last_month,
)


class ParcoursWasteRegisterWizard(models.TransientModel):
    """Choose the period and the format of the register of outgoing waste."""

    _name = "parcours.waste.register.wizard"
    _description = "Register of outgoing waste of a period"
    _inherit = ["parcours.wizard.mixin"]

    date_from = fields.Date(required=True, default=_first_day_of_last_month)
    date_to = fields.Date(required=True, default=_last_day_of_last_month)
    organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Organisation",
        default=lambda s: s.env.user.parcours_organisation_id,
        help="The organisation that produced the waste. Leave empty for every "
        "organisation you may see.",
    )
    file_format = fields.Selection(
        [("xlsx", "Spreadsheet (XLSX)"), ("csv", "CSV")],
        string="Format",
        required=True,
        default="xlsx",
    )

    def action_export(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(
                self.env._("The period ends before it starts: swap the two dates.")
            )
        user = self.env.user
        if (
            self.organisation_id
            and user._parcours_is_partner_user()
            and self.organisation_id != user.parcours_organisation_id
        ):
            raise AccessError(
                self.env._("You may only print the register of your own organisation.")
            )
        if self.file_format == "csv":
            return (
                self.env["parcours.waste.shipment"]
                ._register_shipments(self.date_from, self.date_to, self.organisation_id)
                .action_export_register_csv()
            )
        return self.env.ref(
            "parcours_devices.action_report_waste_register_xlsx"
        ).report_action(
            self.env["parcours.waste.shipment"],
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
                "organisation_id": self.organisation_id.id,
            },
        )
