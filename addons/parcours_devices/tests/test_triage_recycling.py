# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestTriageRecycling(ParcoursCase):
    """The workshop triages a lot and dismantles its rejects by weight."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(4, prefix="TRI")
        cls.devices = cls.lot.device_ids.sorted("name")
        cls.recycling = cls.env.ref("parcours_devices.stock_location_recycling")
        cls.channel_plastic = cls.env.ref("parcours_devices.recycling_channel_plastic")

    # ---------------------------------------------------------------- helpers
    def _as(self, records, user=None):
        return records.with_user(user or self.esat_user)

    def _open_triage(self, lot=None, user=None):
        """The operator clicks "Triage" on the lot, then "Start"."""
        user = user or self.esat_user
        action = self._as(lot or self.lot, user).action_start_triage()
        order = self.env["parcours.work.order"].with_user(user).browse(action["res_id"])
        order.action_start()
        return order

    def _verdicts(self, order, failed=(), worker=None):
        for index, line in enumerate(
            order.line_ids.sorted(lambda line: line.lot_id.name)
        ):
            line.write(
                {
                    "result": "fail" if index in failed else "pass",
                    "fail_reason": "broken" if index in failed else False,
                    "employee_id": (worker or self.esat_worker).id,
                    "duration": 0.25,
                }
            )

    def _fractions(self, *values):
        """(material, kg, channel) triples as one2many commands."""
        return [
            Command.create(
                {"material": material, "weight": weight, "channel_id": channel.id}
            )
            for material, weight, channel in values
        ]

    def _stages(self, devices):
        self.env.invalidate_all()
        return devices.sudo().mapped("parcours_stage")

    # ----------------------------------------------------------------- triage
    @freeze_time("2025-03-10 09:00:00")
    def test_triage_pass_and_fail(self):
        order = self._open_triage()
        self.assertRecordValues(
            order,
            [
                {
                    "work_type": "triage",
                    "organisation_id": self.esat.id,
                    "donation_lot_id": self.lot.id,
                    "state": "in_progress",
                    "line_count": 4,
                }
            ],
        )
        self.assertEqual(order.name[:4], "TRI/")
        self.assertEqual(self._stages(self.devices), ["in_triage"] * 4)

        self._verdicts(order, failed=(1,))
        order.action_done()

        self.env.invalidate_all()
        self.assertEqual(
            self._stages(self.devices),
            ["to_refurbish", "to_recycle", "to_refurbish", "to_refurbish"],
        )
        self.assertEqual(order.state, "done")
        self.assertEqual(order.date_done, fields.Date.to_date("2025-03-10"))
        self.assertEqual(set(order.line_ids.mapped("date")), {order.date_done})
        self.assertEqual(order.duration_total, 1.0)
        self.assertEqual(self._as(self.lot).state, "triaged")
        # The workshop still holds every device: triage moves nothing.
        self.assertEqual(self.devices.parcours_holder_id, self.esat)

    def test_default_worker_fills_the_lines_without_worker(self):
        order = self._open_triage()
        order.employee_id = self.esat_worker
        for line in order.line_ids:
            line.result = "pass"
        order.action_done()
        self.assertEqual(order.line_ids.employee_id, self.esat_worker)
        self.assertEqual(set(order.line_ids.mapped("worker_type")), {"supported"})

    def _assert_triage_not_validated(self, order):
        self.env.invalidate_all()
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(order.date_done)
        self.assertEqual(self._stages(self.devices), ["in_triage"] * 4)
        self.assertEqual(self.lot.state, "received")

    def test_validate_with_a_line_without_verdict(self):
        order = self._open_triage()
        self._verdicts(order)
        line = order.line_ids.filtered(lambda line: line.lot_id.name == "TRI00002")
        line.result = False
        with self.assertRaises(UserError) as caught:
            order.action_done()
        message = str(caught.exception)
        self.assertIn("Device TRI00002", message)
        self.assertIn("give the triage verdict (pass or fail)", message)
        self._assert_triage_not_validated(order)

    def test_validate_a_fail_without_reason(self):
        order = self._open_triage()
        self._verdicts(order, failed=(3,))
        order.line_ids.filtered(
            lambda line: line.lot_id.name == "TRI00003"
        ).fail_reason = False
        with self.assertRaises(UserError) as caught:
            order.action_done()
        self.assertIn("Device TRI00003", str(caught.exception))
        self.assertIn("give the reason of the failure", str(caught.exception))
        self._assert_triage_not_validated(order)

    def test_validate_without_worker(self):
        order = self._open_triage()
        self._verdicts(order)
        order.line_ids.filtered(
            lambda line: line.lot_id.name == "TRI00000"
        ).employee_id = False
        with self.assertRaises(UserError) as caught:
            order.action_done()
        self.assertIn("Device TRI00000", str(caught.exception))
        self.assertIn("say who did the work", str(caught.exception))
        self._assert_triage_not_validated(order)

    def test_cancel_a_started_triage(self):
        order = self._open_triage()
        self._verdicts(order, failed=(0,))
        order.action_cancel()

        self.env.invalidate_all()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self._stages(self.devices), ["received"] * 4)
        self.assertEqual(self.lot.state, "received")
        self.assertFalse(order.line_ids.filtered("is_open"))

        # Triage can start over with every device of the lot.
        again = self._open_triage()
        self.assertNotEqual(again, order)
        self.assertEqual(again.line_ids.lot_id, self.devices)
        self.assertEqual(self._stages(self.devices), ["in_triage"] * 4)

    def test_triage_needs_a_received_lot(self):
        expected = self._new_lot(user=self.esat_user)
        with self.assertRaises(UserError) as caught:
            self._as(expected).action_start_triage()
        self.assertIn(expected.name, str(caught.exception))
        self.assertIn("Expected", str(caught.exception))
        self.env.invalidate_all()
        self.assertFalse(expected.work_order_ids)

    # -------------------------------------------------- work order line checks
    def test_device_at_another_site(self):
        """A device at the ESAT of Valence cannot enter an order of the ESAT of Die."""
        device = self.devices[0]
        WorkOrder = self.env["parcours.work.order"]
        before = WorkOrder.search_count([])
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(ValidationError) as caught:
                    WorkOrder.with_user(user).create(
                        {
                            "work_type": "triage",
                            "organisation_id": self.esat2.id,
                            "line_ids": [Command.create({"lot_id": device.id})],
                        }
                    )
                message = str(caught.exception)
                self.assertIn("Device TRI00000 is at", message)
                self.assertIn("ESAT Test Valence", message)
                self.assertIn("not at ESAT Test Die", message)
        # The operator of the other workshop does not even see the device.
        with self.assertRaises(AccessError):
            WorkOrder.with_user(self.esat2_user).create(
                {
                    "work_type": "triage",
                    "organisation_id": self.esat2.id,
                    "line_ids": [Command.create({"lot_id": device.id})],
                }
            )
        self.env.invalidate_all()
        self.assertEqual(WorkOrder.search_count([]), before)
        self.assertFalse(
            self.env["parcours.work.order.line"].search([("lot_id", "=", device.id)])
        )
        self.assertEqual(device.parcours_stage, "received")

    def test_device_of_a_model_that_is_not_a_device(self):
        toner = self.env["stock.lot"].create(
            {"name": "TONER-42", "product_id": self.not_a_device.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.not_a_device, self.esat.location_id, 1, lot_id=toner
        )
        self.assertEqual(toner.parcours_holder_id, self.esat)
        WorkOrder = self.env["parcours.work.order"].with_user(self.esat_user)
        before = WorkOrder.search_count([])
        with self.assertRaises(ValidationError) as caught:
            WorkOrder.create(
                {
                    "work_type": "triage",
                    "organisation_id": self.esat.id,
                    "line_ids": [Command.create({"lot_id": toner.id})],
                }
            )
        self.assertIn("TONER-42 is a [T-TONER] Test Toner", str(caught.exception))
        self.assertIn("not a device model", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(WorkOrder.search_count([]), before)

    def test_device_at_the_wrong_stage(self):
        self._triage(self.lot, failed=(0,))
        passed = self.devices[1]
        WorkOrder = self.env["parcours.work.order"].with_user(self.esat_user)
        before = WorkOrder.search_count([])
        for work_type, stage in (
            ("triage", "To refurbish"),
            ("dismantle", "To refurbish"),
        ):
            with self.subTest(work_type=work_type):
                with self.assertRaises(ValidationError) as caught:
                    WorkOrder.create(
                        {
                            "work_type": work_type,
                            "organisation_id": self.esat.id,
                            "line_ids": [Command.create({"lot_id": passed.id})],
                        }
                    )
                self.assertIn(
                    "Device TRI00001 is at stage %s" % stage, str(caught.exception)
                )
        self.env.invalidate_all()
        self.assertEqual(WorkOrder.search_count([]), before)
        self.assertEqual(passed.parcours_stage, "to_refurbish")

    def test_device_cannot_join_a_started_order_at_the_wrong_stage(self):
        """Adding a line to a started order checks the device's stage too.

        Otherwise a device that passed triage can be slipped into a running
        dismantling order and be recycled without ever failing triage.
        """
        self._triage(self.lot, failed=(0,))
        reject, passed = self.devices[0], self.devices[1]
        order = (
            self.env["parcours.work.order"]
            .with_user(self.esat_user)
            .create(
                {
                    "work_type": "dismantle",
                    "organisation_id": self.esat.id,
                    "employee_id": self.esat_worker.id,
                    "line_ids": [Command.create({"lot_id": reject.id})],
                    "fraction_ids": self._fractions(("metal", 1.0, self.channel_metal)),
                }
            )
        )
        order.action_start()
        with self.assertRaises(ValidationError) as caught:
            order.write({"line_ids": [Command.create({"lot_id": passed.id})]})
        self.assertIn("TRI00001", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(order.line_ids.lot_id, reject)
        self.assertEqual(passed.parcours_stage, "to_refurbish")

    def test_the_devices_an_order_may_take(self):
        """The form offers the devices held there, at the stage the work takes."""
        Order = self.env["parcours.work.order"].with_user(self.esat_user)
        triage = Order.new({"work_type": "triage", "organisation_id": self.esat.id})
        self.assertEqual(triage.allowed_lot_ids._origin, self.devices)
        # Once in an open triage order, a device is no longer offered to another.
        order = self._open_triage()
        again = Order.new({"work_type": "triage", "organisation_id": self.esat.id})
        self.assertFalse(again.allowed_lot_ids)
        self._verdicts(order, failed=(0,))
        order.action_done()
        dismantle = Order.new(
            {"work_type": "dismantle", "organisation_id": self.esat.id}
        )
        self.assertEqual(dismantle.allowed_lot_ids._origin, self.devices[0])
        # Another workshop's devices are never offered.
        other = Order.with_user(self.esat2_user).new(
            {"work_type": "dismantle", "organisation_id": self.esat2.id}
        )
        self.assertFalse(other.allowed_lot_ids)

    def test_stage_cannot_be_written_by_hand(self):
        device = self._as(self.devices[0])
        for user in (self.esat_user, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError) as caught:
                    device.with_user(user).write({"parcours_stage": "ready"})
                self.assertIn("steps of its workflow", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(device.parcours_stage, "received")

    def test_organisation_role_decides_the_work_types(self):
        WorkOrder = self.env["parcours.work.order"]
        before = WorkOrder.search_count([])
        with self.assertRaises(UserError) as caught:
            WorkOrder.with_user(self.esat_user).create(
                {"work_type": "refurbish", "organisation_id": self.esat.id}
            )
        self.assertIn(
            "ESAT Test Valence cannot take Refurbishment work orders",
            str(caught.exception),
        )
        self.assertIn("Refurbisher", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            WorkOrder.with_user(self.pihc_user).create(
                {"work_type": "triage", "organisation_id": self.pihc.id}
            )
        self.assertIn("PIHC Test cannot take Triage work orders", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(WorkOrder.search_count([]), before)

    def test_started_order_keeps_its_type_and_organisation(self):
        order = self._open_triage()
        with self.assertRaises(UserError) as caught:
            order.write({"work_type": "dismantle"})
        self.assertIn("cannot change", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(order.work_type, "triage")

    # ------------------------------------------------------------- recycling
    @freeze_time("2025-03-20 09:00:00")
    def test_dismantle_the_rejects(self):
        self._triage(self.lot, failed=(0, 2))
        rejects = self.devices[0] | self.devices[2]
        lot = self._as(self.lot)
        action = lot.action_start_dismantling()
        order = (
            self.env["parcours.work.order"]
            .with_user(self.esat_user)
            .browse(action["res_id"])
        )
        self.assertEqual(order.work_type, "dismantle")
        self.assertEqual(order.name[:4], "DEM/")
        self.assertEqual(order.line_ids.lot_id, rejects)
        order.write(
            {
                "employee_id": self.esat_worker.id,
                "fraction_ids": self._fractions(
                    ("metal", 1.1, self.channel_metal),
                    ("plastic", 0.6, self.channel_plastic),
                    ("other", 0.2, self.channel_residual),
                ),
            }
        )
        order.action_start()
        order.action_done()

        self.env.invalidate_all()
        self.assertEqual(order.state, "done")
        self.assertEqual(self._stages(rejects), ["recycled", "recycled"])
        self.assertEqual(
            self._stages(self.devices - rejects), ["to_refurbish", "to_refurbish"]
        )
        # The rejects left the workshop's stock for the recycling location.
        self.assertEqual(rejects.sudo().location_id, self.recycling)
        self.assertFalse(rejects.sudo().parcours_holder_id)
        Quant = self.env["stock.quant"]
        self.assertEqual(
            Quant.search_count(
                [
                    ("lot_id", "in", rejects.ids),
                    ("location_id", "=", self.recycling.id),
                    ("quantity", "=", 1),
                ]
            ),
            2,
        )
        self.assertFalse(
            Quant.search(
                [
                    ("lot_id", "in", rejects.ids),
                    ("location_id", "=", self.esat.location_id.id),
                    ("quantity", "!=", 0),
                ]
            )
        )
        picking = order.sudo().picking_id
        self.assertRecordValues(
            picking,
            [
                {
                    "state": "done",
                    "origin": order.name,
                    "location_id": self.esat.location_id.id,
                    "location_dest_id": self.recycling.id,
                }
            ],
        )
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, rejects)
        self.assertEqual(
            set(order.line_ids.mapped("date")), {fields.Date.to_date("2025-03-20")}
        )

    def test_dismantle_without_fractions(self):
        self._triage(self.lot, failed=(0,))
        reject = self.devices[0]
        action = self._as(self.lot).action_start_dismantling()
        order = (
            self.env["parcours.work.order"]
            .with_user(self.esat_user)
            .browse(action["res_id"])
        )
        order.employee_id = self.esat_worker
        order.action_start()
        with self.assertRaises(UserError) as caught:
            order.action_done()
        self.assertIn("Record the material fractions", str(caught.exception))
        self.assertIn(order.name, str(caught.exception))

        self.env.invalidate_all()
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(order.picking_id)
        self.assertEqual(
            self.env["stock.picking"].search_count([("origin", "=", order.name)]), 0
        )
        self.assertEqual(reject.parcours_stage, "to_recycle")
        self.assertEqual(reject.location_id, self.esat.location_id)

    def test_dismantling_needs_rejects(self):
        self._triage(self.lot)
        with self.assertRaises(UserError) as caught:
            self._as(self.lot).action_start_dismantling()
        self.assertIn("no reject waiting for dismantling", str(caught.exception))
        self.env.invalidate_all()
        self.assertFalse(
            self.lot.work_order_ids.filtered(lambda o: o.work_type == "dismantle")
        )

    def test_fraction_weight_must_be_positive(self):
        self._triage(self.lot, failed=(0,))
        action = self._as(self.lot).action_start_dismantling()
        order = (
            self.env["parcours.work.order"]
            .with_user(self.esat_user)
            .browse(action["res_id"])
        )
        for weight in (0.0, -2.5, float("nan")):
            with self.subTest(weight=weight):
                with self.assertRaises(ValidationError) as caught:
                    order.write(
                        {
                            "fraction_ids": self._fractions(
                                ("metal", weight, self.channel_metal)
                            )
                        }
                    )
                self.assertIn(
                    "Weight (kg) must be between 0.01 and", str(caught.exception)
                )
        self.env.invalidate_all()
        self.assertFalse(order.fraction_ids)
        self.assertFalse(
            self.env["parcours.recycling.fraction"].search(
                [("order_id", "=", order.id)]
            )
        )

    # ---------------------------------------------------------- mass balance
    def test_mass_balance(self):
        """Kilograms received = reused + recycled + residual + not yet accounted for."""
        rows = self._rows(4, prefix="MB")
        for row, weight in zip(rows, (1.4, 1.6, 2.1, 1.9), strict=True):
            row["weight"] = weight
        lot = self._new_lot(user=self.esat_user)
        lot._receive_devices(rows, received_weight=7.3)
        lot = self._as(lot)

        def balance():
            self.env.invalidate_all()
            return [
                lot.received_weight,
                lot.weight_reused,
                lot.weight_recycled,
                lot.weight_residual,
                lot.weight_pending,
            ]

        def assert_balance(expected):
            for got, want in zip(balance(), expected, strict=True):
                self.assertAlmostEqual(got, want, places=6)
            received, *parts = balance()
            self.assertAlmostEqual(received, sum(parts), places=6)

        assert_balance([7.3, 0.0, 0.0, 0.0, 7.3])

        order = self._open_triage(lot)
        self._verdicts(order, failed=(2,))  # MB00002, 2.1 kg, fails
        order.action_done()
        assert_balance([7.3, 4.9, 0.0, 0.0, 2.4])

        # Dismantling as the operator is tested by test_dismantle_the_rejects.
        action = lot.action_start_dismantling()
        dismantle = self.env["parcours.work.order"].browse(action["res_id"])
        dismantle.write(
            {
                "employee_id": self.esat_worker.id,
                "fraction_ids": self._fractions(
                    ("metal", 1.3, self.channel_metal),
                    ("plastic", 0.45, self.channel_plastic),
                    ("other", 0.3, self.channel_residual),
                ),
            }
        )
        dismantle.action_start()
        # Fractions of an order not validated yet do not count.
        assert_balance([7.3, 4.9, 0.0, 0.0, 2.4])
        dismantle.action_done()
        assert_balance([7.3, 4.9, 1.75, 0.3, 0.35])

    def test_close_the_lot_once_every_device_is_handled(self):
        self._triage(self.lot, failed=(3,))
        lot = self._as(self.lot)
        with self.assertRaises(UserError) as caught:
            lot.action_close()
        self.assertIn("TRI00003", str(caught.exception))
        self.assertIn("1 device(s) waiting", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(lot.state, "triaged")

        order = self.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": self.esat.id,
                "employee_id": self.esat_worker.id,
                "line_ids": [Command.create({"lot_id": self.devices[3].id})],
                "fraction_ids": self._fractions(("metal", 1.0, self.channel_metal)),
            }
        )
        order.action_start()
        order.action_done()
        lot.action_close()
        self.assertEqual(lot.state, "done")
