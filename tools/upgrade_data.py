# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Run by tools/upgrade_test.py in `odoo shell` on the release's install (`env` is
# given by the shell): data made through the real steps, on top of the demo, so
# that the upgrade meets what a live database holds. Every step below is a
# business method of the release's code: reception, triage, dismantling,
# hand-offs, refurbishment, an application up to a signed and paid agreement
# handed over, and a remittance slip collected and remitted.
# ruff: noqa: F821
from odoo import fields

ref = env.ref
Organisation = env["parcours.organisation"]
Lot = env["parcours.donation.lot"]
today = fields.Date.context_today(Organisation)
esat = ref("parcours_devices.organisation_esat_demo")
pihc = ref("parcours_devices.organisation_pihc_demo")
places = {
    key: ref(f"parcours_devices.organisation_place_{key}_demo")
    for key in ("crest", "nyons", "die")
}
products = [
    ref("parcours_devices.product_laptop_elitebook_demo"),
    ref("parcours_devices.product_laptop_thinkpad_demo"),
]
workers = [
    ref("parcours_devices.employee_esat_theo_demo"),
    ref("parcours_devices.employee_esat_sophie_demo"),
]
refurbishers = [ref("parcours_devices.employee_pihc_karim_demo")]

agreements = env["parcours.loan.agreement"]
for number in range(2):
    lot = Lot.create(
        {
            "donor_id": ref("parcours_devices.organisation_donor_company_demo").id,
            "workshop_id": esat.id,
            "declared_qty": 5,
            "expected_date": today,
        }
    )
    lot._receive_devices(
        [
            {
                "serial": f"UPG-{number}-{index:02d}",
                "product": products[index % 2],
                "cpu": "Intel Core i5-8250U",
                "ram_gb": 8,
                "storage_gb": 256,
                "storage_type": "ssd",
                "os": "Windows 10 Pro",
                "battery_health": 80,
                "weight": 0.0,
            }
            for index in range(5)
        ],
        received_date=today,
    )
    devices = lot.device_ids.sorted("name")
    Organisation._demo_triage(lot, devices[-1:], workers, today)
    Organisation._demo_dismantle(lot, devices[-1:], workers[0], today)
    passed = devices[:-1]
    Organisation._demo_send(passed, pihc, today)
    Lot._demo_refurbish(passed, pihc, refurbishers).action_done()
    Organisation._demo_send(passed, places["crest"], today)
    agreements |= Organisation._demo_loan(
        (f"Upgrade Resident {number}", "Crest", "26400", "crest", "none", "senior")
        + ("cms_valence",),
        places,
        passed[0],
        today,
    )

slip = env["parcours.remittance"].create(
    {
        "place_id": places["crest"].id,
        "date_from": today.replace(day=1),
        "date_to": today,
    }
)
slip.action_collect()
slip.action_remit()
assert agreements and all(a.state for a in agreements), "agreements were made"
env.cr.commit()
print("UPGRADE DATA OK", len(agreements), "agreements,", slip.display_name)

# A database installed before the demo officer landed on their role's first
# screen: the demo gave them an action of their own (parcours_devices'
# migration 18.0.2.0.0 takes it back).
ref("parcours_devices.user_officer_demo").action_id = ref(
    "parcours_devices.parcours_donation_lot_action"
).id
env.cr.commit()
