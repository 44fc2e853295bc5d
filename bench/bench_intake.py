# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lot intake against a plain Odoo receipt of the same serials.

For N devices, the intake creates the serials with their specs and the receipt
in one action; plain Odoo does the receipt with N typed serial numbers. Both run
on the same database, in one transaction rolled back at the end.

    python3 bench/bench_intake.py --database DB --addons-path PATH \
        [--sizes 100,500,2000]
"""

import uuid

from common import (
    COMPARISON_COLUMNS,
    bench_laptop,
    comparison_row,
    fastest,
    measure,
    odoo_env,
    parse_args,
    print_table,
)

SIZES = (100, 500, 2000)
REPEAT = 3


def main():
    args, odoo_args = parse_args(__doc__)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    with odoo_env(args, odoo_args) as env:
        from odoo import Command

        tag = uuid.uuid4().hex[:6]
        Organisation = env["parcours.organisation"]
        workshop = Organisation.create(
            {"name": f"Bench workshop {tag}", "role": "workshop"}
        )
        donor = Organisation.create({"name": f"Bench donor {tag}", "role": "donor"})
        laptop = bench_laptop(env, tag)
        supplier = env.ref("stock.stock_location_suppliers")
        picking_type = env["stock.picking"]._parcours_picking_type("incoming")

        def intake(count, prefix):
            lot = env["parcours.donation.lot"].create(
                {"donor_id": donor.id, "workshop_id": workshop.id}
            )
            rows = [
                {
                    "serial": f"{prefix}{index:06d}",
                    "product": laptop,
                    "cpu": "Intel Core i5-8350U",
                    "ram_gb": 8,
                    "storage_gb": 256,
                    "storage_type": "ssd",
                    "os": "Windows 10",
                    "battery_health": 80,
                }
                for index in range(count)
            ]
            return measure(env, lambda: lot._receive_devices(rows))

        def plain(count, prefix):
            def receive():
                picking = env["stock.picking"].create(
                    {
                        "picking_type_id": picking_type.id,
                        "location_id": supplier.id,
                        "location_dest_id": workshop.location_id.id,
                        "partner_id": donor.partner_id.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": laptop.name,
                                    "product_id": laptop.id,
                                    "product_uom": laptop.uom_id.id,
                                    "product_uom_qty": count,
                                    "location_id": supplier.id,
                                    "location_dest_id": workshop.location_id.id,
                                }
                            )
                        ],
                    }
                )
                picking.action_confirm()
                picking.move_ids.move_line_ids.unlink()
                picking.move_ids.write(
                    {
                        "move_line_ids": [
                            Command.create(
                                {
                                    "product_id": laptop.id,
                                    "lot_name": f"{prefix}{index:06d}",
                                    "quantity": 1,
                                    "location_id": supplier.id,
                                    "location_dest_id": workshop.location_id.id,
                                    "product_uom_id": laptop.uom_id.id,
                                }
                            )
                            for index in range(count)
                        ],
                        "picked": True,
                    }
                )
                picking.button_validate()

            return measure(env, receive)

        intake(5, f"W{tag}A")
        plain(5, f"W{tag}B")
        rows = []
        for run, size in enumerate(sizes):
            # Best of three runs, alternating the two paths, against noise.
            ours = [intake(size, f"I{tag}{run}{rep}-") for rep in range(REPEAT)]
            plains = [plain(size, f"P{tag}{run}{rep}-") for rep in range(REPEAT)]
            rows.append(comparison_row(size, fastest(ours), fastest(plains)))
        print_table(
            "Lot intake vs plain Odoo receipt of N serials "
            "(best of 3; target: at most 1.1x, same cost per device at every N)",
            rows,
            COMPARISON_COLUMNS,
        )


if __name__ == "__main__":
    main()
