# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestWorkshopRegistration(TrainingCase):
    """A mediator registers a person to a workshop from her file or her loan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.today_session = cls._workshop(begin=now - timedelta(minutes=30))
        cls.next_session = cls._workshop(
            event_type=cls.email_type, begin=now + timedelta(days=3)
        )
        cls.past_session = cls._workshop(begin=now - timedelta(days=3))
        cls.other_session = cls._workshop(
            user=cls.mediator2, begin=now + timedelta(days=1)
        )

    def _wizard(self, partner, user=None):
        user = user or self.mediator
        action = partner.with_user(user).action_parcours_register_workshop()
        self.assertEqual(action["res_model"], "parcours.workshop.registration.wizard")
        return (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({})
        )

    def test_register_from_the_agreement(self):
        agreement = self._signed_agreement(partner=self.alice, user=self.mediator)
        action = agreement.with_user(self.mediator).action_parcours_register_workshop()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.mediator)
            .with_context(**action["context"])
            .create({})
        )
        # Only the workshops of her place she may still attend, the
        # getting-started one first.
        self.assertEqual(
            wizard.allowed_event_ids, self.today_session | self.next_session
        )
        self.assertEqual(wizard.event_id, self.today_session)
        result = wizard.action_register()

        self.assertEqual(result["res_model"], "event.event")
        self.assertEqual(result["res_id"], self.today_session.id)
        registration = self.today_session.registration_ids
        self.assertEqual(registration.partner_id, self.alice)
        self.assertEqual(registration.state, "open")
        # Registered: the session is no longer proposed to her.
        self.assertEqual(self._wizard(self.alice).allowed_event_ids, self.next_session)

    def test_no_workshop_of_another_place(self):
        wizard = self._wizard(self.bruno)
        wizard.event_id = self.past_session
        with self.assertRaises(UserError):
            wizard.action_register()
        self.assertFalse(self.past_session.registration_ids)
        # The other place's mediator cannot even open the person's file, nor
        # can the accountant, who reads the loans, register anyone.
        with self.assertRaises(AccessError):
            self.bruno.with_user(self.mediator2).action_parcours_register_workshop()
        agreement = self._signed_agreement(partner=self.bruno, user=self.mediator)
        for method in (
            agreement.with_user(self.accountant).action_parcours_register_workshop,
            self.bruno.with_user(self.accountant).action_parcours_register_workshop,
        ):
            with self.subTest(method=method), self.assertRaises(AccessError):
                method()

    def test_the_registration_keeps_its_own_checks(self):
        """The wizard's list is a convenience: the registration is checked."""
        wizard = self._wizard(self.other, user=self.mediator2)
        wizard.event_id = self.other_session
        wizard.action_register()
        # Whatever workshop is sent, she registers only the people of her own
        # place, to its workshops: the wizard refuses, and so does the
        # registration itself when asked without the wizard.
        Wizard = self.env["parcours.workshop.registration.wizard"]
        with self.assertRaises(UserError):
            Wizard.with_user(self.mediator).create(
                {"partner_id": self.other.id, "event_id": self.today_session.id}
            ).action_register()
        with self.assertRaises(AccessError):
            self._register(self.today_session, self.other)
        self.assertFalse(
            self.today_session.registration_ids.filtered(
                lambda r: r.partner_id == self.other
            )
        )
