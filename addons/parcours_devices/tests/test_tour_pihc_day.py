# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "parcours_tour")
class TestPihcDayTour(HttpCase):
    """A refurbisher operator's day, from her home screen to the hand-off.

    She confirms the reception of devices the ESAT sent, refurbishes one of
    them (tests, erasure, system, grade), meets the error of a device without
    erasure, records it and sends the ready device to a third place.
    """

    def test_pihc_day_tour(self):
        env = self.env
        Organisation = env["parcours.organisation"]
        workshop = Organisation.create({"name": "Tour ESAT P", "role": "workshop"})
        pihc = Organisation.create({"name": "Tour PIHC P", "role": "refurbisher"})
        place = Organisation.create({"name": "Tour third place", "role": "third_place"})
        donor = Organisation.create({"name": "Tour Donor P", "role": "donor"})
        Employee = env["hr.employee"]
        esat_worker = Employee.create(
            {
                "name": "Tour ESAT worker",
                "parcours_organisation_id": workshop.id,
                "parcours_worker_type": "supported",
            }
        )
        worker = Employee.create(
            {
                "name": "Tour insertion worker",
                "parcours_organisation_id": pihc.id,
                "parcours_worker_type": "insertion",
            }
        )
        laptop = env["product.product"].create(
            {
                "name": "Tour laptop P",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "parcours_device_type": "laptop",
                "weight": 2.0,
            }
        )
        user = new_test_user(
            env,
            login="tour_pihc",
            groups="base.group_user,parcours_devices.group_refurbisher_operator",
            parcours_organisation_id=pihc.id,
        )
        # The ESAT's part of the chain: received, triaged, sent to the PIHC.
        lot = env["parcours.donation.lot"].create(
            {"donor_id": donor.id, "workshop_id": workshop.id}
        )
        lot._receive_devices(
            [{"serial": f"PIHC-T{index}", "product": laptop} for index in (1, 2)]
        )
        lot.action_start_triage()
        triage = lot.work_order_ids
        triage.employee_id = esat_worker
        triage.action_start()
        triage.line_ids.action_pass()
        triage.action_done()
        devices = lot.device_ids.sorted("name")
        incoming = devices._parcours_handoff(pihc)

        # Read the addons' static paths once here: left to the browser's first,
        # parallel requests, each thread parses every manifest at the same time,
        # which CPython 3.11 can fail at ("AST constructor recursion depth").
        self.assertIn("parcours_devices", http.root.statics)
        self.start_tour("/odoo", "parcours_pihc_day_tour", login="tour_pihc")

        self.env.invalidate_all()
        self.assertEqual(incoming.state, "done")
        self.assertEqual(incoming.parcours_confirmed_by_id, user)
        refurbished, waiting = devices
        self.assertEqual(waiting.parcours_stage, "to_refurbish")
        self.assertEqual(waiting.parcours_holder_id, pihc)
        self.assertEqual(refurbished.parcours_stage, "ready")
        self.assertEqual(refurbished.parcours_grade, "b")
        self.assertEqual(refurbished.parcours_os, "Linux Mint 22")
        line = refurbished.parcours_work_line_ids.filtered(
            lambda line: line.work_type == "refurbish"
        )
        self.assertEqual(line.state, "done")
        self.assertTrue(line.tests_passed)
        self.assertEqual(line.employee_id, worker)
        self.assertEqual(line.duration, 2.0)
        self.assertEqual(
            [(e.disk_serial, e.result, e.employee_id) for e in line.erasure_ids],
            [("DISK-T1", "passed", worker)],
        )
        outgoing = refurbished.parcours_handoff_id
        self.assertEqual(outgoing.parcours_sender_id, pihc)
        self.assertEqual(outgoing.parcours_receiver_id, place)
        self.assertEqual(outgoing.move_line_ids.lot_id, refurbished)
        self.assertNotEqual(outgoing.state, "done")
        self.assertEqual(refurbished.parcours_holder_id, pihc)
