# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
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

    # ------------------------------------------------------ what the sender sees
    def test_the_sender_keeps_reading_what_became_of_its_devices(self):
        """The ESAT reads the devices it triaged and sent on, at their stage."""
        lot = self.lot.with_user(self.esat_user)
        self._triage(self.lot)
        self._send(self.lot.device_ids, self.pihc)
        self._refurbish_order(self.lot.device_ids).action_done()
        self.env.invalidate_all()
        devices = (
            self.env["stock.lot"]
            .with_user(self.esat_user)
            .search([("id", "in", self.lot.device_ids.ids)])
        )
        self.assertEqual(devices, self.lot.device_ids)
        self.assertEqual(set(devices.mapped("parcours_stage")), {"ready"})
        self.assertEqual(devices.parcours_holder_id, self.pihc)
        # The hand-off it sent, and its lot's figures, it still reads.
        self.assertEqual(lot.device_count, 3)
        self.assertTrue(
            self.env["stock.picking"]
            .with_user(self.esat_user)
            .search(
                [
                    ("parcours_is_handoff", "=", True),
                    ("parcours_sender_id", "=", self.esat.id),
                ]
            )
        )
        # It changes none of them, nor sees the work of the refurbisher.
        with self.assertRaises(AccessError):
            devices[:1].write({"ref": "taken back"})
        self.assertFalse(
            self.env["parcours.work.order"]
            .with_user(self.esat_user)
            .search([("work_type", "=", "refurbish")])
        )
        # Another workshop reads none of it.
        self.assertFalse(
            self.env["stock.lot"]
            .with_user(self.esat2_user)
            .search([("id", "in", self.lot.device_ids.ids)])
        )

    def test_partners_open_the_core_device_form(self):
        """The core Inventory form of a device, read as the web client does."""
        device = self.lot.device_ids[:1].with_user(self.esat_user)
        core_form = self.env.ref("stock.view_production_lot_form")
        for view in (
            core_form,
            self.env.ref("parcours_devices.stock_lot_view_form_device"),
        ):
            with self.subTest(view=view.xml_id):
                views = device.get_views([(view.id, "form")])
                spec = {
                    name: {"fields": {"display_name": {}}}
                    if device._fields[name].relational
                    else {}
                    for name in views["models"]["stock.lot"]["fields"]
                }
                [values] = device.web_read(spec)
                self.assertEqual(values["name"], device.name)

    def test_partner_menus_are_their_job(self):
        """The ESAT also got the Employees app (and, before, the whole Inventory)."""
        Menu = self.env["ir.ui.menu"]
        parcours = self.env.ref("parcours_devices.parcours_devices_menu_root")
        for user in (self.esat_user, self.pihc_user, self.place_user):
            with self.subTest(user=user.login):
                self.assertEqual(Menu.with_user(user).get_user_roots(), parcours)
                menus = Menu.with_user(user).load_menus(debug=False)
                self.assertEqual(menus["root"]["children"], parcours.ids)
        # The département's people keep their other apps.
        for user in (self.officer, self.manager):
            roots = Menu.with_user(user).get_user_roots()
            self.assertIn(self.env.ref("stock.menu_stock_root"), roots)
        # Each operator sees the menus of its own job in the Parcours app.
        workshop = Menu.with_user(self.esat_user).load_menus(debug=False)
        refurbisher = Menu.with_user(self.pihc_user).load_menus(debug=False)
        triage = self.env.ref("parcours_devices.parcours_work_order_menu_triage").id
        refurbish = self.env.ref(
            "parcours_devices.parcours_work_order_menu_refurbish"
        ).id
        self.assertIn(triage, workshop)
        self.assertNotIn(refurbish, workshop)
        self.assertIn(refurbish, refurbisher)
        self.assertNotIn(triage, refurbisher)

    def test_demo_logins_land_on_their_job(self):
        """Each demo partner login has a home action of its job (with demo data)."""
        homes = {
            "parcours_devices.user_esat_demo": (
                "parcours_devices.parcours_donation_lot_action_to_triage"
            ),
            "parcours_devices.user_pihc_demo": (
                "parcours_devices.stock_picking_action_handoff"
            ),
            # The back office's first screen depends on the addons installed above
            # (the dashboards): no action of their own, their role's.
            "parcours_devices.user_accountant_demo": None,
            "parcours_devices.user_officer_demo": None,
        }
        demo_users = self.env["ir.model.data"].search(
            [("module", "=", "parcours_devices"), ("model", "=", "res.users")]
        )
        self.assertEqual(
            set(demo_users.mapped("complete_name")), set(homes) if demo_users else set()
        )
        for user_xmlid in demo_users.mapped("complete_name"):
            user = self.env.ref(user_xmlid)
            if homes[user_xmlid]:
                self.assertEqual(user.action_id.id, self.env.ref(homes[user_xmlid]).id)
            else:
                self.assertFalse(user.action_id)
                self.assertTrue(user._parcours_home_action())
            for employee in user.employee_ids:
                self.assertFalse((employee.work_phone or "").startswith("+1"))

    # --------------------------------------------- isolation survives a write
    def test_workers_stay_in_their_organisation(self):
        worker = self.esat_worker.with_user(self.esat_user)
        with self.assertRaises(UserError):
            worker.write({"parcours_organisation_id": self.esat2.id})
        # Their name lives on resource.resource: another workshop's stays theirs.
        with self.assertRaises(AccessError):
            self.esat2_worker.resource_id.with_user(self.esat_user).write(
                {"name": "Renamed"}
            )
        self.env.invalidate_all()
        self.assertEqual(self.esat_worker.parcours_organisation_id, self.esat)
        self.assertEqual(self.esat2_worker.name, "Supported worker B")

    def test_attachments_stay_on_own_records(self):
        Attachment = self.env["ir.attachment"].with_user(self.esat_user)
        attachment = Attachment.create(
            {
                "name": "photo.txt",
                "raw": b"lot photo",
                "res_model": "parcours.donation.lot",
                "res_id": self.lot.id,
            }
        )
        with self.assertRaises(AccessError):
            attachment.write({"res_id": self.lot2.id})
        with self.assertRaises(AccessError):
            Attachment.create(
                {
                    "name": "photo.txt",
                    "raw": b"x",
                    "res_model": "parcours.donation.lot",
                    "res_id": self.lot2.id,
                }
            )
        self.env.invalidate_all()
        self.assertEqual(attachment.res_id, self.lot.id)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "parcours.donation.lot"),
                    ("res_id", "=", self.lot2.id),
                ]
            )
        )
