# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        # Odoo checks the document an attachment moves to only when a write names
        # both its model and its id: moving a file to another organisation's
        # record by its id alone escaped the check.
        if not self.env.su and {"res_model", "res_id"} & set(vals):
            for attachment in self:
                attachment.check(
                    "write",
                    values={
                        "res_model": vals.get("res_model", attachment.res_model),
                        "res_id": vals.get("res_id", attachment.res_id),
                    },
                )
        return super().write(vals)
