# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestModule(TransactionCase):
    def test_installed_with_its_dependency(self):
        """The addon is installed, and so is the device chain it builds on."""
        modules = self.env["ir.module.module"].search(
            [("name", "in", ("parcours_beneficiaries", "parcours_devices"))]
        )
        self.assertEqual(
            {module.name: module.state for module in modules},
            {"parcours_beneficiaries": "installed", "parcours_devices": "installed"},
        )
        beneficiaries = modules.filtered(lambda m: m.name == "parcours_beneficiaries")
        self.assertIn("parcours_devices", beneficiaries.dependencies_id.mapped("name"))
