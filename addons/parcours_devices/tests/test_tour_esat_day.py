# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "parcours_tour")
class TestEsatDayTour(HttpCase):
    """A workshop operator's day, from her home screen to the hand-off.

    She receives an expected lot from a spreadsheet, triages it, dismantles the
    reject into recycling fractions, logs a worker's hours, reads the lot's mass
    balance and sends the good devices to the refurbisher.
    """

    def test_esat_day_tour(self):
        env = self.env
        Organisation = env["parcours.organisation"]
        workshop = Organisation.create({"name": "Tour ESAT", "role": "workshop"})
        self.pihc = Organisation.create({"name": "Tour PIHC", "role": "refurbisher"})
        donor = Organisation.create({"name": "Tour Donor ESAT", "role": "donor"})
        worker = env["hr.employee"].create(
            {
                "name": "Tour supported worker",
                "parcours_organisation_id": workshop.id,
                "parcours_worker_type": "supported",
            }
        )
        env["product.product"].create(
            {
                "name": "Tour laptop",
                "default_code": "TOUR-LAP",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "parcours_device_type": "laptop",
                "weight": 2.0,
            }
        )
        new_test_user(
            env,
            login="tour_esat",
            groups="base.group_user,parcours_devices.group_workshop_operator",
            parcours_organisation_id=workshop.id,
        )
        # Expected, no device yet: they come with the spreadsheet of the tour.
        lot = env["parcours.donation.lot"].create(
            {"donor_id": donor.id, "workshop_id": workshop.id, "declared_qty": 3}
        )

        # Read the addons' static paths once here: left to the browser's first,
        # parallel requests, each thread parses every manifest at the same time,
        # which CPython 3.11 can fail at ("AST constructor recursion depth").
        self.assertIn("parcours_devices", http.root.statics)
        self.start_tour("/odoo", "parcours_esat_day_tour", login="tour_esat")

        self.env.invalidate_all()
        devices = lot.device_ids.sorted("name")
        self.assertEqual(devices.mapped("name"), ["ESAT-T1", "ESAT-T2", "ESAT-T3"])
        self.assertEqual(lot.received_weight, 6.0)
        self.assertEqual(
            devices.mapped("parcours_stage"),
            ["to_refurbish", "to_refurbish", "recycled"],
        )
        self.assertTrue(all(devices.mapped("parcours_stage_date")))
        triage = lot.work_order_ids.filtered(lambda o: o.work_type == "triage")
        dismantle = lot.work_order_ids.filtered(lambda o: o.work_type == "dismantle")
        self.assertEqual((triage | dismantle).mapped("state"), ["done", "done"])
        reject_line = triage.line_ids.filtered(lambda line: line.result == "fail")
        self.assertEqual(reject_line.lot_id.name, "ESAT-T3")
        self.assertEqual(reject_line.fail_reason, "broken")
        self.assertEqual(triage.line_ids.employee_id, worker)
        self.assertEqual(triage.duration_total, 1.5)
        self.assertEqual(dismantle.line_ids.lot_id, devices[2])
        self.assertEqual(
            [(f.material, f.weight, f.channel_id.name) for f in dismantle.fraction_ids],
            [("metal", 1.5, "Metals")],
        )
        self.assertEqual(lot.weight_reused, 4.0)
        self.assertEqual(lot.weight_recycled, 1.5)
        handoff = devices[:2].parcours_handoff_id
        self.assertEqual(len(handoff), 1)
        self.assertEqual(handoff.parcours_receiver_id, self.pihc)
        self.assertEqual(handoff.move_line_ids.lot_id, devices[:2])
        self.assertNotEqual(handoff.state, "done")
        self.assertFalse(handoff.parcours_confirmed_by_id)
        # The devices stay at the workshop until the PIHC confirms.
        self.assertEqual(devices[:2].parcours_holder_id, workshop)
