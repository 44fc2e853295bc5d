# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# The coarse fields of the national activity record, per demo person.
NATIONAL_RECORD = {
    "parcours_beneficiaries.beneficiary_amina_demo": (
        "feminin",
        "40_59",
        "sans_emploi",
        "26108",
    ),
    "parcours_beneficiaries.beneficiary_bernard_demo": (
        "masculin",
        "70_plus",
        "retraite",
        "26017",
    ),
    "parcours_beneficiaries.beneficiary_chloe_demo": (
        "feminin",
        "18_24",
        "scolarise",
        "26108",
    ),
    "parcours_beneficiaries.beneficiary_david_demo": (
        "masculin",
        "25_39",
        "sans_emploi",
        "26333",
    ),
    "parcours_beneficiaries.beneficiary_emma_demo": (
        "feminin",
        "25_39",
        "en_emploi",
        "26220",
    ),
    "parcours_beneficiaries.beneficiary_farid_demo": (
        "masculin",
        "18_24",
        "sans_emploi",
        "26113",
    ),
    "parcours_beneficiaries.beneficiary_gisele_demo": (
        "feminin",
        "60_69",
        "retraite",
        "26220",
    ),
    "parcours_training.resident_josiane_demo": (
        "feminin",
        "70_plus",
        "retraite",
        "26108",
    ),
    "parcours_training.resident_marcel_demo": (
        "masculin",
        "60_69",
        "retraite",
        "26220",
    ),
    "parcours_training.resident_ines_demo": (
        "feminin",
        "40_59",
        "en_emploi",
        "26113",
    ),
}


