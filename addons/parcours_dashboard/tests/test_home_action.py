# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.parcours_devices.tests.common import HomeActionCase


@tagged("post_install", "-at_install")
class TestHomeAction(HomeActionCase):
    """The officer lands on the dashboards, the accountant on the invoices to
    check; the other roles keep the first screen of their addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["parcours.organisation"].create(
            {"name": "Home département", "role": "department"}
        )
        for login, group in (
            ("home_officer", "parcours_devices.group_officer"),
            ("home_manager", "parcours_devices.group_manager"),
            ("home_accountant", "parcours_devices.group_accountant"),
        ):
            new_test_user(
                cls.env,
                login=login,
                password=f"{login}_pw",
                groups=f"base.group_user,{group}",
                parcours_organisation_id=cls.department.id,
            )

    def test_officer_and_manager_land_on_the_dashboards(self):
        action = self.env.ref("parcours_dashboard.parcours_dashboard_action")
        self.assertEqual(
            action.params,
            {
                "dashboard_id": self.env.ref(
                    "parcours_dashboard.spreadsheet_dashboard_device_chain"
                ).id
            },
        )
        for login in ("home_officer", "home_manager"):
            with self.subTest(login=login):
                self.assertEqual(self._home_action_id(login), action.id)

    def test_accountant_lands_on_the_invoices_to_check(self):
        action = self.env.ref("parcours_dashboard.account_move_action_to_check")
        self.assertEqual(self._home_action_id("home_accountant"), action.id)
        # The accountant reads what the action lists.
        accountant = self.env["res.users"].search([("login", "=", "home_accountant")])
        self.env["account.move"].with_user(accountant).search(safe_eval(action.domain))

    def test_demo_back_office_lands_on_its_screens(self):
        """The demo officer and accountant have no home action of their own: with
        the dashboards installed, they land on theirs."""
        officer = self.env.ref("parcours_devices.user_officer_demo", False)
        accountant = self.env.ref("parcours_devices.user_accountant_demo", False)
        if not (officer and accountant):  # installed without demo data
            return
        self.assertEqual(
            officer._parcours_home_action(),
            self.env.ref("parcours_dashboard.parcours_dashboard_action"),
        )
        self.assertEqual(
            accountant._parcours_home_action(),
            self.env.ref("parcours_dashboard.account_move_action_to_check"),
        )
