# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "parcours_tour")
class TestTriageTour(HttpCase):
    """A workshop operator opens a received lot, triages it and validates."""

    def test_triage_tour(self):
        env = self.env
        workshop = env["parcours.organisation"].create(
            {"name": "Tour workshop", "role": "workshop"}
        )
        donor = env["parcours.organisation"].create(
            {"name": "Tour Donor", "role": "donor"}
        )
        env["hr.employee"].create(
            {
                "name": "Tour supported worker",
                "parcours_organisation_id": workshop.id,
                "parcours_worker_type": "supported",
            }
        )
        laptop = env["product.product"].create(
            {
                "name": "Tour laptop",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "parcours_device_type": "laptop",
                "weight": 1.6,
            }
        )
        new_test_user(
            env,
            login="tour_esat",
            groups="base.group_user,parcours_devices.group_workshop_operator",
            parcours_organisation_id=workshop.id,
        )
        lot = env["parcours.donation.lot"].create(
            {"donor_id": donor.id, "workshop_id": workshop.id}
        )
        lot._receive_devices(
            [{"serial": f"TOUR-{index}", "product": laptop} for index in range(3)]
        )

        # Read the addons' static paths once here: left to the browser's first,
        # parallel requests, each thread parses every manifest at the same time,
        # which CPython 3.11 can fail at ("AST constructor recursion depth").
        self.assertIn("parcours_devices", http.root.statics)
        self.start_tour(
            "/odoo/action-parcours_devices.parcours_donation_lot_action",
            "parcours_triage_tour",
            login="tour_esat",
        )

        self.env.invalidate_all()
        order = lot.work_order_ids
        self.assertEqual(order.state, "done")
        self.assertEqual(set(lot.device_ids.mapped("parcours_stage")), {"to_refurbish"})
        self.assertEqual(order.line_ids.employee_id.name, "Tour supported worker")
        self.assertEqual(lot.state, "triaged")
