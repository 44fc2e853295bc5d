# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _parcours_device_models_by_key(self):
        """Device models by reference, name or full name, in lower case.

        How an intake names a model: a spreadsheet column or a remote client.
        """
        by_key = {}
        products = self.search(
            [
                ("parcours_device_type", "!=", False),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        )
        for product in products:
            for key in (product.default_code, product.name, product.display_name):
                if key:
                    by_key.setdefault(key.strip().lower(), product)
        return by_key
