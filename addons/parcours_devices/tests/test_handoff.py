# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestHandoff(ParcoursCase):
    """Devices change hands only when the receiving organisation confirms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(4, prefix="HO")
        cls._triage(cls.lot, failed=(3,))
        devices = cls.lot.device_ids.sorted("name")
        cls.passed = devices[:3]
        cls.reject = devices[3]
        cls.Picking = cls.env["stock.picking"]

    # ---------------------------------------------------------------- helpers
    def _send_as(self, user, devices, organisation):
        """``user`` selects ``devices`` and sends them to ``organisation``."""
        wizard = (
            self.env["parcours.handoff.wizard"]
            .with_user(user)
            .with_context(active_model="stock.lot", active_ids=devices.ids)
            .create({"organisation_id": organisation.id})
        )
        self.assertEqual(wizard.lot_ids, devices)
        action = wizard.action_send()
        return self.Picking.with_user(user).browse(action["res_id"])

    def _quantities(self, devices):
        """{organisation: quantity} of ``devices`` in stock, zeros left out."""
        self.env.invalidate_all()
        quants = self.env["stock.quant"].search(
            [
                ("lot_id", "in", devices.ids),
                ("quantity", "!=", 0),
                ("location_id.usage", "=", "internal"),
            ]
        )
        result = {}
        for quant in quants:
            holder = quant.location_id.parcours_organisation_id
            result[holder] = result.get(holder, 0.0) + quant.quantity
        return result

    def _handoffs(self, devices):
        return self.Picking.search(
            [
                ("parcours_is_handoff", "=", True),
                ("move_ids.move_line_ids.lot_id", "in", devices.ids),
            ]
        )

    def _assert_not_sent(self, devices, holder):
        self.env.invalidate_all()
        self.assertFalse(
            self.env["stock.move.line"].search(
                [
                    ("lot_id", "in", devices.ids),
                    ("location_id", "=", holder.location_id.id),
                    ("state", "not in", ("done", "cancel")),
                ]
            ),
            "no transfer of these devices is waiting",
        )
        self.assertEqual(devices.sudo().parcours_holder_id, holder)

    # ---------------------------------------------------------------- hand-off
    def test_handoff_waits_for_the_receiver(self):
        picking = self._send_as(self.esat_user, self.passed, self.pihc)

        self.env.invalidate_all()
        self.assertRecordValues(
            picking,
            [
                {
                    "parcours_is_handoff": True,
                    "state": "assigned",
                    "parcours_sender_id": self.esat.id,
                    "parcours_receiver_id": self.pihc.id,
                    "location_id": self.esat.location_id.id,
                    "location_dest_id": self.pihc.location_id.id,
                    "partner_id": self.pihc.partner_id.id,
                }
            ],
        )
        # A hand-off of its own: the sender's operation type, numbered TRA/year/n.
        self.assertEqual(picking.picking_type_id, self.esat.handoff_type_id)
        self.assertEqual(picking.picking_type_id.code, "internal")
        self.assertRegex(picking.name, r"^TRA/\d{4}/\d{4}$")
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, self.passed)
        # Until PIHC confirms, the ESAT still holds the devices; PIHC reads the
        # devices it is about to confirm.
        devices = self.passed.with_user(self.esat_user)
        self.assertEqual(devices.parcours_holder_id, self.esat)
        self.assertEqual(set(devices.mapped("parcours_stage")), {"to_refurbish"})
        self.assertEqual(
            self.env["stock.lot"]
            .with_user(self.pihc_user)
            .search([("id", "in", self.passed.ids)]),
            self.passed,
        )
        self.assertEqual(self._quantities(self.passed), {self.esat: 3.0})

        # PIHC sees the waiting transfer and confirms it.
        incoming = self.Picking.with_user(self.pihc_user).search(
            [
                ("parcours_is_handoff", "=", True),
                ("state", "=", "assigned"),
                ("parcours_receiver_id", "=", self.pihc.id),
            ]
        )
        self.assertEqual(incoming, picking)
        incoming.action_parcours_confirm_reception()

        self.env.invalidate_all()
        self.assertEqual(incoming.state, "done")
        devices = self.passed.with_user(self.pihc_user)
        self.assertEqual(devices.parcours_holder_id, self.pihc)
        self.assertEqual(devices.location_id, self.pihc.location_id)
        self.assertEqual(set(devices.mapped("parcours_stage")), {"to_refurbish"})
        self.assertIn(
            "Reception confirmed by %s" % self.pihc_user.name,
            incoming.message_ids.mapped("body")[0],
        )
        # The stock moved: +1 at PIHC, nothing left at the ESAT, for each device.
        self.assertEqual(self._quantities(self.passed), {self.pihc: 3.0})
        self.assertEqual(incoming.parcours_confirmed_by_id, self.pihc_user)
        # The workshop no longer holds the devices, and still reads what became
        # of them.
        self.assertEqual(
            self.env["stock.lot"]
            .with_user(self.esat_user)
            .search_count(
                [
                    ("id", "in", self.passed.ids),
                    ("parcours_holder_id", "=", self.esat.id),
                ]
            ),
            0,
        )
        self.assertEqual(
            set(self.passed.with_user(self.esat_user).mapped("parcours_stage")),
            {"to_refurbish"},
        )
        # The receiver checks the serials it got in the transfer's detailed
        # operations: the move lines belong to the transfer.
        self.assertEqual(incoming.move_line_ids.lot_id, self.passed)

    def test_handoff_type_named_in_every_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["parcours_devices"], ["fr_FR"])
        workshop = self.env["parcours.organisation"].create(
            {"name": "Atelier de Die", "role": "workshop"}
        )
        handoff_type = workshop.handoff_type_id
        self.assertEqual(
            handoff_type.with_context(lang="en_US").name,
            "Hand-offs from Atelier de Die",
        )
        self.assertEqual(
            handoff_type.with_context(lang="fr_FR").name,
            "Transmissions d'Atelier de Die",
        )

    def test_handoff_confirmed_only_by_the_receiver(self):
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        # The sender cannot confirm its own shipment.
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.esat_user).action_parcours_confirm_reception()
        self.assertIn("Only PIHC Test can confirm", str(caught.exception))
        self.assertIn(picking.name, str(caught.exception))
        # Another workshop does not even see it.
        with self.assertRaises(AccessError):
            picking.with_user(self.esat2_user).action_parcours_confirm_reception()
        # Nor does a third place.
        with self.assertRaises(AccessError):
            picking.with_user(self.place_user).action_parcours_confirm_reception()

        self.env.invalidate_all()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.passed.parcours_holder_id, self.esat)

        # The département's officer may confirm for a partner.
        picking.with_user(self.officer).action_parcours_confirm_reception()
        self.env.invalidate_all()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.passed.parcours_holder_id, self.pihc)

    def test_a_handoff_is_confirmed_once(self):
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        picking = picking.with_user(self.pihc_user)
        picking.action_parcours_confirm_reception()
        with self.assertRaises(UserError) as caught:
            picking.action_parcours_confirm_reception()
        self.assertIn(
            "Transfer %s is not a hand-off waiting for confirmation" % picking.name,
            str(caught.exception),
        )
        # A receipt from a donor is no hand-off to confirm either.
        with self.assertRaises(UserError):
            self.lot.picking_id.with_user(
                self.esat_user
            ).action_parcours_confirm_reception()

    def test_refurbished_devices_go_to_a_third_place(self):
        self._send(self.passed, self.pihc)
        # Not refurbished yet: the refurbisher cannot pass them on.
        with self.assertRaises(UserError) as caught:
            self._send_as(self.pihc_user, self.passed, self.place)
        self.assertIn(
            "HO00000 cannot leave PIHC Test at its stage", str(caught.exception)
        )
        self._assert_not_sent(self.passed, self.pihc)

        self._refurbish_order(self.passed).action_done()
        picking = self._send_as(self.pihc_user, self.passed, self.place)
        picking.with_user(self.place_user).action_parcours_confirm_reception()
        self.env.invalidate_all()
        devices = self.passed.with_user(self.place_user)
        self.assertEqual(devices.parcours_holder_id, self.place)
        self.assertEqual(set(devices.mapped("parcours_stage")), {"ready"})

    # ---------------------------------------------------------- refusals
    def test_devices_in_an_open_work_order_cannot_be_sent(self):
        self._send(self.passed, self.pihc)
        device = self.passed[0]
        WorkOrder = self.env["parcours.work.order"].with_user(self.pihc_user)

        def refurbish_order():
            return WorkOrder.create(
                {
                    "work_type": "refurbish",
                    "organisation_id": self.pihc.id,
                    "line_ids": [Command.create({"lot_id": device.id})],
                }
            )

        # An order drafted then cancelled; the device is refurbished by another.
        forgotten = refurbish_order()
        forgotten.action_cancel()
        done = refurbish_order()
        done.action_start()
        self._complete_refurbish_line(done.line_ids)
        done.action_done()
        # The cancelled order is reset to draft: the device is in it again.
        forgotten.action_draft()
        self.assertTrue(forgotten.line_ids.is_open)

        with self.assertRaises(UserError) as caught:
            self._send_as(self.pihc_user, device, self.place)
        self.assertIn(
            "HO00000 is in open work order %s" % forgotten.name, str(caught.exception)
        )
        self._assert_not_sent(device, self.pihc)
        self.assertFalse(self._handoffs(device).filtered(lambda p: p.state != "done"))

    def test_devices_from_two_places_cannot_be_sent_together(self):
        self._send(self.passed[:1], self.pihc)
        with self.assertRaises(UserError) as caught:
            self._send_as(self.officer, self.passed, self.place)
        message = str(caught.exception)
        self.assertIn("Send devices held by one organisation at a time", message)
        self.assertIn("ESAT Test Valence", message)
        self.assertIn("PIHC Test", message)
        self._assert_not_sent(self.passed[:1], self.pihc)
        self._assert_not_sent(self.passed[1:], self.esat)

    def test_devices_not_triaged_cannot_leave_the_workshop(self):
        waiting = self._received_lot(2, prefix="HW").device_ids.sorted("name")
        with self.assertRaises(UserError) as caught:
            self._send_as(self.esat_user, waiting, self.pihc)
        self.assertIn(
            "HW00000 cannot leave ESAT Test Valence at its stage", str(caught.exception)
        )
        self._assert_not_sent(waiting, self.esat)
        self.assertEqual(set(waiting.mapped("parcours_stage")), {"received"})

        # Nor can a reject waiting for dismantling.
        with self.assertRaises(UserError) as caught:
            self._send_as(self.esat_user, self.passed | self.reject, self.pihc)
        self.assertIn("HO00003 cannot leave", str(caught.exception))
        self._assert_not_sent(self.passed | self.reject, self.esat)

    def test_devices_already_there(self):
        with self.assertRaises(UserError) as caught:
            self._send_as(self.esat_user, self.passed, self.esat)
        self.assertIn("already at ESAT Test Valence", str(caught.exception))
        self._assert_not_sent(self.passed, self.esat)

    def test_devices_on_their_way_cannot_be_sent_again(self):
        """A device waiting in a hand-off cannot be put in a second one.

        Otherwise two organisations can confirm the reception of the same
        serial: the second confirmation moves a device that already left.
        """
        first = self._send_as(self.esat_user, self.passed, self.pihc)
        with self.assertRaises(UserError) as caught:
            self._send_as(self.esat_user, self.passed[:1], self.pihc)
        self.assertIn("HO00000", str(caught.exception))
        self.assertIn(first.name, str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(self._handoffs(self.passed), first)

    def test_mass_balance_does_not_depend_on_who_holds_the_devices(self):
        """The workshop's view of its lot stays right after the hand-off.

        The lot's figures add up the weights of all its devices, wherever they
        are now; the workshop operator must read the same figures as the
        département before and after sending the passed devices away.
        """
        lot_for_officer = self.lot.with_user(self.officer)
        lot_for_workshop = self.lot.with_user(self.esat_user)
        self.env.invalidate_all()
        self.assertAlmostEqual(lot_for_workshop.weight_reused, 4.5, places=6)

        self._send(self.passed, self.pihc)
        # Each user computes the figures afresh: nothing comes from the cache.
        for lot in (lot_for_workshop, lot_for_officer):
            with self.subTest(user=lot.env.user.login):
                self.env.invalidate_all()
                figures = {
                    "reused": lot.weight_reused,
                    "pending": lot.weight_pending,
                    "devices": lot.device_count,
                }
                self.assertEqual(figures, {"reused": 4.5, "pending": 1.5, "devices": 4})

    def test_the_generic_validate_button_cannot_skip_the_receiver(self):
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        for user in (self.esat_user, self.pihc_user):
            with self.assertRaisesRegex(UserError, "Confirm reception"):
                picking.with_user(user).button_validate()
        self.env.invalidate_all()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.passed.parcours_holder_id, self.esat)

    def test_the_sender_opens_a_done_handoff(self):
        """The hand-off form reads nothing the sender may no longer read."""
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        picking.with_user(self.pihc_user).action_parcours_confirm_reception()
        self.env.invalidate_all()
        picking = picking.with_user(self.esat_user)
        view_id = picking.get_formview_id()
        self.assertEqual(
            view_id, self.env.ref("parcours_devices.stock_picking_view_form_handoff").id
        )
        # What the web client reads to show the form: every field of the view.
        views = picking.get_views([(view_id, "form")])
        self.assertIn(
            'name="action_parcours_confirm_reception"', views["views"]["form"]["arch"]
        )
        self._web_read_view(picking, views)
        # Each device with its serial, model, stage and grade.
        lines = picking.move_line_ids.web_read(
            {
                "lot_id": {"fields": {"display_name": {}}},
                "product_id": {"fields": {"display_name": {}}},
                "parcours_stage": {},
                "parcours_grade": {},
            }
        )
        self.assertEqual(
            sorted(line["lot_id"]["display_name"] for line in lines),
            self.passed.mapped("name"),
        )
        self.assertEqual({line["parcours_stage"] for line in lines}, {"to_refurbish"})

    def _web_read_view(self, records, views):
        """Read ``records`` as the web client does for the form of ``views``."""

        def spec(model_name):
            model = self.env[model_name]
            fields_spec = {}
            for name in views["models"][model_name]["fields"]:
                field = model._fields[name]
                if field.type in ("one2many", "many2many") and (
                    field.comodel_name in views["models"]
                ):
                    fields_spec[name] = {"fields": spec(field.comodel_name)}
                elif field.relational:
                    fields_spec[name] = {"fields": {"display_name": {}}}
                else:
                    fields_spec[name] = {}
            return fields_spec

        return records.web_read(spec(records._name))

    # ------------------------------------------------------------ transfers
    def test_the_receiver_reads_what_it_confirms(self):
        """Before confirming, the receiver sees each device's serial, model, stage."""
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        picking = picking.with_user(self.pihc_user)
        self.env.invalidate_all()
        self.assertTrue(picking.parcours_can_confirm)
        self.assertFalse(picking.parcours_can_cancel)
        views = picking.get_views([(picking.get_formview_id(), "form")])
        self._web_read_view(picking, views)
        self.assertEqual(
            [
                (line.lot_id.name, line.product_id, line.parcours_stage)
                for line in picking.move_line_ids.sorted(lambda line: line.lot_id.name)
            ],
            [(device.name, self.laptop, "to_refurbish") for device in self.passed],
        )
        self.assertEqual(picking.create_uid, self.esat_user)
        for_sender = picking.with_user(self.esat_user)
        self.assertFalse(for_sender.parcours_can_confirm)
        self.assertTrue(for_sender.parcours_can_cancel)

    def test_to_confirm_lists_only_what_comes_in(self):
        """The PIHC's "to confirm" listed a hand-off it sent to a third place."""
        incoming = self._send_as(self.esat_user, self.passed[:1], self.pihc)
        self._send(self.passed[1:], self.pihc)
        self._refurbish_order(self.passed[1:]).action_done()
        outgoing = self._send_as(self.pihc_user, self.passed[1:], self.place)
        action = self.env.ref("parcours_devices.stock_picking_action_handoff")
        search = self.env.ref("parcours_devices.stock_picking_view_search_handoff")
        filters = {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(search.arch).iter("filter")
        }
        Picking = self.Picking.with_user(self.pihc_user)

        def listed(name):
            domain = safe_eval(filters[name], {"uid": self.pihc_user.id})
            return Picking.search(domain + safe_eval(action.domain))

        self.assertEqual(listed("filter_to_confirm"), incoming)
        self.assertEqual(listed("filter_sent"), outgoing)
        self.assertIn("search_default_filter_to_confirm", action.context)

    def test_no_route_from_the_workshop_to_a_third_place(self):
        """An unerased device went from the ESAT straight to a third place."""
        with self.assertRaises(UserError) as caught:
            self._send_as(self.esat_user, self.passed, self.place)
        self.assertIn(
            "ESAT Test Valence (Triage workshop) cannot send devices to "
            "Tiers-lieu Test (Third place)",
            str(caught.exception),
        )
        self._assert_not_sent(self.passed, self.esat)

    def test_the_sender_cancels_a_handoff_not_received(self):
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        with self.assertRaises(AccessError):
            picking.with_user(self.pihc_user).action_parcours_cancel_handoff()
        picking.with_user(self.esat_user).action_parcours_cancel_handoff()
        self.env.invalidate_all()
        self.assertEqual(picking.state, "cancel")
        self._assert_not_sent(self.passed, self.esat)
        with self.assertRaises(UserError):
            picking.with_user(self.pihc_user).action_parcours_confirm_reception()
        # Sent again, the devices go.
        self._send_as(self.esat_user, self.passed, self.pihc).with_user(
            self.pihc_user
        ).action_parcours_confirm_reception()
        self.assertEqual(self._quantities(self.passed), {self.pihc: 3.0})

    def test_partners_never_make_a_transfer_themselves(self):
        """A mediator and the ESAT made and validated a plain transfer from the PIHC."""
        self._send(self.passed, self.pihc)
        device = self.passed[0]
        picking_type = self.Picking._parcours_picking_type("internal")
        for user in (self.place_user, self.esat_user):
            with self.subTest(user=user.login):
                destination = user.parcours_organisation_id.location_id
                Picking = self.Picking.with_user(user)
                for vals in (
                    {},
                    {"parcours_is_handoff": True},
                ):
                    with self.assertRaises(UserError):
                        Picking.create(
                            dict(
                                vals,
                                picking_type_id=picking_type.id,
                                location_id=self.pihc.location_id.id,
                                location_dest_id=destination.id,
                            )
                        )
                with self.assertRaises(AccessError):
                    self.env["stock.move.line"].with_user(user).create(
                        {
                            "product_id": self.laptop.id,
                            "lot_id": device.id,
                            "quantity": 1,
                            "company_id": self.env.company.id,
                            "location_id": self.pihc.location_id.id,
                            "location_dest_id": destination.id,
                        }
                    )
        self.assertEqual(self._quantities(self.passed), {self.pihc: 3.0})

    def test_partners_write_no_move_line(self):
        """A done move line's quantity corrects the stock: partners never write one."""
        receipt_line = self.lot.picking_id.move_line_ids[:1]
        handoff = self._send_as(self.esat_user, self.passed, self.pihc)
        for user, line in (
            (self.esat_user, receipt_line),
            (self.esat_user, handoff.move_line_ids[:1]),
            (self.pihc_user, handoff.move_line_ids[:1]),
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    line.with_user(user).write({"quantity": 0})
                with self.assertRaises(AccessError):
                    line.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    handoff.move_ids[:1].with_user(user).write({"picked": False})
        self.env.invalidate_all()
        self.assertEqual(set(receipt_line.mapped("quantity")), {1.0})
        self.assertEqual(len(handoff.move_line_ids), 3)
        self.assertEqual(self._quantities(self.lot.device_ids), {self.esat: 4.0})

    def test_officers_move_no_device_outside_the_steps(self):
        """The département's officers are stock users: a device still moves by steps."""
        self._send(self.passed, self.pihc)
        device = self.passed[0]
        Picking = self.Picking.with_user(self.officer)
        picking = Picking.create(
            {
                "picking_type_id": Picking._parcours_picking_type("internal").id,
                "location_id": self.pihc.location_id.id,
                "location_dest_id": self.place.location_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "by hand",
                            "product_id": self.laptop.id,
                            "product_uom_qty": 1,
                            "location_id": self.pihc.location_id.id,
                            "location_dest_id": self.place.location_id.id,
                        }
                    )
                ],
            }
        )
        with self.assertRaises(UserError) as caught:
            self.env["stock.move.line"].with_user(self.officer).create(
                {
                    "move_id": picking.move_ids.id,
                    "picking_id": picking.id,
                    "product_id": self.laptop.id,
                    "lot_id": device.id,
                    "quantity": 1,
                    "location_id": self.pihc.location_id.id,
                    "location_dest_id": self.place.location_id.id,
                }
            )
        self.assertIn("moves only by the steps of the chain", str(caught.exception))
        # Nor reserved by Odoo itself, which would pick the device's serial.
        with self.assertRaises(UserError):
            picking.action_confirm()
        # Nor can a done move line be corrected, nor the device relocated.
        done_line = self.lot.picking_id.move_line_ids[:1]
        with self.assertRaises(UserError):
            done_line.with_user(self.officer).write({"quantity": 0})
        with self.assertRaises(UserError):
            device.with_user(self.officer).location_id = self.place.location_id
        # An inventory adjustment, by the manager, neither.
        quant = self.env["stock.quant"].search(
            [("lot_id", "=", device.id), ("quantity", ">", 0)]
        )
        with self.assertRaises(UserError):
            quant.with_user(self.manager).with_context(
                inventory_mode=True
            ).inventory_quantity = 0
            quant.with_user(self.manager).action_apply_inventory()
        self.assertEqual(self._quantities(self.passed), {self.pihc: 3.0})

    def test_a_context_key_confirms_nothing(self):
        """The ESAT validated its own hand-off with parcours_reception_confirmed."""
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        for user in (self.esat_user, self.officer):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    picking.with_user(user).with_context(
                        parcours_reception_confirmed=True
                    ).button_validate()
                with self.assertRaises(UserError):
                    picking.with_user(user).write({"parcours_confirmed_by_id": user.id})
        # Elevated rights do not skip the receiver either.
        with self.assertRaises(UserError):
            picking.sudo()._action_done()
        self.env.invalidate_all()
        self.assertEqual(picking.state, "assigned")
        self.assertFalse(picking.parcours_confirmed_by_id)
        self.assertEqual(self._quantities(self.passed), {self.esat: 3.0})

    def test_a_handoff_on_its_way_keeps_its_route(self):
        picking = self._send_as(self.esat_user, self.passed, self.pihc)
        for vals in (
            {"location_dest_id": self.place.location_id.id},
            {"parcours_is_handoff": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                picking.with_user(self.officer).write(vals)
        self.env.invalidate_all()
        self.assertEqual(picking.parcours_receiver_id, self.pihc)
        self.assertTrue(picking.parcours_is_handoff)
