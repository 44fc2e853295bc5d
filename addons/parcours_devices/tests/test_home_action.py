# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import HomeActionCase


@tagged("post_install", "-at_install")
class TestHomeAction(HomeActionCase):
    """Each role opens the web client on the first screen of its day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workshop = cls.env["parcours.organisation"].create(
            {"name": "Home workshop", "role": "workshop"}
        )
        cls.operator = new_test_user(
            cls.env,
            login="home_esat",
            password="home_esat_pw",
            groups="base.group_user,parcours_devices.group_workshop_operator",
            parcours_organisation_id=cls.workshop.id,
        )

    def test_role_lands_on_its_first_screen(self):
        to_triage = self.env.ref(
            "parcours_devices.parcours_donation_lot_action_to_triage"
        )
        self.assertEqual(self.operator._parcours_home_action(), to_triage)
        self.assertEqual(self._home_action_id("home_esat"), to_triage.id)

    def test_home_action_of_the_user_wins(self):
        lots = self.env.ref("parcours_devices.parcours_donation_lot_action")
        self.operator.action_id = lots.id
        self.assertEqual(self._home_action_id("home_esat"), lots.id)

    def test_user_without_parcours_role_keeps_odoo_default(self):
        plain = new_test_user(self.env, login="home_plain", groups="base.group_user")
        self.assertFalse(plain._parcours_home_action())
