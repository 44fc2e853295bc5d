# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.parcours_devices.tests.common import HomeActionCase


@tagged("post_install", "-at_install")
class TestMediatorHomeAction(HomeActionCase):
    """A mediator opens the web client on the waiting list of her third place."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        place = cls.env["parcours.organisation"].create(
            {"name": "Home third place", "role": "third_place"}
        )
        cls.mediator = new_test_user(
            cls.env,
            login="home_mediator",
            password="home_mediator_pw",
            groups="base.group_user,parcours_beneficiaries.group_mediator",
            parcours_organisation_id=place.id,
        )
        cls.waiting = cls.env.ref(
            "parcours_beneficiaries.parcours_application_action_waiting"
        )

    def test_mediator_lands_on_the_waiting_list(self):
        self.assertFalse(self.mediator.action_id)
        self.assertEqual(self.mediator._parcours_home_action(), self.waiting)
        self.assertEqual(self._home_action_id("home_mediator"), self.waiting.id)

    def test_back_office_keeps_its_first_screen(self):
        """An officer who is also a mediator lands where any officer lands (the
        screen of the back office, whichever addon above names it)."""
        officer = new_test_user(
            self.env,
            login="home_officer",
            groups="base.group_user,parcours_devices.group_officer",
        )
        officer_mediator = new_test_user(
            self.env,
            login="home_officer_mediator",
            groups="base.group_user,parcours_devices.group_officer,"
            "parcours_beneficiaries.group_mediator",
        )
        self.assertTrue(officer._parcours_home_action())
        self.assertNotEqual(officer._parcours_home_action(), self.waiting)
        self.assertEqual(
            officer_mediator._parcours_home_action(), officer._parcours_home_action()
        )

    def test_home_action_of_the_user_wins(self):
        agreements = self.env.ref(
            "parcours_beneficiaries.parcours_loan_agreement_action"
        )
        self.mediator.action_id = agreements.id
        self.assertEqual(self._home_action_id("home_mediator"), agreements.id)
