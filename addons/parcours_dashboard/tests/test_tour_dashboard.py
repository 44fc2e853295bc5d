# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "parcours_tour")
class TestDashboardTour(HttpCase):
    """A département officer opens the dashboards and a figure's records."""

    def test_dashboard_tour(self):
        env = self.env
        department = env["parcours.organisation"].create(
            {"name": "Tour département", "role": "department"}
        )
        workshop = env["parcours.organisation"].create(
            {"name": "Tour ESAT", "role": "workshop"}
        )
        donor = env["parcours.organisation"].create(
            {"name": "Tour donor", "role": "donor"}
        )
        laptop = env["product.product"].create(
            {
                "name": "Tour dashboard laptop",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "parcours_device_type": "laptop",
                "weight": 1.6,
            }
        )
        lot = env["parcours.donation.lot"].create(
            {"donor_id": donor.id, "workshop_id": workshop.id}
        )
        lot._receive_devices(
            [{"serial": f"DASH-{index}", "product": laptop} for index in range(2)]
        )
        new_test_user(
            env,
            login="tour_officer",
            groups="base.group_user,parcours_devices.group_officer",
            parcours_organisation_id=department.id,
        )
        # Read the addons' static paths once here (see parcours_devices' tour).
        self.assertIn("parcours_dashboard", http.root.statics)
        self.start_tour(
            "/odoo/dashboards", "parcours_dashboard_tour", login="tour_officer"
        )
