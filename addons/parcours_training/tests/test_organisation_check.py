# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Links checked against the organisation, as Odoo checks companies.

A mediator of one third place, on her own support session or skills
assessment, writes the id of a person of another third place: refused, with a
message that names neither that person nor her place, and nothing written.
Every declared field of every model is tried by the boundary suites
(tests/test_boundary.py); these tests show the rule on the cases of the issue.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestOrganisationCheck(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = (
            cls.env["parcours.support.session"]
            .with_user(cls.mediator)
            .create(
                {
                    "partner_id": cls.alice.id,
                    "theme_ids": [(6, 0, cls.theme_email.ids)],
                }
            )
        )
        cls.assessment = (
            cls.env["parcours.skill.assessment"]
            .with_user(cls.mediator)
            .create({"partner_id": cls.alice.id, "event_type_id": cls.email_type.id})
        )

    def _assert_link_refused(self, record, name, value, user):
        before = record.sudo()[name]
        with self.assertRaises(UserError) as caught, mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                record.with_user(user).write({name: value})
        message = str(caught.exception)
        self.assertIn("belongs to another organisation", message)
        # trying ids must not reveal names
        self.assertNotIn(self.other.name, message)
        self.assertNotIn(self.place2.name, message)
        record.invalidate_recordset()
        self.assertEqual(record.sudo()[name], before)

    def test_declared_fields(self):
        Session = self.env["parcours.support.session"]
        self.assertIn("partner_id", Session._parcours_organisation_checked_fields())
        self.assertIn("user_id", Session._parcours_organisation_checked_fields())
        self.assertEqual(Session._parcours_organisation_field, "place_id")

    def test_person_of_another_place_refused_on_her_session(self):
        self._assert_link_refused(
            self.session, "partner_id", self.other.id, self.mediator
        )
        self.assertEqual(self.session.place_id, self.place)
        self.assertEqual(self.session.partner_id, self.alice)

    def test_person_of_another_place_refused_on_her_assessment(self):
        self._assert_link_refused(
            self.assessment, "partner_id", self.other.id, self.mediator
        )

    def test_mediator_of_another_place_refused(self):
        self._assert_link_refused(
            self.session, "user_id", self.mediator2.id, self.mediator
        )

    def test_refused_for_the_back_office_too(self):
        # A training record follows its person's place: even the superuser
        # cannot link a person of another place (the place's export reads it).
        self._assert_link_refused(
            self.session, "partner_id", self.other.id, self.env.ref("base.user_root")
        )
        with self.assertRaises(UserError), mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                self.session.sudo().write({"partner_id": self.other.id})

    def test_own_place_and_back_office_users_accepted(self):
        self.session.with_user(self.mediator).write(
            {"partner_id": self.bruno.id, "user_id": self.officer.id}
        )
        self.assertEqual(self.session.partner_id, self.bruno)
        self.assertEqual(self.session.user_id, self.officer)

    def test_create_with_another_place_registration_refused(self):
        workshop = self._workshop(user=self.mediator2)
        registration = self._register(workshop, self.other, user=self.mediator2)
        with self.assertRaises(UserError), mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                self.env["event.registration"].sudo().create(
                    {"event_id": workshop.id, "partner_id": self.alice.id}
                )
        self.assertEqual(workshop.registration_ids, registration)
