# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestModule(TransactionCase):
    def test_installed_with_its_dependencies(self):
        """The addon is installed on top of the beneficiaries and of events."""
        training = self.env["ir.module.module"].search(
            [("name", "=", "parcours_training")]
        )
        self.assertEqual(training.state, "installed")
        self.assertEqual(
            set(training.dependencies_id.mapped("name")),
            {"parcours_beneficiaries", "event"},
        )
        self.assertEqual(set(training.dependencies_id.mapped("state")), {"installed"})
        # event's model is usable by the training sessions to come
        self.assertIn("event.event", self.env)
