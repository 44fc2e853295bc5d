# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestRefurbishment(ParcoursCase):
    """The refurbisher tests, erases and grades: no device is ready without proof."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pihc_worker2 = cls.env["hr.employee"].create(
            {
                "name": "Supervisor D",
                "parcours_organisation_id": cls.pihc.id,
                "parcours_worker_type": "staff",
            }
        )
        lot = cls._new_lot()
        lot._receive_devices(
            cls._rows(3, prefix="RF") + cls._rows(1, prefix="RFD", product=cls.desktop)
        )
        cls._triage(lot)
        cls.devices = lot.device_ids.sorted("name")
        cls._send(cls.devices, cls.pihc)
        cls.laptops = cls.devices.filtered(lambda d: d.product_id == cls.laptop)
        cls.desktop_device = cls.devices.filtered(lambda d: d.product_id == cls.desktop)

    # ---------------------------------------------------------------- helpers
    def _start(self, devices):
        """The refurbisher's operator creates and starts an order for ``devices``."""
        order = (
            self.env["parcours.work.order"]
            .with_user(self.pihc_user)
            .create(
                {
                    "work_type": "refurbish",
                    "organisation_id": self.pihc.id,
                    "line_ids": [Command.create({"lot_id": d.id}) for d in devices],
                }
            )
        )
        order.action_start()
        return order

    def _line(self, order, serial):
        return order.line_ids.filtered(lambda line: line.lot_id.name == serial)

    def _assert_not_validated(self, order):
        """The gate held: the order is still running and no device is ready."""
        self.env.invalidate_all()
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(order.date_done)
        devices = order.line_ids.lot_id
        self.assertEqual(set(devices.mapped("parcours_stage")), {"refurbishing"})
        self.assertEqual(set(devices.mapped("parcours_os")), {"Windows 10"})

    def _assert_refused(self, order, serial, *missing):
        with self.assertRaises(UserError) as caught:
            order.action_done()
        message = str(caught.exception)
        self.assertIn(
            "Device %s in work order %s is not finished" % (serial, order.name), message
        )
        for part in missing:
            self.assertIn(part, message)
        self._assert_not_validated(order)
        return message

    # -------------------------------------------------------------- the gate
    def test_complete_lines_make_devices_ready(self):
        order = self._start(self.devices)
        self.assertEqual(order.name[:4], "REC/")
        self.assertEqual(set(self.devices.mapped("parcours_stage")), {"refurbishing"})
        for line in order.line_ids:
            self._complete_refurbish_line(line)
        self._line(order, "RF00001").grade = "a"
        self.assertTrue(all(order.line_ids.mapped("tests_passed")))
        order.action_done()

        self.env.invalidate_all()
        devices = self.devices.with_user(self.pihc_user)
        self.assertEqual(order.state, "done")
        self.assertRecordValues(
            devices,
            [
                {
                    "name": "RF00000",
                    "parcours_stage": "ready",
                    "parcours_os": "Linux Mint 22",
                    "parcours_grade": "b",
                    "parcours_holder_id": self.pihc.id,
                },
                {
                    "name": "RF00001",
                    "parcours_stage": "ready",
                    "parcours_os": "Linux Mint 22",
                    "parcours_grade": "a",
                    "parcours_holder_id": self.pihc.id,
                },
                {
                    "name": "RF00002",
                    "parcours_stage": "ready",
                    "parcours_os": "Linux Mint 22",
                    "parcours_grade": "b",
                    "parcours_holder_id": self.pihc.id,
                },
                {
                    "name": "RFD00000",
                    "parcours_stage": "ready",
                    "parcours_os": "Linux Mint 22",
                    "parcours_grade": "b",
                    "parcours_holder_id": self.pihc.id,
                },
            ],
        )
        # Each device keeps the proof of its erasure.
        erasure = devices[0].parcours_erasure_ids
        self.assertRecordValues(
            erasure,
            [
                {
                    "disk_serial": "DISK-RF00000",
                    "level": "purge",
                    "result": "passed",
                    "organisation_id": self.pihc.id,
                    "certificate_ref": "CERT-RF00000",
                    "employee_id": self.pihc_worker.id,
                }
            ],
        )
        self.assertEqual(erasure.display_name, "RF00000 / DISK-RF00000")

    def test_a_failing_functional_test_blocks_the_device(self):
        order = self._start(self.laptops)
        for line in order.line_ids:
            self._complete_refurbish_line(line)
        self._line(order, "RF00002").test_webcam = False
        self.assertFalse(self._line(order, "RF00002").tests_passed)
        message = self._assert_refused(
            order, "RF00002", "functional tests not passed: Webcam"
        )
        self.assertNotIn("RF00000", message)

    def test_no_erasure_blocks_the_device(self):
        order = self._start(self.laptops[:1])
        line = order.line_ids
        self._complete_refurbish_line(line)
        line.erasure_ids.unlink()
        self._assert_refused(
            order, "RF00000", "record the erasure of each storage device"
        )
        self.assertFalse(line.erasure_ids)

    def test_an_erasure_not_verified_blocks_the_device(self):
        order = self._start(self.laptops[:1])
        line = order.line_ids
        self._complete_refurbish_line(line)
        for result in ("pending", "failed"):
            with self.subTest(result=result):
                line.erasure_ids.result = result
                self._assert_refused(
                    order,
                    "RF00000",
                    "erasure not verified for disk(s) RF00000 / DISK-RF00000",
                )
                self.assertEqual(line.erasure_ids.result, result)

    def test_a_second_disk_not_verified_blocks_the_device(self):
        order = self._start(self.laptops[:1])
        line = order.line_ids
        self._complete_refurbish_line(line)
        line.erasure_ids = [
            Command.create(
                {
                    "disk_serial": "HDD-2ND",
                    "disk_type": "hdd",
                    "level": "clear",
                    "method": "overwrite",
                    "tool": "nwipe 0.35",
                    "employee_id": self.pihc_worker.id,
                }
            )
        ]
        message = self._assert_refused(
            order, "RF00000", "erasure not verified for disk(s) RF00000 / HDD-2ND"
        )
        self.assertNotIn("DISK-RF00000", message)

    def test_missing_os_blocks_the_device(self):
        order = self._start(self.laptops[:1])
        self._complete_refurbish_line(order.line_ids)
        order.line_ids.os_installed = False
        self._assert_refused(
            order, "RF00000", "say which operating system was installed"
        )

    def test_missing_grade_blocks_the_device(self):
        order = self._start(self.laptops[:1])
        self._complete_refurbish_line(order.line_ids)
        order.line_ids.grade = False
        self._assert_refused(order, "RF00000", "grade the device")

    def test_missing_worker_blocks_the_device(self):
        order = self._start(self.laptops[:1])
        self._complete_refurbish_line(order.line_ids)
        order.line_ids.employee_id = False
        self._assert_refused(order, "RF00000", "say who did the work")

    def test_everything_missing_is_listed_at_once(self):
        order = self._start(self.desktop_device)
        message = self._assert_refused(
            order,
            "RFD00000",
            "say who did the work",
            "functional tests not passed: Boot and BIOS, Screen, Keyboard",
            "record the erasure",
            "say which operating system",
            "grade the device",
        )
        self.assertNotIn("Battery", message)
        self.assertNotIn("Webcam", message)

    def test_one_unfinished_device_holds_the_whole_order(self):
        order = self._start(self.laptops)
        for line in order.line_ids:
            self._complete_refurbish_line(line)
        self._line(order, "RF00001").test_keyboard = False
        self._assert_refused(order, "RF00001", "Keyboard")
        # The finished devices are not made ready on their own.
        self.assertEqual(
            self._line(order, "RF00000").lot_id.parcours_stage, "refurbishing"
        )

    def test_desktop_needs_no_battery_nor_webcam(self):
        order = self._start(self.desktop_device | self.laptops[0])
        desktop_line = self._line(order, "RFD00000")
        laptop_line = self._line(order, "RF00000")
        self.assertNotIn("test_battery", desktop_line._applicable_tests())
        self.assertNotIn("test_webcam", desktop_line._applicable_tests())
        self.assertIn("test_battery", laptop_line._applicable_tests())
        for line in order.line_ids:
            self._complete_refurbish_line(line)
        (desktop_line | laptop_line).write(
            {"test_battery": False, "test_webcam": False}
        )
        self.assertTrue(desktop_line.tests_passed)
        self.assertFalse(laptop_line.tests_passed)
        self._assert_refused(order, "RF00000", "Battery and charger, Webcam")

        laptop_line.write({"test_battery": True, "test_webcam": True})
        order.action_done()
        self.env.invalidate_all()
        self.assertEqual(self.desktop_device.parcours_stage, "ready")
        self.assertEqual(self.laptops[0].parcours_stage, "ready")

    def test_hours_recorded_per_worker(self):
        order = self._start(self.devices)
        hours = {
            "RF00000": (self.pihc_worker, 3.0),
            "RF00001": (self.pihc_worker, 2.5),
            "RF00002": (self.pihc_worker2, 1.75),
            "RFD00000": (self.pihc_worker2, 2.0),
        }
        for serial, (worker, duration) in hours.items():
            line = self._line(order, serial)
            self._complete_refurbish_line(line)
            line.write({"employee_id": worker.id, "duration": duration})
        order.action_done()

        self.env.invalidate_all()
        self.assertEqual(order.duration_total, 9.25)
        per_worker = dict(
            self.env["parcours.work.order.line"]
            .with_user(self.pihc_user)
            ._read_group(
                [("order_id", "=", order.id)], ["employee_id"], ["duration:sum"]
            )
        )
        self.assertEqual(per_worker, {self.pihc_worker: 5.5, self.pihc_worker2: 3.75})
        self.assertEqual(self._line(order, "RF00002").worker_type, "staff")
        self.assertEqual(self._line(order, "RF00000").worker_type, "insertion")

    def test_cancel_a_started_refurbishment(self):
        order = self._start(self.laptops)
        order.action_cancel()
        self.env.invalidate_all()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(set(self.laptops.mapped("parcours_stage")), {"to_refurbish"})
        # Cancelled lines no longer hold the devices: a new order can take them.
        again = self._start(self.laptops)
        self.assertEqual(again.line_ids.lot_id, self.laptops)

    def test_cancel_restores_the_stage_each_device_entered_with(self):
        """Cancelling put a returned device to "to refurbish": the stage it had."""
        order = self._start(self.laptops[:2])
        self.assertEqual(set(order.line_ids.mapped("entry_stage")), {"to_refurbish"})
        # A device added to the running order enters it at once.
        order.write({"line_ids": [Command.create({"lot_id": self.laptops[2].id})]})
        self.assertEqual(self.laptops[2].parcours_stage, "refurbishing")
        self.assertEqual(
            order.line_ids.filtered(
                lambda line: line.lot_id == self.laptops[2]
            ).entry_stage,
            "to_refurbish",
        )
        order.action_cancel()
        self.env.invalidate_all()
        self.assertEqual(set(self.laptops.mapped("parcours_stage")), {"to_refurbish"})
        # Cancelled any other way, the devices would stay in its stage: refused.
        again = self._start(self.laptops[:1])
        with self.assertRaises(ValidationError) as caught:
            again.sudo().write({"state": "cancel"})
        self.assertIn("must go back to stage To refurbish", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(again.state, "in_progress")

    def test_a_device_is_in_one_open_refurbishment_only(self):
        self._start(self.laptops[:1])
        WorkOrder = self.env["parcours.work.order"].with_user(self.pihc_user)
        before = WorkOrder.search_count([])
        with self.assertRaises(ValidationError) as caught:
            WorkOrder.create(
                {
                    "work_type": "refurbish",
                    "organisation_id": self.pihc.id,
                    "line_ids": [Command.create({"lot_id": self.laptops[0].id})],
                }
            )
        # Refused at stage level (the device is being refurbished), before the
        # database exclusion constraint would have to.
        self.assertIn("Device RF00000 is at stage Refurbishing", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(WorkOrder.search_count([]), before)

    def test_erasure_proof_is_kept_once_the_device_is_ready(self):
        """The proof of erasure of a refurbished device cannot be undone.

        Décret 2022-190 lets a device be called refurbished only once every
        disk is erased; once the order is validated, its proof must stay as
        it was verified.
        """
        order = self._start(self.laptops[:1])
        self._complete_refurbish_line(order.line_ids)
        order.action_done()
        erasure = order.line_ids.erasure_ids
        with self.assertRaises(UserError):
            erasure.unlink()
        with self.assertRaises(UserError):
            erasure.result = "failed"
        self.env.invalidate_all()
        self.assertEqual(erasure.exists().result, "passed")
