# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged


def _migration():
    path = (
        get_module_path("parcours_devices") + "/migrations/18.0.2.1.0/post-migration.py"
    )
    spec = importlib.util.spec_from_file_location("ademe_factors_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestAdemeFactorsMigration(TransactionCase):
    """18.0.2.1.0 gives ADEME/Arcep 2022's factors to the companies still on
    ADEME's 2018 totals and leaves a user's own factors alone."""

    OLD = {
        "parcours_co2_make_laptop": 124.0,
        "parcours_co2_transport_laptop": 32.0,
        "parcours_co2_make_desktop": 94.0,
        "parcours_co2_transport_desktop": 75.0,
    }
    NEW = {
        "parcours_co2_make_laptop": 170.3,
        "parcours_co2_transport_laptop": 12.3,
        "parcours_co2_make_desktop": 202.6,
        "parcours_co2_transport_desktop": 1.8,
    }

    def test_old_defaults_updated_changed_factors_kept(self):
        Company = self.env["res.company"]
        on_defaults = Company.create({"name": "On the 2018 defaults", **self.OLD})
        own = dict(self.OLD, parcours_co2_make_desktop=110.0)
        changed = Company.create({"name": "Own desktop factor", **own})
        chosen = Company.create(
            {"name": "Own source", **dict.fromkeys(self.OLD, 100.0)}
        )

        updated = _migration().update_ademe_factors(self.env)

        self.assertIn(on_defaults, updated)
        self.assertNotIn(changed, updated)
        self.assertNotIn(chosen, updated)
        self.assertRecordValues(
            on_defaults | changed | chosen,
            [self.NEW, own, dict.fromkeys(self.OLD, 100.0)],
        )
        self.assertEqual(on_defaults.parcours_raw_materials_laptop, 127.0)

    def test_run_twice_changes_nothing_more(self):
        company = self.env["res.company"].create({"name": "Twice", **self.OLD})
        migration = _migration()
        self.assertIn(company, migration.update_ademe_factors(self.env))
        self.assertFalse(migration.update_ademe_factors(self.env) & company)
        self.assertRecordValues(company, [self.NEW])
