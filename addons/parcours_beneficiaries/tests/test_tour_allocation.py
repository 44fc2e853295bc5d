# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "parcours_tour")
class TestAllocationTour(HttpCase):
    """A mediator takes the first of the waiting list, reserves a laptop, signs."""

    def test_allocation_tour(self):
        env = self.env
        place = env["parcours.organisation"].create(
            {"name": "Tour third place", "role": "third_place"}
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
        device = env["stock.lot"].create(
            {"name": "TOUR-READY-1", "product_id": laptop.id, "parcours_stage": "ready"}
        )
        env["stock.quant"]._update_available_quantity(
            laptop, place.location_id, 1, lot_id=device
        )
        mediator = new_test_user(
            env,
            login="tour_mediator",
            groups="base.group_user,parcours_beneficiaries.group_mediator",
            parcours_organisation_id=place.id,
        )
        beneficiary = env["res.partner"].create(
            {
                "name": "Tour Beneficiary",
                "zip": "26400",
                "parcours_is_beneficiary": True,
                "parcours_place_id": place.id,
                "parcours_consent_date": fields.Date.today(),
                "parcours_criterion_ids": [
                    Command.set(env.ref("parcours_beneficiaries.criterion_rsa").ids)
                ],
                "parcours_proof_ids": [Command.create({"proof_type": "benefit"})],
            }
        )
        application = env["parcours.application"].create(
            {"partner_id": beneficiary.id, "place_id": place.id, "user_id": mediator.id}
        )
        application.action_submit()
        application.action_mark_eligible()
        application.action_add_to_waiting_list()

        # Read the addons' static paths once here: left to the browser's first,
        # parallel requests, each thread parses every manifest at the same time,
        # which CPython 3.11 can fail at ("AST constructor recursion depth").
        self.assertIn("parcours_devices", http.root.statics)
        self.start_tour(
            "/odoo/action-parcours_beneficiaries.parcours_application_action_waiting",
            "parcours_allocation_tour",
            login="tour_mediator",
        )

        self.env.invalidate_all()
        agreement = application.agreement_ids
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.lot_id, device)
        self.assertEqual(device.parcours_stage, "reserved")
        self.assertEqual(application.state, "allocated")
        self.assertEqual(agreement.invoice_id.amount_total, 25.0)
        self.assertEqual(agreement.witness_id, mediator)
