# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMediatorHomeAction(HttpCase):
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

    def _home_action_id(self, login):
        self.authenticate(login, f"{login}_pw")
        response = self.url_open(
            "/web/session/get_session_info",
            data="{}",
            headers={"Content-Type": "application/json"},
        )
        return response.json()["result"]["home_action_id"]

    def test_mediator_lands_on_the_waiting_list(self):
        self.assertFalse(self.mediator.action_id)
        self.assertEqual(self.mediator._parcours_home_action(), self.waiting)
        self.assertEqual(self._home_action_id("home_mediator"), self.waiting.id)

    def test_back_office_keeps_its_first_screen(self):
        officer = new_test_user(
            self.env,
            login="home_officer_mediator",
            groups="base.group_user,parcours_devices.group_officer,"
            "parcours_beneficiaries.group_mediator",
        )
        self.assertEqual(
            officer._parcours_home_action(),
            self.env.ref("parcours_devices.parcours_donation_lot_action"),
        )

    def test_home_action_of_the_user_wins(self):
        agreements = self.env.ref(
            "parcours_beneficiaries.parcours_loan_agreement_action"
        )
        self.mediator.action_id = agreements.id
        self.assertEqual(self._home_action_id("home_mediator"), agreements.id)
