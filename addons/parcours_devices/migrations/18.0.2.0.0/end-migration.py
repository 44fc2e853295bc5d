# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0: the foreign keys of the fields that moved to parcours_base
(organisations, the documents' company and third place, the user's
organisation) become parcours_base's, as on a new database."""

from odoo import SUPERUSER_ID, api

from odoo.addons.parcours_base.upgrade import give_foreign_keys


def migrate(cr, version):
    give_foreign_keys(api.Environment(cr, SUPERUSER_ID, {}))
