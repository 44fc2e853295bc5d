# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.parcours_devices.tests.common import ParcoursCase


@tagged("post_install", "-at_install", "parcours_tour")
class TestMediatorDayTour(ParcoursCase, HttpCase):
    """A mediator's whole day, from her home screen in the browser.

    She confirms the reception of a device the refurbisher handed off to her
    third place, allocates it to the first of her waiting list, prints and
    signs the agreement, collects the 25 € in cash and prints the receipt,
    hands the device over, registers the person to the getting-started
    workshop and marks her attendance.
    """

    def test_mediator_day_tour(self):
        env = self.env
        place = self.place
        env.company.write(
            {
                "parcours_contribution_amount": 25.0,
                "parcours_loan_months": 24,
                "parcours_return_organisation_id": self.pihc.id,
                # The workshop follows the handover, within a month.
                "parcours_training_gate": "after",
                "parcours_training_gate_days": 30,
                "parcours_training_gate_type_id": env.ref(
                    "parcours_training.event_type_getting_started"
                ).id,
            }
        )
        # A laptop through the chain: triaged at the ESAT, refurbished and
        # erased at the PIHC, then handed off by the refurbisher to the place.
        lot = self._received_lot(1, prefix="DAY-")
        self._triage(lot)
        device = lot.device_ids
        self._send(device, self.pihc)
        self._refurbish_order(device).action_done()
        self.assertEqual(device.parcours_stage, "ready")
        self.assertTrue(device.sudo().parcours_erasure_ids)
        handoff = (
            env["parcours.handoff.wizard"]
            .with_user(self.pihc_user)
            .with_context(active_model="stock.lot", active_ids=device.ids)
            .create({"organisation_id": place.id})
            .action_send()
        )
        handoff = env["stock.picking"].browse(handoff["res_id"])
        self.assertEqual(handoff.state, "assigned")

        mediator = new_test_user(
            env,
            login="day_mediator",
            name="Day Mediator",
            groups="base.group_user,parcours_beneficiaries.group_mediator",
            parcours_organisation_id=place.id,
            tz="Europe/Paris",
        )
        self.assertFalse(mediator.action_id)
        beneficiary = env["res.partner"].create(
            {
                "name": "Day Beneficiary",
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
        # The session of the getting-started workshop began half an hour ago.
        workshop = (
            env["event.event"]
            .with_user(mediator)
            .create(
                {
                    "name": "Day getting started",
                    "event_type_id": env.ref(
                        "parcours_training.event_type_getting_started"
                    ).id,
                    "date_begin": fields.Datetime.now() - timedelta(minutes=30),
                }
            )
        )
        self.assertEqual(workshop.parcours_place_id, place)
        # No PDF engine in the tour, wherever it runs: the reports open as HTML
        # in the web client, which the tour can see.
        self.patch(
            type(env["ir.actions.report"]), "get_wkhtmltopdf_state", lambda s: "install"
        )

        self.assertIn("parcours_training", http.root.statics)
        self.start_tour("/odoo", "parcours_mediator_day_tour", login="day_mediator")

        self.env.invalidate_all()
        self.assertEqual(handoff.state, "done")
        self.assertEqual(handoff.parcours_confirmed_by_id, mediator)
        agreement = application.agreement_ids
        self.assertEqual(len(agreement), 1)
        self.assertEqual(agreement.lot_id, device)
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.witness_id, mediator)
        self.assertEqual(application.state, "handed_over")
        self.assertEqual(agreement.invoice_id.amount_total, 25.0)
        self.assertIn(agreement.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertEqual(agreement.contribution_method, "cash")
        self.assertEqual(device.parcours_stage, "lent")
        self.assertEqual(
            agreement.parcours_training_due_date,
            fields.Date.context_today(agreement) + timedelta(days=30),
        )
        registration = workshop.registration_ids
        self.assertEqual(registration.partner_id, beneficiary)
        self.assertEqual(registration.state, "done")
        self.assertEqual(agreement._parcours_attended_gate(), agreement)
