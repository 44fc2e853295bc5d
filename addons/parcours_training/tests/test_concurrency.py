# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from datetime import timedelta

from odoo import api, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.parcours_devices.tests.common import DISABLED_MAIL_CONTEXT, RaceCase


@tagged("post_install", "-at_install", "parcours_race")
class TestTrainingRaces(RaceCase):
    """Two mediators at the same moment: the database decides.

    One pass number taken in two transactions, the last seat of a workshop
    booked in two transactions, and the seats of a workshop lowered while its
    last seat is booked. Both see the same committed workshop, people
    and registrations, created here and removed afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            place = env["parcours.organisation"].create(
                {"name": f"Race place {tag}", "role": "third_place"}
            )
            mediator = env["res.users"].create(
                {
                    "name": f"Race mediator {tag}",
                    "login": f"race_mediator_{tag}",
                    "parcours_organisation_id": place.id,
                    "groups_id": [
                        fields.Command.set(
                            [env.ref("parcours_beneficiaries.group_mediator").id]
                        )
                    ],
                }
            )
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Race person {tag} {index}",
                        "zip": "26400",
                        "parcours_is_beneficiary": True,
                        "parcours_place_id": place.id,
                        "parcours_consent_date": fields.Date.today(),
                    }
                    for index in range(4)
                ]
            )
            getting_started = env.ref("parcours_training.event_type_getting_started")
            begin = fields.Datetime.now() - timedelta(hours=1)
            workshops = env["event.event"].create(
                [
                    {
                        "name": f"Race workshop {tag} {index}",
                        "event_type_id": getting_started.id,
                        "parcours_place_id": place.id,
                        "user_id": mediator.id,
                        "date_begin": begin,
                        "seats_max": seats,
                    }
                    for index, seats in enumerate((8, 1, 2))
                ]
            )
            registrations = env["event.registration"].create(
                [
                    {"event_id": workshops[0].id, "partner_id": partner.id}
                    for partner in partners[:2]
                ]
                # one of the two seats of the third workshop taken
                + [{"event_id": workshops[2].id, "partner_id": partners[0].id}]
            )
            cls.ids = {
                "place": place.id,
                "location": place.location_id.id,
                "journal": place.journal_id.id,
                "mediator": mediator.id,
                # The people, the mediator's and the place's own contact.
                "partners": (partners | mediator.partner_id | place.partner_id).ids,
                "workshops": workshops.ids,
                "registrations": registrations.ids,
                "tag": tag,
            }

    @classmethod
    def tearDownClass(cls):
        ids = cls.ids
        with cls._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            place = env["parcours.organisation"].browse(ids["place"])
            # The place's hand-off type, location and journal go once the place
            # lets them go.
            handoff_type = place.handoff_type_id
            place.write(
                {"location_id": False, "journal_id": False, "handoff_type_id": False}
            )
            handoff_type.unlink()
            for model, domain in (
                (
                    "parcours.pass",
                    [("registration_id.event_id", "in", ids["workshops"])],
                ),
                ("event.registration", [("event_id", "in", ids["workshops"])]),
                ("event.event", [("id", "in", ids["workshops"])]),
                ("res.users", [("id", "=", ids["mediator"])]),
                ("stock.location", [("id", "=", ids["location"])]),
                ("account.journal", [("id", "=", ids["journal"])]),
                ("parcours.organisation", [("id", "=", ids["place"])]),
                ("res.partner", [("id", "in", ids["partners"])]),
            ):
                env[model].with_context(active_test=False).search(domain).unlink()
        super().tearDownClass()

    def _mediator_env(self, cr):
        return api.Environment(cr, self.ids["mediator"], DISABLED_MAIL_CONTEXT)

    def _take_pass(self, cr, index):
        env = self._mediator_env(cr)
        env["parcours.pass"].create(
            {
                "name": f"RACE-{self.ids['tag']}",
                "registration_id": self.ids["registrations"][index],
            }
        )
        env.flush_all()

    def test_a_pass_number_used_once(self):
        error = self.race(self._take_pass)
        self.assertEqual(error.pgcode, "23505")  # unique_violation
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            passes = env["parcours.pass"].search(
                [("name", "=", f"RACE-{self.ids['tag']}".upper())]
            )
            self.assertEqual(len(passes), 1)
            self.assertEqual(passes.registration_id.id, self.ids["registrations"][0])

    def _book_last_seat(self, cr, index):
        env = self._mediator_env(cr)
        env["event.registration"].create(
            {
                "event_id": self.ids["workshops"][1],
                "partner_id": self.ids["partners"][2 + index],
            }
        )
        env.flush_all()

    def test_the_last_seat_booked_once(self):
        error = self.race(self._book_last_seat)
        self.assertEqual(error.pgcode, "40001")  # serialization_failure
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            workshop = env["event.event"].browse(self.ids["workshops"][1])
            self.assertEqual(
                workshop.registration_ids.partner_id.ids, [self.ids["partners"][2]]
            )  # the first one's person
        # Odoo retries the refused transaction: now it sees the workshop full.
        with self._cursor() as cr:
            with self.assertRaises(ValidationError) as catcher:
                self._book_last_seat(cr, 1)
            self.assertIn("is full", str(catcher.exception))
            cr.rollback()

    def _lower_seats_or_book(self, cr, index):
        env = self._mediator_env(cr)
        workshop = env["event.event"].browse(self.ids["workshops"][2])
        if index == 0:
            # 1 seat for the 1 registration: valid alone
            workshop.write({"seats_max": 1})
        else:
            # the second seat of 2: valid alone
            env["event.registration"].create(
                {"event_id": workshop.id, "partner_id": self.ids["partners"][3]}
            )
        env.flush_all()

    def test_seats_lowered_while_the_last_one_is_booked(self):
        error = self.race(self._lower_seats_or_book)
        self.assertEqual(error.pgcode, "40001")  # serialization_failure
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            workshop = env["event.event"].browse(self.ids["workshops"][2])
            self.assertEqual(workshop.seats_max, 1)
            self.assertEqual(
                workshop.registration_ids.partner_id.ids, [self.ids["partners"][0]]
            )
        # Odoo retries the refused booking: now it sees the workshop full.
        with self._cursor() as cr:
            with self.assertRaises(ValidationError) as catcher:
                self._lower_seats_or_book(cr, 1)
            self.assertIn("is full", str(catcher.exception))
            cr.rollback()
