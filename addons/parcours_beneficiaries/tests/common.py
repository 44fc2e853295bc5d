# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.parcours_devices.tests.common import ParcoursCase, RaceCase

# A cheque as the mediator records it: the slip lists it.
CHEQUE = {"number": "1234567", "bank": "Banque Test", "drawer": "Tireur Test"}


class BeneficiaryCase(ParcoursCase):
    """Two third places with a mediator each, and ready devices at the first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Organisation = cls.env["parcours.organisation"]
        cls.place2 = Organisation.create(
            {"name": "Tiers-lieu Test 2", "role": "third_place"}
        )
        cls.mediator = new_test_user(
            cls.env,
            login="mediator",
            groups="base.group_user,parcours_beneficiaries.group_mediator",
            parcours_organisation_id=cls.place.id,
        )
        cls.mediator2 = new_test_user(
            cls.env,
            login="mediator2",
            groups="base.group_user,parcours_beneficiaries.group_mediator",
            parcours_organisation_id=cls.place2.id,
        )
        cls.env.company.write(
            {
                "parcours_return_organisation_id": cls.pihc.id,
                "parcours_loan_months": 24,
                "parcours_contribution_amount": 25.0,
            }
        )
        cls.criterion = cls.env.ref("parcours_beneficiaries.criterion_rsa")
        cls.devices = cls._ready_devices(cls.place, 4, prefix="BEN-")

    # ---------------------------------------------------------------- helpers
    @classmethod
    def _ready_devices(cls, place, count, prefix):
        """Run ``count`` laptops through the chain up to ``place``, ready to lend."""
        lot = cls._received_lot(count, prefix=prefix)
        cls._triage(lot)
        cls._send(lot.device_ids, cls.pihc)
        order = cls._refurbish_order(lot.device_ids)
        order.action_done()
        cls._send(lot.device_ids, place)
        return lot.device_ids

    @classmethod
    def _beneficiary(cls, name="Jeanne Test", place=None, user=None, consent=True):
        Partner = cls.env["res.partner"]
        if user:
            Partner = Partner.with_user(user)
        return Partner.create(
            {
                "name": name,
                "zip": "26400",
                "city": "Crest",
                "parcours_is_beneficiary": True,
                "parcours_place_id": (place or cls.place).id,
                "parcours_criterion_ids": [Command.set(cls.criterion.ids)],
                "parcours_household_size": 2,
                "parcours_consent_date": fields.Date.today() if consent else False,
                "parcours_proof_ids": [Command.create({"proof_type": "benefit"})],
            }
        )

    @classmethod
    def _waiting_application(cls, partner, user=None):
        Application = cls.env["parcours.application"]
        if user:
            Application = Application.with_user(user)
        application = Application.create(
            {
                "partner_id": partner.id,
                "place_id": partner.parcours_place_id.id,
                "device_type": "laptop",
            }
        )
        application.action_submit()
        application.action_mark_eligible()
        application.action_add_to_waiting_list()
        return application

    @classmethod
    def _signed_agreement(cls, partner=None, user=None, device=None):
        """A beneficiary, an application, a reserved device, a signed agreement."""
        partner = partner or cls._beneficiary()
        application = cls._waiting_application(partner, user=user)
        device = device or application._proposed_devices()[:1]
        agreement = application._parcours_allocate(device)
        agreement.write(
            {
                "signature_date": fields.Date.today(),
                "witness_id": (user or cls.env.user).id,
            }
        )
        agreement.action_sign()
        return agreement


class ContributionCase(BeneficiaryCase):
    """Four loans at the test third place, counted by hand.

    March 2025: Alice (Crest) pays 25 € cash on the 5th and Bruno (Saillans)
    by cheque on the 20th; both take their laptop home. April: Chloé (Crest)
    signs and has not paid yet; Denise (Crest) signs and the back office waives
    her contribution.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        people = {}
        for name, day, city, zip_code, level in (
            ("Alice Test", "2025-03-05", "Crest", "26400", "beginner"),
            ("Bruno Test", "2025-03-20", "Saillans", "26340", "none"),
            ("Chloé Test", "2025-04-02", "Crest", "26400", "basic"),
            ("Denise Test", "2025-04-03", "Crest", "26400", "basic"),
        ):
            with freeze_time(f"{day} 10:00:00"):
                partner = cls._beneficiary(name=name)
                partner.write(
                    {"city": city, "zip": zip_code, "parcours_digital_level": level}
                )
                people[name.split()[0].lower()] = cls._signed_agreement(partner)
        cls.alice, cls.bruno = people["alice"], people["bruno"]
        cls.chloe, cls.denise = people["chloé"], people["denise"]
        for agreement, method, day in (
            (cls.alice, "cash", "2025-03-05"),
            (cls.bruno, "cheque", "2025-03-20"),
        ):
            with freeze_time(f"{day} 11:00:00"):
                agreement._parcours_register_payment(method, cheque=CHEQUE)
                agreement.action_handover()
        with freeze_time("2025-04-03 11:00:00"):
            cls.denise.waiver_reason = "Household without any income this month."
            cls.denise.with_user(cls.officer).action_waive()
        cls.agreements = cls.alice | cls.bruno | cls.chloe | cls.denise
        cls.payments = cls.env["account.payment"].search(
            [("partner_id", "in", cls.agreements.partner_id.ids)], order="date"
        )

    @classmethod
    def _remittance(
        cls, user, date_from="2025-03-01", date_to="2025-03-31", place=None
    ):
        return (
            cls.env["parcours.remittance"]
            .with_user(user)
            .create(
                {
                    "place_id": (place or cls.place).id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
        )


def race_place(env, tag, stage, people):
    """For a RaceCase: a third place, one of its devices at ``stage`` and
    ``people`` of its beneficiaries, made in the transaction to commit."""
    place = env["parcours.organisation"].create(
        {"name": f"Race place {tag}", "role": "third_place"}
    )
    __, device = RaceCase._place_device(env, place, stage, tag)
    partners = env["res.partner"].create(
        [
            {
                "name": f"Race beneficiary {tag} {index}",
                "zip": "26000",
                "parcours_is_beneficiary": True,
                "parcours_place_id": place.id,
                "parcours_consent_date": fields.Date.today(),
            }
            for index in range(people)
        ]
    )
    return place, device, partners