class EventEvent(models.Model):
    _inherit = "event.event"

    @api.model
    def _demo_tell_training_story(self):
        """Run the three third places' training through the real steps.

        Crest gives a cycle of getting-started workshops last month: people
        register, attend or miss a session, two pay with a Pass numérique, the
        claim of the month is sent; Amina and Josiane are assessed before and
        after the cycle. Nyons and Die give their own workshops, and each place
        records one-to-one sessions. Called by the demo data only.
        """
        self = self.with_context(
            lang=self.env["res.lang"]._demo_lang(
                [
                    "parcours_base",
                    "parcours_devices",
                    "parcours_beneficiaries",
                    "parcours_training",
                ]
            )
        )
        ref = self.env.ref
        for xmlid, (gender, age, status, insee) in NATIONAL_RECORD.items():
            ref(xmlid).write(
                {
                    "parcours_gender": gender,
                    "parcours_age_band": age,
                    "parcours_social_status": status,
                    "parcours_insee_code": insee,
                }
            )
        mediators = {
            "crest": ref("parcours_beneficiaries.user_mediator_demo"),
            "nyons": ref("parcours_training.user_mediator_nyons_demo"),
            "die": ref("parcours_training.user_mediator_die_demo"),
        }
        people = {
            key: ref(f"parcours_beneficiaries.beneficiary_{key}_demo")
            for key in ("amina", "bernard", "chloe", "david", "emma", "farid", "gisele")
        }
        people.update(
            {
                key: ref(f"parcours_training.resident_{key}_demo")
                for key in ("josiane", "marcel", "ines")
            }
        )
        today = fields.Date.context_today(self)
        last_month = today + relativedelta(months=-1, day=1)

        def at(day, hour):
            # 14:00 in the Drôme is 12:00 or 13:00 UTC: the demo keeps it simple.
            return datetime.combine(day, time(hour))

        def workshop(place, type_xmlid, name, begin):
            return (
                self.with_user(mediators[place])
                .with_context(tracking_disable=True)
                .create(
                    {
                        "name": name,
                        "event_type_id": ref(type_xmlid).id,
                        "date_begin": begin,
                    }
                )
            )

        def register(session, place, keys):
            return (
                self.env["event.registration"]
                .with_user(mediators[place])
                .create(
                    [
                        {"event_id": session.id, "partner_id": people[key].id}
                        for key in keys
                    ]
                )
            )

        # Crest: a cycle of three getting-started sessions last month.
        cycle = [
            workshop(
                "crest",
                "parcours_training.event_type_getting_started",
                f"Premiers pas avec l'ordinateur - séance {index}",
                at(last_month + timedelta(days=4 + 7 * index), 13),
            )
            for index in (1, 2, 3)
        ]
        crest_people = ("amina", "bernard", "chloe", "josiane")

        def assess(moment, day, grid):
            # The grid lists the type's skills: getting started has three.
            for key, levels in grid.items():
                assessment = (
                    self.env["parcours.skill.assessment"]
                    .with_user(mediators["crest"])
                    .create(
                        {
                            "partner_id": people[key].id,
                            "event_type_id": cycle[0].event_type_id.id,
                            "moment": moment,
                            "date": day,
                        }
                    )
                )
                for line, level in zip(assessment.line_ids, levels, strict=True):
                    line.level = level

        assess(
            "before",
            cycle[0].date_begin.date(),
            {"amina": (0, 0, 0), "josiane": (0, 1, 0)},
        )
        for index, session in enumerate(cycle):
            registrations = register(session, "crest", crest_people)
            absent = registrations.filtered(
                lambda r, index=index: r.partner_id == people["bernard"] and index == 1
            )
            (registrations - absent).action_set_done()
            absent.action_parcours_absent()
            if index == 0:
                for registration in registrations.filtered(
                    lambda r: r.partner_id in (people["amina"] | people["josiane"])
                ):
                    self.env["parcours.pass"].with_user(mediators["crest"]).create(
                        {
                            "name": f"APTIC-26-{registration.partner_id.id:05d}",
                            "registration_id": registration.id,
                            "date": session.date_begin.date(),
                        }
                    )
            session.action_set_done()
        assess(
            "after",
            cycle[-1].date_begin.date(),
            {"amina": (2, 2, 1), "josiane": (2, 2, 1)},
        )
        # The next session, and an e-mail workshop people register to.
        upcoming = workshop(
            "crest",
            "parcours_training.event_type_getting_started",
            "Premiers pas avec l'ordinateur - nouvelle série",
            at(today + timedelta(days=7), 13),
        )
        register(upcoming, "crest", ("david",))
        email = workshop(
            "crest",
            "parcours_training.event_type_email_accounts",
            "Créer et utiliser sa boîte mail",
            at(today + timedelta(days=14), 8),
        )
        register(email, "crest", ("amina", "josiane"))

        # Nyons: an e-mail workshop last month; Gisèle paid with a pass.
        nyons = workshop(
            "nyons",
            "parcours_training.event_type_email_accounts",
            "La messagerie au quotidien",
            at(last_month + timedelta(days=15), 8),
        )
        registrations = register(nyons, "nyons", ("emma", "gisele", "marcel"))
        registrations.action_set_done()
        self.env["parcours.pass"].with_user(mediators["nyons"]).create(
            {
                "name": f"APTIC-26-{people['gisele'].id:05d}",
                "registration_id": registrations[1].id,
                "date": nyons.date_begin.date(),
            }
        )
        # Die: online public services, and an online safety workshop to come.
        die = workshop(
            "die",
            "parcours_training.event_type_public_services",
            "Mes démarches en ligne : ameli, CAF, impôts",
            at(last_month + timedelta(days=20), 8),
        )
        registrations = register(die, "die", ("farid", "ines"))
        registrations[0].action_set_done()
        registrations[1].action_parcours_absent()
        workshop(
            "die",
            "parcours_training.event_type_online_safety",
            "Déjouer les arnaques en ligne",
            at(today + timedelta(days=10), 13),
        )

        # One-to-one sessions.
        themes = {
            code: self.env["event.tag"].search([("parcours_code", "=", code)])
            for code in ("email", "aide_aux_demarches_administratives", "sante")
        }
        for place, key, days, minutes, theme, redirection in (
            (
                "crest",
                "david",
                9,
                30,
                "aide_aux_demarches_administratives",
                "aide_demarches",
            ),
            ("crest", "amina", 3, 15, "email", False),
            ("nyons", "gisele", 6, 45, "sante", "operateur"),
            ("die", "farid", 2, 30, "aide_aux_demarches_administratives", False),
        ):
            self.env["parcours.support.session"].with_user(mediators[place]).create(
                {
                    "partner_id": people[key].id,
                    "date": at(today - timedelta(days=days), 9),
                    "duration": minutes,
                    "theme_ids": [Command.set(themes[theme].ids)],
                    "autonomy": "partiellement_autonome",
                    "redirected": bool(redirection),
                    "redirection_kind": redirection or False,
                    "redirection_structure": {
                        "aide_demarches": "France Services de Crest",
                        "operateur": "CPAM de la Drôme",
                    }.get(redirection, False),
                }
            )

        # The claims of last month; Crest sends its own.
        claims = self.env["parcours.pass.claim"]._cron_monthly_claims()
        crest_claim = claims.filtered(
            lambda c: c.place_id == mediators["crest"].parcours_organisation_id
        )
        crest_claim.with_user(mediators["crest"]).action_send()
        return True
