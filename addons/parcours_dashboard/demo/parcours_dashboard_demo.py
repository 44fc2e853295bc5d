# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# (name, commune, postcode, third place, digital level, criterion, prescriber)
RESIDENTS = [
    ("Lucie Bonnet", "Crest", "26400", "crest", "none", "rsa", "ccas_crest"),
    (
        "Yanis Roche",
        "Eurre",
        "26400",
        "crest",
        "beginner",
        "job_seeker",
        "france_travail",
    ),
    ("Odette Vial", "Nyons", "26110", "nyons", "none", "senior", "cms_valence"),
    (
        "Karim Haddad",
        "Mirabel-aux-Baronnies",
        "26110",
        "nyons",
        "basic",
        "low_income",
        "cms_valence",
    ),
    (
        "Manon Reynaud",
        "Die",
        "26150",
        "die",
        "beginner",
        "student_grant",
        "mission_locale",
    ),
    ("Paul Girard", "Saillans", "26340", "crest", "basic", "disability", "ccas_crest"),
    ("Sonia Martin", "Die", "26150", "die", "none", "single_parent", "mission_locale"),
    (
        "Jean Arnoux",
        "Buis-les-Baronnies",
        "26170",
        "nyons",
        "beginner",
        "senior",
        "cms_valence",
    ),
    (
        "Inès Faure",
        "Crest",
        "26400",
        "crest",
        "beginner",
        "single_parent",
        "ccas_crest",
    ),
    ("Rémi Chapus", "Luc-en-Diois", "26310", "die", "none", "rsa", "mission_locale"),
    (
        "Nadia Brun",
        "Aouste-sur-Sye",
        "26400",
        "crest",
        "basic",
        "low_income",
        "france_travail",
    ),
    ("Gérard Pons", "Nyons", "26110", "nyons", "none", "senior", "cms_valence"),
]


