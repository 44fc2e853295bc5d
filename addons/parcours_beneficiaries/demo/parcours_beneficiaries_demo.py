# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

PILOT = "Phase pilote du Parcours : pas de participation."


class ParcoursApplication(models.Model):
    _inherit = "parcours.application"

    @api.model
    def _demo_explain_priorities(self):
        """The demo's priority explanations, in the stories' language.

        The explanation is stored, computed in the language of whatever flushed
        it (during an install, the data loader's English): the demo data writes
        it again in French when the database speaks it.
        """
        lang = self.env["res.lang"]._demo_lang()
        self.with_context(lang=lang).search([])._compute_priority()

    @api.model
    def _demo_tell_story(self):
        """Run the demo beneficiaries through the real steps, one per stage.

        Called by the demo data only, after parcours_devices' demo put six
        ready devices at the third place of Crest: four laptops, two desktops.
        The mediator of Crest takes every step of her job, the département's
        officer those of the other third places and the waivers of the pilot
        phase: each with their own rights.
        """
        self = self.with_context(
            lang=self.env["res.lang"]._demo_lang(
                ["parcours_base", "parcours_devices", "parcours_beneficiaries"]
            )
        )
        ref = self.env.ref
        self.env.company.parcours_return_organisation_id = ref(
            "parcours_devices.organisation_pihc_demo"
        )
        mediator = ref("parcours_beneficiaries.user_mediator_demo")
        officer = ref("parcours_devices.user_officer_demo")
        today = fields.Date.context_today(self)
        people = {
            key: ref(f"parcours_beneficiaries.beneficiary_{key}_demo")
            for key in (
                "amina",
                "bernard",
                "chloe",
                "david",
                "emma",
                "farid",
                "gisele",
                "helene",
            )
        }
        for person in people.values():
            # checked by the mediator of the person's place, or the back office:
            # a link to another place's mediator is refused
            checker = (
                mediator
                if person.parcours_place_id == mediator.parcours_organisation_id
                else officer
            )
            person.parcours_proof_ids = [
                Command.create({"proof_type": proof, "user_id": checker.id})
                for proof in ("identity", "benefit")
            ]

        def apply(key, device_type="laptop"):
            """The mediator applies for the people of Crest, the officer elsewhere."""
            person = people[key]
            place = person.parcours_place_id
            user = mediator if place == mediator.parcours_organisation_id else officer
            return self.with_user(user).create(
                {
                    "partner_id": person.id,
                    "place_id": place.id,
                    "user_id": user.id,
                    "device_type": device_type,
                }
            )

        def to_waiting_list(applications):
            applications.action_submit()
            applications.action_mark_eligible()
            applications.action_add_to_waiting_list()

        def allocate(application):
            device = application._proposed_devices()[:1]
            if not device:
                raise UserError(
                    f"Demo: no ready laptop left at {application.place_id.name} for "
                    f"{application.partner_id.name}; the devices' demo must put four "
                    "laptops and two desktops there."
                )
            return application._parcours_allocate(device)

        def pilot_loan(key, started, device_type):
            """A loan of the pilot phase: contribution waived by the officer."""
            application = apply(key, device_type)
            to_waiting_list(application)
            agreement = allocate(application)
            agreement.write({"start_date": started, "signature_date": started})
            as_officer = agreement.with_user(officer)
            as_officer.waiver_reason = PILOT
            as_officer.action_waive()
            agreement.action_sign()
            agreement.action_handover()
            return agreement

        # Two loans of the pilot phase, over: Chloé's desktop came back to PIHC
        # for a new erasure, Bernard's laptop was stolen. Both applied again since.
        started = today - relativedelta(months=14)
        pilot_loan("chloe", started, "desktop").action_return()
        pilot_loan("bernard", started, "laptop").action_declare_stolen()
        # Hélène's loan started almost two years ago: it ends within 30 days.
        pilot_loan("helene", today - relativedelta(months=23, days=10), "desktop")
        self.env["parcours.loan.agreement"]._cron_term_reminders()

        amina, bernard, chloe, david, emma, farid = (
            apply(key)
            for key in ("amina", "bernard", "chloe", "david", "emma", "farid")
        )
        # Emma (Nyons) was rejected; Farid's (Die) is submitted; Gisèle's (Nyons)
        # stays a draft. The officer takes the steps of those third places.
        apply("gisele")
        (emma | farid).action_submit()
        emma.action_mark_eligible()
        emma.reject_reason = "Déjà équipée d'un ordinateur par son employeur."
        emma.action_reject()
        to_waiting_list(amina | bernard | chloe | david)
        # Amina, Bernard and Chloé get a device; David waits.
        signed = allocate(amina) | allocate(bernard)
        allocate(chloe)
        signed.write({"signature_date": today, "witness_id": mediator.id})
        signed.action_sign()
        # Amina paid cash and took her laptop home; Bernard has not paid yet.
        paid = signed.filtered(lambda a: a.application_id == amina)
        paid._parcours_register_payment("cash")
        paid.action_handover()
