# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0: the WEEE category leaves the recycling channels (and so the
fractions, which only read their channel's).

Categories of directive 2012/19/EU classify whole appliances: metals, plastics
and boards taken out of a laptop were tagged category 6, which no eco-organism
reads. The category is now the device model's (``parcours_weee_category`` on
product.template, computed from its device type when the upgrade creates it).
The channels' column has no meaning left to keep. Odoo drops the column of a
removed field when it cleans the module's fields at the end of the upgrade;
it is dropped here first, so that no half-upgraded database keeps reading it.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "ALTER TABLE parcours_recycling_channel DROP COLUMN IF EXISTS weee_category"
    )
