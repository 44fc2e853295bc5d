# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class ParcoursApplication(models.Model):
    _inherit = "parcours.application"

    @api.model
    def _demo_tell_story(self):
        """Run the demo beneficiaries through the real steps, one per stage.

        Called by the demo data only, after parcours_devices' demo put ready
        devices at the third place of Crest.
        """
        ref = self.env.ref
        crest = ref("parcours_devices.organisation_place_crest_demo")
        company = self.env.company
        company.parcours_return_organisation_id = ref(
            "parcours_devices.organisation_pihc_demo"
        )
        mediator = ref("parcours_beneficiaries.user_mediator_demo")
        today = fields.Date.context_today(self)
        people = [
            ref(f"parcours_beneficiaries.beneficiary_{key}_demo")
            for key in ("amina", "bernard", "chloe", "david", "emma", "farid", "gisele")
        ]
        proofs = [
            Command.create({"proof_type": proof, "user_id": mediator.id})
            for proof in ("identity", "benefit")
        ]
        for person in people:
            person.parcours_proof_ids = proofs
        applications = self.create(
            [
                {
                    "partner_id": person.id,
                    "place_id": person.parcours_place_id.id,
                    "user_id": mediator.id,
                    "device_type": "laptop",
                }
                for person in people
            ]
        )
        amina, bernard, chloe, david, emma, farid, gisele = applications
        # Gisèle's application stays a draft; Farid's is submitted.
        (applications - gisele).action_submit()
        (applications - gisele - farid).action_mark_eligible()
        emma.reject_reason = "Already equipped with a computer by her employer."
        emma.action_reject()
        (amina | bernard | chloe | david).action_add_to_waiting_list()
        # Amina, Bernard and Chloé get a device; David waits.
        agreements = self.env["parcours.loan.agreement"]
        for application in amina | bernard | chloe:
            device = application._proposed_devices()[:1]
            if device:
                agreements |= application._parcours_allocate(device)
        signed = agreements.filtered(lambda a: a.partner_id != people[2])
        signed.write({"signature_date": today, "witness_id": mediator.id})
        signed.action_sign()
        # Amina paid cash and took her laptop home; Bernard has not paid yet.
        paid = signed.filtered(lambda a: a.partner_id == people[0])
        paid._parcours_register_payment("cash")
        paid.action_handover()
        # An older loan, started two years ago and ending within 30 days.
        old_device = crest.location_id and self._proposed_devices_for(crest)
        if old_device:
            old = self.env["parcours.loan.agreement"].create(
                {
                    "partner_id": people[3].id,
                    "place_id": crest.id,
                    "user_id": mediator.id,
                    "lot_id": old_device.id,
                    "start_date": today - relativedelta(months=23, days=10),
                    "signature_date": today - relativedelta(months=23, days=10),
                    "witness_id": mediator.id,
                    "waived": True,
                    "waiver_reason": "Pilot phase of the Parcours: no contribution.",
                    "amount": 0.0,
                }
            )
            old_device._parcours_set_stage("reserved")
            old.action_sign()
            old.action_handover()
            self.env["parcours.loan.agreement"]._cron_term_reminders()
        # Two loans of the pilot phase, over: one device came back to PIHC for a
        # new erasure, one was stolen.
        for person, outcome in (
            (people[2], "action_return"),
            (people[1], "action_declare_stolen"),
        ):
            device = self._proposed_devices_for(crest)
            if not device:
                break
            past = self.env["parcours.loan.agreement"].create(
                {
                    "partner_id": person.id,
                    "place_id": crest.id,
                    "user_id": mediator.id,
                    "lot_id": device.id,
                    "start_date": today - relativedelta(months=14),
                    "signature_date": today - relativedelta(months=14),
                    "witness_id": mediator.id,
                    "waived": True,
                    "waiver_reason": "Pilot phase of the Parcours: no contribution.",
                    "amount": 0.0,
                }
            )
            device._parcours_set_stage("reserved")
            past.action_sign()
            past.action_handover()
            getattr(past, outcome)()

    @api.model
    def _proposed_devices_for(self, place):
        return self.env["stock.lot"].search(
            [("parcours_stage", "=", "ready"), ("parcours_holder_id", "=", place.id)],
            limit=1,
        )
