# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestAccess(ParcoursCase):
    """Each partner operator sees and changes its own organisation's records only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._new_lot(user=cls.esat_user)
        cls.lot.with_user(cls.esat_user)._receive_devices(cls._rows(3, prefix="A-"))
        cls.lot2 = cls._new_lot(workshop=cls.esat2, user=cls.esat2_user)
        cls.lot2.with_user(cls.esat2_user)._receive_devices(cls._rows(2, prefix="B-"))
        cls.lot2.with_user(cls.esat2_user).action_start_triage()
        cls.order2 = cls.lot2.work_order_ids

    def test_workshop_operator_does_the_job(self):
        lot = self.lot.with_user(self.esat_user)
        lot.action_start_triage()
        order = lot.work_order_ids
        self.assertEqual(order.organisation_id, self.esat)
        order.action_start()
        order.line_ids.write(
            {"result": "pass", "employee_id": self.esat_worker.id, "duration": 0.2}
        )
        order.action_done()
        self.env.invalidate_all()
        self.assertEqual(
            set(self.lot.device_ids.mapped("parcours_stage")), {"to_refurbish"}
        )
        self.assertEqual(self.lot.state, "triaged")

    def test_workshop_operator_cannot_read_other_workshop(self):
        Lot = self.env["parcours.donation.lot"].with_user(self.esat_user)
        self.assertEqual(Lot.search([]), self.lot)
        with self.assertRaises(AccessError):
            self.lot2.with_user(self.esat_user).read(["name"])
        with self.assertRaises(AccessError):
            self.lot2.with_user(self.esat_user).write({"declared_qty": 5})
        Order = self.env["parcours.work.order"].with_user(self.esat_user)
        self.assertFalse(Order.search([("id", "=", self.order2.id)]))
        with self.assertRaises(AccessError):
            self.order2.with_user(self.esat_user).read(["name"])
        with self.assertRaises(AccessError):
            self.order2.with_user(self.esat_user).action_start()
        Line = self.env["parcours.work.order.line"].with_user(self.esat_user)
        self.assertFalse(Line.search([("order_id", "=", self.order2.id)]))
        devices = (
            self.env["stock.lot"]
            .with_user(self.esat_user)
            .search([("parcours_stage", "!=", False)])
        )
        self.assertEqual(devices, self.lot.device_ids)
        with self.assertRaises(AccessError):
            self.lot2.device_ids.with_user(self.esat_user).read(["name"])
        pickings = self.env["stock.picking"].with_user(self.esat_user).search([])
        self.assertEqual(pickings, self.lot.picking_id)
        self.env.invalidate_all()
        self.assertEqual(self.order2.state, "draft")
        self.assertEqual(self.lot2.declared_qty, 0)

    def test_workshop_operator_workers(self):
        Employee = self.env["hr.employee"].with_user(self.esat_user)
        self.assertEqual(Employee.search([]), self.esat_worker)
        with self.assertRaises(AccessError):
            self.esat2_worker.with_user(self.esat_user).read(["name"])
        with self.assertRaises(AccessError):
            self.esat2_worker.with_user(self.esat_user).write({"name": "Renamed"})
        worker = self.esat_worker.with_user(self.esat_user)
        worker.write({"parcours_worker_type": "staff"})
        self.assertEqual(worker.parcours_worker_type, "staff")
        # Workers are hired by the back office, not by the partner operators.
        with self.assertRaises(AccessError):
            Employee.create(
                {"name": "Someone new", "parcours_organisation_id": self.esat.id}
            )
        hired = (
            self.env["hr.employee"]
            .with_user(self.manager)
            .create({"name": "Someone new", "parcours_organisation_id": self.esat.id})
        )
        self.assertIn(hired, Employee.search([]))

    def test_workshop_operator_cannot_create_for_other_workshop(self):
        with self.assertRaises(AccessError):
            self._new_lot(workshop=self.esat2, user=self.esat_user)
        with self.assertRaises(AccessError):
            self.env["parcours.work.order"].with_user(self.esat_user).create(
                {"work_type": "triage", "organisation_id": self.esat2.id}
            )
        self.env.invalidate_all()
        self.assertEqual(
            self.env["parcours.donation.lot"].search_count(
                [("workshop_id", "=", self.esat2.id)]
            ),
            1,
        )

    def test_refurbisher_sees_no_workshop_records(self):
        Lot = self.env["parcours.donation.lot"].with_user(self.pihc_user)
        with self.assertRaises(AccessError):
            Lot.search([])
        with self.assertRaises(AccessError):
            self.order2.with_user(self.pihc_user).read(["name"])
        self.assertFalse(
            self.env["stock.lot"]
            .with_user(self.pihc_user)
            .search([("parcours_stage", "!=", False)])
        )

    def test_place_operator_and_accountant(self):
        with self.assertRaises(AccessError):
            self.env["parcours.work.order"].with_user(self.place_user).search([])
        self.assertFalse(
            self.env["stock.lot"]
            .with_user(self.place_user)
            .search([("parcours_stage", "!=", False)])
        )
        # The accountant reads everything and changes nothing.
        orders = self.env["parcours.work.order"].with_user(self.accountant).search([])
        self.assertIn(self.order2, orders)
        with self.assertRaises(AccessError):
            self.order2.with_user(self.accountant).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["parcours.unit.price"].with_user(self.accountant).create(
                {"organisation_id": self.esat2.id, "work_type": "triage", "price": 1}
            )

    def test_officer_sees_all_but_prices_are_the_managers(self):
        Lot = self.env["parcours.donation.lot"].with_user(self.officer)
        self.assertEqual(
            Lot.search([("id", "in", (self.lot | self.lot2).ids)]), self.lot | self.lot2
        )
        with self.assertRaises(AccessError):
            self.env["parcours.unit.price"].with_user(self.officer).create(
                {"organisation_id": self.esat2.id, "work_type": "triage", "price": 1}
            )
        price = (
            self.env["parcours.unit.price"]
            .with_user(self.manager)
            .create(
                {"organisation_id": self.esat2.id, "work_type": "triage", "price": 7}
            )
        )
        self.assertEqual(price.price, 7)

    def test_line_for_other_workshop_order_refused(self):
        """An operator cannot slip a line into another workshop's order."""
        with self.assertRaises(AccessError):
            self.env["parcours.work.order.line"].with_user(self.esat_user).create(
                {"order_id": self.order2.id, "lot_id": self.lot.device_ids[0].id}
            )
        with self.assertRaises(AccessError):
            self.order2.with_user(self.esat_user).write(
                {"line_ids": [Command.create({"lot_id": self.lot.device_ids[0].id})]}
            )
