# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0: the manufacturing factors become ADEME/Arcep 2022's.

ADEME's 2018 totals, 124 + 32 kg CO2e for a laptop and 94 + 75 for a desktop,
give way to the 2022 figures ADEME's Impact CO2 uses (170.3 + 12.3 and
202.6 + 1.8). A company whose four factors are still the old defaults gets the
new ones; one where a user changed any of them keeps its own set, so that a
chosen source is never half replaced.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

from odoo.addons.parcours_devices.models.res_company import (
    DESKTOP_MAKE,
    DESKTOP_TRANSPORT,
    LAPTOP_MAKE,
    LAPTOP_TRANSPORT,
)

OLD_FACTORS = {
    "parcours_co2_make_laptop": 124.0,
    "parcours_co2_transport_laptop": 32.0,
    "parcours_co2_make_desktop": 94.0,
    "parcours_co2_transport_desktop": 75.0,
}
NEW_FACTORS = {
    "parcours_co2_make_laptop": LAPTOP_MAKE,
    "parcours_co2_transport_laptop": LAPTOP_TRANSPORT,
    "parcours_co2_make_desktop": DESKTOP_MAKE,
    "parcours_co2_transport_desktop": DESKTOP_TRANSPORT,
}


def update_ademe_factors(env):
    """Give the 2022 factors to the companies that hold the 2018 defaults.

    Returns the companies updated.
    """
    env.cr.execute(
        SQL(
            "UPDATE res_company SET %s WHERE %s RETURNING id",
            SQL(", ").join(
                SQL("%s = %s", SQL.identifier(name), value)
                for name, value in NEW_FACTORS.items()
            ),
            SQL(" AND ").join(
                SQL("%s = %s", SQL.identifier(name), value)
                for name, value in OLD_FACTORS.items()
            ),
        )
    )
    companies = env["res.company"].browse(row[0] for row in env.cr.fetchall())
    companies.invalidate_recordset(list(NEW_FACTORS))
    return companies


def migrate(cr, version):
    update_ademe_factors(api.Environment(cr, SUPERUSER_ID, {}))
