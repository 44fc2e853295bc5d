# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A year of loans against plain Odoo doing the same accounting and stock work.

Ours: N agreements allocated, signed (one contribution invoice each), paid in
the third place's cash journal and handed over (the serials go to the lent
location). Plain Odoo: the same N invoices created and posted, paid with the
payment wizard, and the same N serials delivered in one transfer. Both run on
the same database in one transaction rolled back at the end.

    python3 bench/bench_loans.py --database DB --addons-path PATH [--sizes 50,500]
"""

import uuid

from common import (
    COMPARISON_COLUMNS,
    bench_laptop,
    comparison_row,
    measure,
    odoo_env,
    parse_args,
    print_table,
)

SIZES = (50, 500)


def main():
    args, odoo_args = parse_args(__doc__)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    with odoo_env(args, odoo_args) as env:
        from odoo import Command, fields

        tag = uuid.uuid4().hex[:6]
        today = fields.Date.context_today(env["res.partner"])
        place = env["parcours.organisation"].create(
            {"name": f"Bench place {tag}", "role": "third_place"}
        )
        laptop = bench_laptop(env, tag)
        contribution = env.ref("parcours_beneficiaries.product_contribution")
        customers = env.ref("stock.stock_location_customers")

        def ready_devices(count, prefix):
            devices = env["stock.lot"].create(
                [
                    {
                        "name": f"{prefix}{index:06d}",
                        "product_id": laptop.id,
                        "parcours_stage": "ready",
                    }
                    for index in range(count)
                ]
            )
            for device in devices:
                env["stock.quant"]._update_available_quantity(
                    laptop, place.location_id, 1, lot_id=device
                )
            return devices

        def beneficiaries(count, prefix):
            return env["res.partner"].create(
                [
                    {
                        "name": f"{prefix} beneficiary {index}",
                        "zip": "26400",
                        "parcours_is_beneficiary": True,
                        "parcours_place_id": place.id,
                        "parcours_consent_date": today,
                    }
                    for index in range(count)
                ]
            )

        def ours(count, prefix):
            devices = ready_devices(count, prefix)
            partners = beneficiaries(count, prefix)
            applications = env["parcours.application"].create(
                [
                    {"partner_id": p.id, "place_id": place.id, "device_type": "laptop"}
                    for p in partners
                ]
            )
            applications.write({"state": "waiting"})

            def year():
                agreements = env["parcours.loan.agreement"]
                for application, device in zip(applications, devices, strict=True):
                    agreements |= application._parcours_allocate(device)
                agreements.write({"signature_date": today, "witness_id": env.uid})
                agreements.action_sign()
                agreements._parcours_register_payment("cash")
                agreements.action_handover()

            return measure(env, year)

        def plain(count, prefix):
            devices = ready_devices(count, prefix)
            partners = beneficiaries(count, prefix)

            def year():
                invoices = env["account.move"].create(
                    [
                        {
                            "move_type": "out_invoice",
                            "partner_id": partner.id,
                            "invoice_date": today,
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "product_id": contribution.id,
                                        "quantity": 1,
                                        "price_unit": 25.0,
                                        "tax_ids": [Command.clear()],
                                    }
                                )
                            ],
                        }
                        for partner in partners
                    ]
                )
                invoices.action_post()
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoices.ids
                ).create(
                    {"journal_id": place.journal_id.id, "group_payment": False}
                )._create_payments()
                env["stock.picking"]._parcours_transfer_devices(
                    devices, place.location_id, customers
                )

            return measure(env, year)

        ours(3, f"WA{tag}")
        plain(3, f"WB{tag}")
        rows = []
        for run, size in enumerate(sizes):
            rows.append(
                comparison_row(
                    size, ours(size, f"O{tag}{run}-"), plain(size, f"P{tag}{run}-")
                )
            )
        print_table(
            "A year of loans (allocate, sign, invoice, pay, hand over) vs plain Odoo "
            "invoices + payments + delivery (target: at most 1.2x, same queries per "
            "agreement at every N)",
            rows,
            COMPARISON_COLUMNS,
        )


if __name__ == "__main__":
    main()
