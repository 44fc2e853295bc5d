# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestJourneyScreens(ParcoursCase):
    """The buttons that take a partner from one step of the chain to the next.

    They are screens only: each opens what the user could open from the menus,
    and the steps behind them check the rules.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(3, prefix="JRN", weight=1.5)

    def _wizard(self, action, user, receiver):
        """The hand-off dialog an action opens, filled in by ``user``."""
        self.assertEqual(action["res_model"], "parcours.handoff.wizard")
        return (
            self.env["parcours.handoff.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"organisation_id": receiver.id})
        )

    def test_send_a_triaged_lot_to_refurbishment(self):
        lot = self.lot.with_user(self.esat_user)
        with self.assertRaises(UserError):
            lot.action_parcours_send_devices()  # nothing triaged yet
        self._triage(self.lot, failed=(0,))
        passed = self.lot.device_ids.filtered(
            lambda d: d.parcours_stage == "to_refurbish"
        )
        wizard = self._wizard(
            lot.action_parcours_send_devices(), self.esat_user, self.pihc
        )
        self.assertEqual(wizard.lot_ids, passed)
        wizard.action_send()
        self.assertEqual(len(passed.parcours_handoff_id), 1)
        # Once on their way, nothing is left to send.
        with self.assertRaises(UserError):
            lot.action_parcours_send_devices()

    def test_refurbish_what_a_handoff_brought(self):
        self._triage(self.lot)
        devices = self.lot.device_ids
        picking = devices._parcours_handoff(self.pihc).with_user(self.pihc_user)
        self.assertFalse(picking.parcours_can_refurbish)
        with self.assertRaises(UserError):
            picking.action_parcours_refurbish()  # not received yet
        picking.action_parcours_confirm_reception()
        self.assertTrue(picking.parcours_can_refurbish)
        # Not the sender's to refurbish.
        as_sender = picking.with_user(self.esat_user)
        self.assertFalse(as_sender.parcours_can_refurbish)
        with self.assertRaises(UserError):
            as_sender.action_parcours_refurbish()

        action = picking.action_parcours_refurbish()
        order = self.env["parcours.work.order"].browse(action["res_id"])
        self.assertEqual(order.work_type, "refurbish")
        self.assertEqual(order.organisation_id, self.pihc)
        self.assertEqual(order.line_ids.lot_id, devices)
        # The refurbisher keeps one device for another day: the order changes
        # with her rights, fractions she may not read included.
        order.with_user(self.pihc_user).write(
            {"line_ids": [Command.unlink(order.line_ids[0].id)]}
        )
        self.assertEqual(len(order.line_ids), 2)
        picking.invalidate_recordset(["parcours_can_refurbish"])
        self.assertTrue(picking.parcours_can_refurbish)
        order.action_start()
        self.assertTrue(picking.parcours_can_refurbish)  # the one left out
        second = self.env["parcours.work.order"].browse(
            picking.action_parcours_refurbish()["res_id"]
        )
        self.assertEqual(second.line_ids.lot_id, devices - order.line_ids.lot_id)
        picking.invalidate_recordset(["parcours_can_refurbish"])
        self.assertFalse(picking.parcours_can_refurbish)

    def test_send_the_refurbished_devices(self):
        self._triage(self.lot)
        devices = self.lot.device_ids
        self._send(devices, self.pihc)
        order = self._refurbish_order(devices).with_user(self.pihc_user)
        with self.assertRaises(UserError):
            order.action_parcours_send_devices()  # not validated yet
        order.action_done()
        wizard = self._wizard(
            order.action_parcours_send_devices(), self.pihc_user, self.place
        )
        self.assertEqual(wizard.lot_ids, devices)
        picking = self.env["stock.picking"].browse(wizard.action_send()["res_id"])
        self.assertEqual(picking.parcours_receiver_id, self.place)
        self.assertEqual(picking.move_line_ids.lot_id, devices)
