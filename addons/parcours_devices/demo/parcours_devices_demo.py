# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models


class ParcoursDonationLot(models.Model):
    _inherit = "parcours.donation.lot"

    @api.model
    def _demo_tell_story(self):
        """Run the demo lots through the real chain, so every stage has devices.

        Called by the demo data only. Each step uses the same methods as a user
        clicking the buttons: intake, triage, dismantling, hand-offs,
        refurbishment with erasures. No stage is set by hand, and a step that
        does not give what the story needs stops the demo loudly.
        """
        self = self.with_context(
            lang=self.env["res.lang"]._demo_lang(["parcours_base", "parcours_devices"])
        )
        ref = self.env.ref
        models_cycle = [
            ref("parcours_devices.product_laptop_elitebook_demo"),
            ref("parcours_devices.product_laptop_latitude_demo"),
            ref("parcours_devices.product_laptop_thinkpad_demo"),
            ref("parcours_devices.product_desktop_optiplex_demo"),
        ]
        screen = ref("parcours_devices.product_screen_p2219_demo")

        def rows(prefix, count, screens=0):
            result = []
            for index in range(count):
                product = screen if index < screens else models_cycle[index % 4]
                is_laptop = product.parcours_device_type == "laptop"
                result.append(
                    {
                        "serial": f"{prefix}{index + 1:03d}",
                        "product": product,
                        "cpu": False if product == screen else "Intel Core i5-8350U",
                        "ram_gb": 0 if product == screen else 8,
                        "storage_gb": 0 if product == screen else 256,
                        "storage_type": False if product == screen else "ssd",
                        "os": False if product == screen else "Windows 10 Pro",
                        "battery_health": 70 + index % 25 if is_laptop else 0,
                        "weight": 0.0,
                    }
                )
            return result

        esat = ref("parcours_devices.organisation_esat_demo")
        pihc = ref("parcours_devices.organisation_pihc_demo")
        crest = ref("parcours_devices.organisation_place_crest_demo")
        nyons = ref("parcours_devices.organisation_place_nyons_demo")
        lucas = ref("parcours_devices.employee_esat_lucas_demo")
        ines = ref("parcours_devices.employee_esat_ines_demo")
        karim = ref("parcours_devices.employee_pihc_karim_demo")
        julie = ref("parcours_devices.employee_pihc_julie_demo")

        # Lot 1: 24 devices through the whole chain.
        lot = ref("parcours_devices.donation_lot_company_demo")
        lot._receive_devices(rows("RVA-", 24, screens=2), received_weight=62.5)
        lot.action_start_triage()
        triage = lot.work_order_ids
        triage.action_start()
        for index, line in enumerate(triage.line_ids):
            failed = index in (0, 5, 11, 17)
            line.write(
                {
                    "result": "fail" if failed else "pass",
                    "fail_reason": ("no_power" if index % 2 else "broken")
                    if failed
                    else False,
                    "employee_id": (lucas if index % 2 else ines).id,
                    "duration": 0.25,
                }
            )
        triage.action_done()
        rejects = lot.device_ids.filtered(lambda d: d.parcours_stage == "to_recycle")
        self._demo_expect(len(rejects) == 4, "lot 1 has 4 rejects after triage")
        dismantle = self.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": esat.id,
                "donation_lot_id": lot.id,
                "employee_id": lucas.id,
                "line_ids": [
                    Command.create({"lot_id": device.id, "duration": 0.8})
                    for device in rejects[:3]
                ],
                "fraction_ids": [
                    Command.create(values)
                    for values in (
                        {
                            "material": "metal",
                            "weight": 3.1,
                            "channel_id": ref(
                                "parcours_devices.recycling_channel_metal"
                            ).id,
                        },
                        {
                            "material": "plastic",
                            "weight": 1.2,
                            "channel_id": ref(
                                "parcours_devices.recycling_channel_plastic"
                            ).id,
                        },
                        {
                            "material": "board",
                            "weight": 0.6,
                            "channel_id": ref(
                                "parcours_devices.recycling_channel_board"
                            ).id,
                        },
                        {
                            "material": "other",
                            "weight": 0.3,
                            "channel_id": ref(
                                "parcours_devices.recycling_channel_residual"
                            ).id,
                        },
                    )
                ],
            }
        )
        dismantle.action_start()
        dismantle.action_done()
        passed = lot.device_ids.filtered(lambda d: d.parcours_stage == "to_refurbish")
        self._demo_expect(len(passed) == 20, "lot 1 has 20 devices to refurbish")
        # A screen and two computers wait in a second hand-off for the PIHC to
        # confirm it.
        screens = passed.filtered(lambda d: d.parcours_device_type == "screen")
        waiting = screens | (passed - screens).sorted("name")[-2:]
        sent = passed - waiting
        sent._parcours_handoff(pihc).action_parcours_confirm_reception()
        waiting._parcours_handoff(pihc)

        computers = sent.filtered(lambda d: d.parcours_device_type != "screen")
        self._demo_expect(len(computers) == 17, "lot 1 has 17 computers at the PIHC")
        done_batch, running_batch = computers[:12], computers[12:17]
        refurbish = self._demo_refurbish(done_batch, pihc, (karim, julie))
        refurbish.action_done()
        self._demo_refurbish(running_batch, pihc, (julie,))

        ready = done_batch
        self._demo_expect(
            set(ready.mapped("parcours_stage")) == {"ready"}, "12 devices are ready"
        )
        ready[:6]._parcours_handoff(crest).action_parcours_confirm_reception()
        # Sent to Nyons, waiting for the third place to confirm.
        ready[6:9]._parcours_handoff(nyons)

        # Lot 2: 10 devices, triage under way.
        lot = ref("parcours_devices.donation_lot_admin_demo")
        lot._receive_devices(rows("CCVD-", 10), received_weight=24.0)
        lot.action_start_triage()
        triage = lot.work_order_ids
        triage.employee_id = ines
        triage.action_start()
        for line in triage.line_ids[:4]:
            line.write({"result": "pass", "duration": 0.25, "employee_id": ines.id})
        self._demo_expect(
            set(lot.device_ids.mapped("parcours_stage")) == {"in_triage"},
            "lot 2 is being triaged",
        )

        # Lot 3: 6 devices waiting for triage. Lot 4 is still expected.
        ref("parcours_devices.donation_lot_small_demo")._receive_devices(
            rows("CCVD-B-", 6)
        )

    @api.model
    def _demo_expect(self, condition, what):
        """Stop the demo when one of its steps did not give what the story needs."""
        if not condition:
            raise RuntimeError(f"Demo data of parcours_devices: expected {what}.")

    @api.model
    def _demo_refurbish(self, devices, refurbisher, workers):
        order = self.env["parcours.work.order"].create(
            {
                "work_type": "refurbish",
                "organisation_id": refurbisher.id,
                "line_ids": [
                    Command.create({"lot_id": device.id}) for device in devices
                ],
            }
        )
        order.action_start()
        for index, line in enumerate(order.line_ids):
            worker = workers[index % len(workers)]
            tests = {name: True for name in line._applicable_tests()}
            line.write(
                dict(
                    tests,
                    employee_id=worker.id,
                    duration=3.0
                    if line.lot_id.parcours_device_type == "laptop"
                    else 2.0,
                    os_installed="Linux Mint 22 (Emmabuntüs)",
                    grade="a" if index % 3 else "b",
                    erasure_ids=[
                        Command.create(
                            {
                                "disk_serial": f"S4EVNX0{line.lot_id.name}",
                                "disk_make": "Samsung",
                                "disk_model": "PM871b",
                                "disk_type": "ssd",
                                "capacity_gb": 256,
                                "level": "purge",
                                "method": "ata_sanitize",
                                "tool": "ShredOS 2024.02 (nwipe)",
                                "tool_version": "0.35",
                                "verification_method": "full",
                                "place": refurbisher.name,
                                "employee_id": worker.id,
                                # A second person verifies, when there is one.
                                "verifier_id": (
                                    workers[(index + 1) % len(workers)] - worker
                                ).id,
                                "result": "passed",
                                "certificate_ref": f"NW-{line.lot_id.name}",
                            }
                        )
                    ],
                )
            )
        return order


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _demo_lang(self, modules=()):
        """French when the database speaks it: the stories write in it.

        Invoice lines, chatter messages and priority explanations that the
        demo's steps write are then French, as the Drôme's users write them.
        The French terms of ``modules`` are loaded first: Odoo loads a module's
        terms after its demo data, and the models' names (which the chatter's
        "... créé" messages quote) lose theirs while a module that extends
        them installs.
        """
        if not self._lang_get("fr_FR"):
            return "en_US"
        if modules:
            self.env["ir.module.module"]._load_module_terms(list(modules), ["fr_FR"])
            # written in SQL: the names read since are stale in the cache
            self.env.invalidate_all()
        return "fr_FR"

    @api.model
    def _demo_speak_french(self, xmlids):
        """The demo logins ``xmlids`` work in French when the database speaks it.

        ``make run`` and the Docker demo load French (``--load-language=fr_FR``);
        a database without it (the tests) keeps the logins in English.
        """
        if not self._lang_get("fr_FR"):
            return
        users = self.env["res.users"].browse(
            [self.env.ref(xmlid).id for xmlid in xmlids]
        )
        users.write({"lang": "fr_FR"})
