# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestIntakeQueries(ParcoursCase):
    """The lot intake costs what a plain Odoo receipt of the same serials costs."""

    def _count(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _intake(self, count, prefix):
        lot = self._new_lot()
        rows = self._rows(count, prefix=prefix)
        return self._count(lambda: lot._receive_devices(rows))

    def _plain_receipt(self, count, prefix):
        """What a stock user does in plain Odoo: a receipt with typed serials."""
        picking_type = self.env["stock.picking"]._parcours_picking_type("incoming")
        supplier = self.env.ref("stock.stock_location_suppliers")
        location = self.esat.location_id

        def receive():
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": supplier.id,
                    "location_dest_id": location.id,
                    "partner_id": self.donor.partner_id.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.laptop.name,
                                "product_id": self.laptop.id,
                                "product_uom": self.laptop.uom_id.id,
                                "product_uom_qty": count,
                                "location_id": supplier.id,
                                "location_dest_id": location.id,
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
                                "product_id": self.laptop.id,
                                "lot_name": f"{prefix}{index:05d}",
                                "quantity": 1,
                                "location_id": supplier.id,
                                "location_dest_id": location.id,
                                "product_uom_id": self.laptop.uom_id.id,
                            }
                        )
                        for index in range(count)
                    ],
                    "picked": True,
                }
            )
            picking.button_validate()
            self.assertEqual(picking.state, "done")

        return self._count(receive)

    def test_intake_queries_per_device(self):
        # Warm the caches of both paths once.
        self._intake(2, "WARM-A-")
        self._plain_receipt(2, "WARM-B-")
        small, large = 10, 40
        intake_small = self._intake(small, "IN-S-")
        intake_large = self._intake(large, "IN-L-")
        plain_small = self._plain_receipt(small, "PL-S-")
        plain_large = self._plain_receipt(large, "PL-L-")
        intake_per_device = (intake_large - intake_small) / (large - small)
        plain_per_device = (plain_large - plain_small) / (large - small)
        # The marginal cost per device is no more than plain Odoo's.
        self.assertLessEqual(
            intake_per_device,
            plain_per_device * 1.1,
            f"intake: {intake_per_device:.1f} queries per device, "
            f"plain receipt: {plain_per_device:.1f}",
        )
        self.assertLessEqual(intake_large, plain_large * 1.1)

    def test_intake_query_budget(self):
        self._intake(2, "WARM-")
        with self.assertQueryCount(__system__=INTAKE_40_BUDGET):
            lot = self._new_lot()
            lot._receive_devices(self._rows(40, prefix="BUDGET-"))
            self.env.flush_all()


# Measured on Odoo 18.0: 208 queries for 40 devices, about 48 fixed and 4 per
# device, the same 4 that a plain receipt needs to create each serial's quants;
# a change that adds a query per device breaks it.
INTAKE_40_BUDGET = 215
