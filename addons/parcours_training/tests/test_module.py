# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestModule(TransactionCase):
    def test_installed_with_its_dependencies(self):
        """The addon is installed on top of the beneficiaries, events and XLSX."""
        training = self.env["ir.module.module"].search(
            [("name", "=", "parcours_training")]
        )
        self.assertEqual(training.state, "installed")
        self.assertEqual(
            set(training.dependencies_id.mapped("name")),
            {"parcours_beneficiaries", "event", "report_xlsx"},
        )
        self.assertEqual(set(training.dependencies_id.mapped("state")), {"installed"})
        self.assertTrue(self.env["event.event"]._fields["parcours_place_id"].store)
