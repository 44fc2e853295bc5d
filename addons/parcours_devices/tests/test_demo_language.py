# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    """The demo logins speak French when the database does (make run loads it)."""

    def setUp(self):
        super().setUp()
        self.user = new_test_user(self.env, login="demo_language_user")
        self.env["ir.model.data"].create(
            {
                "module": "parcours_devices",
                "name": "demo_language_user_test",
                "model": "res.users",
                "res_id": self.user.id,
            }
        )
        self.xmlids = ["parcours_devices.demo_language_user_test"]

    def test_english_database_keeps_english(self):
        self.env["res.lang"].with_context(active_test=False).search(
            [("code", "=", "fr_FR")]
        ).active = False
        self.env["res.lang"]._demo_speak_french(self.xmlids)
        self.assertNotEqual(self.user.lang, "fr_FR")

    def test_french_database_speaks_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._demo_speak_french(self.xmlids)
        self.assertEqual(self.user.lang, "fr_FR")
