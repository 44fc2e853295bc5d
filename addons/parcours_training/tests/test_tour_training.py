# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "parcours_tour")
class TestTrainingTour(HttpCase):
    """A mediator plans a workshop, registers two people, marks attendance,
    records a Pass numérique and prints a certificate."""

    def test_training_tour(self):
        env = self.env
        place = env["parcours.organisation"].create(
            {"name": "Tour training place", "role": "third_place"}
        )
        new_test_user(
            env,
            login="tour_trainer",
            groups="base.group_user,parcours_beneficiaries.group_mediator",
            parcours_organisation_id=place.id,
            tz="Europe/Paris",
        )
        env["event.type"].create(
            {
                "name": "Tour getting started",
                "parcours_is_workshop": True,
                "parcours_duration": 2.0,
                "has_seats_limitation": True,
                "seats_max": 6,
                "parcours_theme_id": env.ref(
                    "parcours_training.event_tag_theme_prendre_en_main_du_materiel"
                ).id,
            }
        )
        people = env["res.partner"].create(
            [
                {
                    "name": f"Tour Person {number}",
                    "zip": "26400",
                    "parcours_is_beneficiary": True,
                    "parcours_place_id": place.id,
                    "parcours_consent_date": fields.Date.today(),
                }
                for number in ("One", "Two")
            ]
        )
        # No PDF engine in the tour, wherever it runs: the certificate opens as
        # HTML in the web client, which the tour can see.
        self.patch(
            type(env["ir.actions.report"]), "get_wkhtmltopdf_state", lambda s: "install"
        )
        self.assertIn("parcours_training", http.root.statics)
        self.start_tour(
            "/odoo/action-parcours_training.event_event_action_parcours",
            "parcours_training_tour",
            login="tour_trainer",
        )

        self.env.invalidate_all()
        workshop = env["event.event"].search(
            [("name", "=", "Tour getting started session")]
        )
        self.assertEqual(workshop.parcours_place_id, place)
        self.assertEqual(workshop.parcours_duration, 2.0)
        self.assertEqual(workshop.registration_ids.partner_id, people)
        self.assertEqual(set(workshop.registration_ids.mapped("state")), {"done"})
        voucher = env["parcours.pass"].search([("name", "=", "TOUR0001")])
        self.assertEqual(voucher.partner_id, people[0])
        self.assertEqual(voucher.value, 10.0)