class ParcoursOrganisation(models.Model):
    _inherit = "parcours.organisation"

    @api.model
    def _demo_dashboard_story(self):
        """Six months of the Parcours, so that the dashboards have a story.

        Called by the demo data only, after the demo of the three addons. Each
        month a lot is received and triaged at ESAT Messidor, its rejects are
        dismantled, PIHC refurbishes the others, which go to Crest, Nyons or Die
        where residents sign, pay and take their laptop home. Every step is the
        real method; only the dates are moved back to the month told. Each
        month's contributions are remitted by slip early the next month, except
        the current month's, still in the cash offices.
        """
        self = self.with_context(
            lang=self.env["res.lang"]._demo_lang(
                [
                    "parcours_base",
                    "parcours_devices",
                    "parcours_beneficiaries",
                    "parcours_training",
                    "parcours_dashboard",
                ]
            )
        )
        ref = self.env.ref
        today = fields.Date.context_today(self)
        esat = ref("parcours_devices.organisation_esat_demo")
        pihc = ref("parcours_devices.organisation_pihc_demo")
        places = {
            key: ref(f"parcours_devices.organisation_place_{key}_demo")
            for key in ("crest", "nyons", "die")
        }
        donors = [
            ref("parcours_devices.organisation_donor_company_demo"),
            ref("parcours_devices.organisation_donor_admin_demo"),
        ]
        products = [
            ref("parcours_devices.product_laptop_elitebook_demo"),
            ref("parcours_devices.product_laptop_latitude_demo"),
            ref("parcours_devices.product_laptop_thinkpad_demo"),
            ref("parcours_devices.product_desktop_optiplex_demo"),
        ]
        triage_workers = [
            ref("parcours_devices.employee_esat_theo_demo"),
            ref("parcours_devices.employee_esat_sophie_demo"),
        ]
        refurbishers = [
            ref("parcours_devices.employee_pihc_karim_demo"),
            ref("parcours_devices.employee_pihc_marc_demo"),
        ]
        Lot = self.env["parcours.donation.lot"]
        residents = {
            key: [resident for resident in RESIDENTS if resident[3] == key]
            for key in places
        }
        paid_by_month = []
        for back in range(5, -1, -1):
            month = today - relativedelta(months=back)
            day = min(today, month.replace(day=8)) if back else today
            lot = Lot.create(
                {
                    "donor_id": donors[back % 2].id,
                    "workshop_id": esat.id,
                    "declared_qty": 8,
                    "expected_date": day,
                }
            )
            lot._receive_devices(
                [
                    {
                        "serial": f"DRM-{month:%Y%m}-{index + 1:02d}",
                        "product": products[index % len(products)],
                        "cpu": "Intel Core i5-8250U",
                        "ram_gb": 8,
                        "storage_gb": 256,
                        "storage_type": "ssd",
                        "os": "Windows 10 Pro",
                        "battery_health": 75,
                        "weight": 0.0,
                    }
                    for index in range(8)
                ],
                received_date=day,
            )
            devices = lot.device_ids.sorted("name")
            triage = self._demo_triage(lot, devices[-2:], triage_workers, day)
            self._demo_dismantle(lot, devices[-2:], triage_workers[0], day)
            passed = devices[:-2]
            self._demo_send(passed, pihc, day)
            laptops = passed.filtered(lambda d: d.parcours_device_type == "laptop")
            order = self.env["parcours.donation.lot"]._demo_refurbish(
                passed, pihc, refurbishers
            )
            order.action_done()
            self._demo_date(order | triage, day)
            key = list(places)[back % 3]
            self._demo_send(passed, places[key], day)
            paid = self.env["parcours.loan.agreement"]
            for device in laptops[:2]:
                if residents[key]:
                    paid |= self._demo_loan(residents[key].pop(0), places, device, day)
            paid_by_month.append((month, day, paid))
        self._demo_remit(paid_by_month[:-1])

    @api.model
    def _demo_date(self, orders, day):
        orders.sudo().write({"date_start": day, "date_done": day})

    @api.model
    def _demo_triage(self, lot, rejects, workers, day):
        lot.action_start_triage()
        triage = lot.work_order_ids.filtered(lambda o: o.work_type == "triage")
        triage.action_start()
        for index, line in enumerate(triage.line_ids):
            failed = line.lot_id in rejects
            line.write(
                {
                    "result": "fail" if failed else "pass",
                    "fail_reason": "obsolete" if failed else False,
                    "employee_id": workers[index % 2].id,
                    "duration": 0.25,
                }
            )
        triage.action_done()
        return triage

    @api.model
    def _demo_dismantle(self, lot, rejects, worker, day):
        ref = self.env.ref
        order = self.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": lot.workshop_id.id,
                "donation_lot_id": lot.id,
                "employee_id": worker.id,
                "line_ids": [
                    Command.create({"lot_id": device.id, "duration": 0.8})
                    for device in rejects
                ],
                "fraction_ids": [
                    Command.create(
                        {
                            "material": material,
                            "weight": weight,
                            "channel_id": ref(f"parcours_devices.{channel}").id,
                        }
                    )
                    for material, weight, channel in (
                        ("metal", 2.4, "recycling_channel_metal"),
                        ("plastic", 1.1, "recycling_channel_plastic"),
                        ("board", 0.5, "recycling_channel_board"),
                        ("battery", 0.3, "recycling_channel_residual"),
                    )
                ],
            }
        )
        order.action_start()
        order.action_done()
        self._demo_date(order, day)
        order.picking_id.move_line_ids.sudo().date = fields.Datetime.to_datetime(day)

    @api.model
    def _demo_send(self, devices, organisation, day):
        wizard = self.env["parcours.handoff.wizard"].create(
            {"lot_ids": [Command.set(devices.ids)], "organisation_id": organisation.id}
        )
        picking = self.env["stock.picking"].browse(wizard.action_send()["res_id"])
        picking.action_parcours_confirm_reception()
        moment = fields.Datetime.to_datetime(day) + relativedelta(hours=10)
        picking.sudo().date_done = moment
        picking.move_ids.move_line_ids.sudo().date = moment

    @api.model
    def _demo_loan(self, resident, places, device, day):
        ref = self.env.ref
        name, city, zip_code, place_key, level, criterion, prescriber = resident
        place = places[place_key]
        partner = self.env["res.partner"].create(
            {
                "name": name,
                "city": city,
                "zip": zip_code,
                "country_id": ref("base.fr").id,
                "parcours_is_beneficiary": True,
                "parcours_place_id": place.id,
                "parcours_prescriber_id": ref(
                    f"parcours_beneficiaries.prescriber_{prescriber}_demo"
                ).id,
                "parcours_criterion_ids": [
                    Command.set(
                        ref(f"parcours_beneficiaries.criterion_{criterion}").ids
                    )
                ],
                "parcours_digital_level": level,
                "parcours_consent_date": day,
                "parcours_proof_ids": [
                    Command.create({"proof_type": "identity"}),
                    Command.create({"proof_type": "benefit"}),
                ],
            }
        )
        application = self.env["parcours.application"].create(
            {"partner_id": partner.id, "place_id": place.id, "device_type": "laptop"}
        )
        application.action_submit()
        application.action_mark_eligible()
        application.action_add_to_waiting_list()
        agreement = application._parcours_allocate(device)
        agreement.write({"start_date": day, "signature_date": day})
        agreement.action_sign()
        if len(name) % 3 == 0:
            agreement._parcours_register_payment(
                "cheque",
                day,
                {
                    "number": f"{3100000 + agreement.id:07d}",
                    "bank": "Crédit Agricole Sud Rhône Alpes",
                    "drawer": name,
                },
            )
        else:
            agreement._parcours_register_payment("cash", day)
        agreement.action_handover()
        return agreement

    @api.model
    def _demo_remit(self, months):
        """Each month's slips, remitted on the 3rd of the next month."""
        Remittance = self.env["parcours.remittance"]
        for month, __, agreements in months:
            last = calendar.monthrange(month.year, month.month)[1]
            for place in agreements.place_id:
                slip = Remittance.create(
                    {
                        "place_id": place.id,
                        "date_from": month.replace(day=1),
                        "date_to": month.replace(day=last),
                    }
                )
                slip.action_collect()
                slip.action_remit()
                slip.sudo().remitted_date = month.replace(day=last) + relativedelta(
                    days=3
                )
