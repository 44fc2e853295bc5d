# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ParcoursCase

# Keys a client may send with any call: none of them grants anything.
EVERY_CONTEXT_KEY = {
    "parcours_reception_confirmed": True,
    "parcours_stage_update": True,
    "default_state": "done",
    "default_parcours_stage": "ready",
    "active_test": False,
    "tracking_disable": True,
}


@tagged("post_install", "-at_install")
class TestProtectedFields(ParcoursCase):
    """Workflow fields change by the steps only, whoever writes them and how.

    Each case is tried by the user who would try it, the way round the form
    (a direct write, a create, a context key), and checks nothing was written.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(3, prefix="PRO", weight=1.5)
        cls.triage = cls._triage(cls.lot, failed=(0,))
        cls.devices = cls.lot.device_ids.sorted("name")
        cls.reject = cls.devices[0]

    def _as(self, records, user=None):
        return records.with_user(user or self.esat_user)

    def _snapshot(self, records, names):
        self.env.invalidate_all()
        return records.sudo().read(names)

    def _assert_refused(self, records, vals, user=None, error=UserError):
        """``user`` writes ``vals`` on ``records``: refused, nothing changed."""
        names = list(vals)
        before = self._snapshot(records, names)
        with self.assertRaises(error):
            self._as(records, user).with_context(**EVERY_CONTEXT_KEY).write(vals)
        self.assertEqual(self._snapshot(records, names), before)

    def _dismantle(self, fractions=(("metal", 1.0),), validate=True):
        order = self._as(self.env["parcours.work.order"]).create(
            {
                "work_type": "dismantle",
                "organisation_id": self.esat.id,
                "donation_lot_id": self.lot.id,
                "employee_id": self.esat_worker.id,
                "line_ids": [Command.create({"lot_id": self.reject.id})],
                "fraction_ids": [
                    Command.create(
                        {
                            "material": material,
                            "weight": weight,
                            "channel_id": self.channel_metal.id,
                        }
                    )
                    for material, weight in fractions
                ],
            }
        )
        if validate:
            order.action_start()
            order.action_done()
        return order

    # ---------------------------------------------------------- donation lot
    def test_received_lot_keeps_its_receipt(self):
        """The ESAT wrote the weight to 0 and the state back to draft."""
        for vals in (
            {"received_weight": 0.0},
            {"state": "draft"},
            {"name": "DON/1999/0001"},
            {"received_date": "1999-01-01"},
            {"picking_id": False},
            {"donor_id": self.donor.copy({"name": "Another donor"}).id},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(self.lot, vals)
        # The officer is held the same way: only the steps write these.
        self._assert_refused(self.lot, {"state": "draft"}, user=self.officer)

    def test_a_lot_is_created_expected(self):
        Lot = self._as(self.env["parcours.donation.lot"]).with_context(
            **EVERY_CONTEXT_KEY
        )
        before = Lot.search_count([])
        for vals in ({"state": "received"}, {"received_weight": 12.0}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Lot.create(dict(vals, donor_id=self.donor.id, workshop_id=self.esat.id))
        # A context default is dropped, not applied.
        lot = Lot.create({"donor_id": self.donor.id, "workshop_id": self.esat.id})
        self.assertEqual(lot.state, "draft")
        self.assertEqual(Lot.search_count([]), before + 1)

    def test_closed_lot_cannot_change_nor_be_deleted(self):
        self._dismantle()
        self._as(self.lot).action_close()
        self._assert_refused(self.lot, {"note": "rewritten"})
        with self.assertRaises(UserError):
            self.lot.with_user(self.manager).unlink()
        self.assertTrue(self.lot.exists())

    # ----------------------------------------------------------- work orders
    def test_work_order_state_by_its_steps_only(self):
        """The refurbisher wrote state='done' on an order with no tests nor erasure."""
        self._send(self.devices[1:], self.pihc)
        order = self._refurbish_order(self.devices[1:], complete=False)
        for vals in (
            {"state": "done"},
            {"date_done": "2026-01-01"},
            {"picking_id": self.lot.picking_id.id},
            {"work_type": "triage"},
            {"organisation_id": self.pihc.id},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(order, vals, user=self.pihc_user)
        self.assertEqual(
            set(order.line_ids.lot_id.mapped("parcours_stage")), {"refurbishing"}
        )

    def test_validated_work_order_is_kept(self):
        self._assert_refused(self.triage, {"note": "rewritten"})
        self._assert_refused(self.triage, {"employee_id": self.esat_worker.id})
        with self.assertRaises(UserError):
            self.triage.with_user(self.manager).unlink()
        self.assertTrue(self.triage.exists())

    def test_running_work_order_cannot_be_deleted(self):
        order = self._dismantle(validate=False)
        order.action_start()
        with self.assertRaises(UserError) as caught:
            order.with_user(self.manager).unlink()
        self.assertIn("cancel it before deleting it", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(self.reject.parcours_stage, "to_recycle")
        self.assertTrue(order.exists())

    # ------------------------------------------------------ validated lines
    def test_validated_line_is_a_proof(self):
        """The ESAT edited a validated triage line, deleted one, cleared its bill."""
        line = self.triage.line_ids.filtered(lambda line: line.lot_id == self.reject)
        for vals in (
            {"duration": 400.0},
            {"result": "pass"},
            {"employee_id": self.esat_worker.id},
            {"note": "rewritten"},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(line, vals)
        with self.assertRaises(UserError):
            self._as(line).unlink()
        with self.assertRaises(UserError):
            line.with_user(self.manager).unlink()
        self.assertTrue(line.exists())

    def test_bill_link_set_by_billing_only(self):
        self.env["parcours.work.order.line"]._parcours_create_bills(
            self.triage.date_done, self.triage.date_done
        )
        line = self.triage.line_ids[:1]
        self.assertTrue(line.bill_id)
        # Cleared, the line would be billed a second time.
        for user in (self.esat_user, self.manager):
            with self.subTest(user=user.login):
                self._assert_refused(line, {"bill_id": False}, user=user)
        open_line = self._dismantle(validate=False).line_ids
        self._assert_refused(open_line, {"bill_id": line.bill_id.id})

    def test_hours_within_a_sane_range(self):
        open_line = self._dismantle(validate=False).line_ids
        for hours in (-1.0, 400.0, float("inf")):
            with self.subTest(hours=hours):
                self._assert_refused(
                    open_line, {"duration": hours}, error=ValidationError
                )
        self._as(open_line).write({"duration": 0.8})
        self.assertEqual(open_line.duration, 0.8)

    def test_entry_stage_recorded_by_the_start_only(self):
        order = self._dismantle(validate=False)
        line = order.line_ids
        self._assert_refused(line, {"entry_stage": "ready"})
        order.action_start()
        self.assertEqual(line.entry_stage, "to_recycle")

    # --------------------------------------------------------------- erasure
    def test_erasure_proofs_are_kept(self):
        """The refurbisher deleted a validated line: its erasures went with it."""
        self._send(self.devices[1:], self.pihc)
        order = self._refurbish_order(self.devices[1:2])
        order.action_done()
        line = order.line_ids
        erasure = line.erasure_ids
        self._assert_refused(erasure, {"result": "failed"}, user=self.pihc_user)
        self._assert_refused(erasure, {"tool": "nothing"}, user=self.manager)
        for user in (self.pihc_user, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    erasure.with_user(user).unlink()
                with self.assertRaises(UserError):
                    line.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertEqual(erasure.exists().result, "passed")
        self.assertEqual(line.lot_id.parcours_stage, "ready")

    def test_erasure_is_never_cascaded_away(self):
        """Even the superuser cannot delete a line before its erasure proofs."""
        self._send(self.devices[1:], self.pihc)
        order = self._refurbish_order(self.devices[1:2])
        order.action_cancel()
        order.action_draft()
        line = order.line_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                line.unlink()
                self.env.flush_all()
        self.env.invalidate_all()
        self.assertTrue(line.erasure_ids.exists())

    # ------------------------------------------------------------- fractions
    def test_fractions_fit_within_the_lot(self):
        """A 1,000,000 kg fraction on a 4.5 kg lot was accepted."""
        Order = self.env["parcours.work.order"]
        before = Order.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._dismantle(fractions=(("metal", 999999.0),), validate=False)
        self.assertIn("more than the 4.5 kg received", str(caught.exception))
        # Fractions of several orders of the lot add up.
        self._dismantle(fractions=(("metal", 3.0),), validate=False)
        with self.assertRaises(ValidationError):
            self._dismantle(fractions=(("metal", 2.0),), validate=False)
        self.env.invalidate_all()
        self.assertEqual(Order.search_count([]), before + 1)

    def test_validated_fractions_keep_their_weight(self):
        order = self._dismantle()
        fraction = order.fraction_ids
        self._assert_refused(fraction, {"weight": 0.5})
        with self.assertRaises(UserError):
            self._as(fraction).unlink()
        # The eco-organism collects afterwards: that is still recorded.
        self._as(fraction).write(
            {"pickup_date": "2026-02-01", "certificate_ref": "E-1"}
        )
        self.assertEqual(fraction.certificate_ref, "E-1")

    # --------------------------------------------------------------- devices
    def test_device_fields_by_the_steps_only(self):
        """The refurbisher wrote parcours_stage='ready' with parcours_stage_update."""
        device = self.devices[1]
        self._send(device, self.pihc)
        for user in (self.officer, self.manager):
            for vals in (
                {"parcours_stage": "ready"},
                {"parcours_donation_lot_id": False},
                {"location_id": self.place.location_id.id},
                {"parcours_ram_gb": 64},
                {"parcours_grade": "a"},
                {"parcours_weight": 0.1},
                {"name": "RENAMED"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self._assert_refused(device, vals, user=user)
        # Partner accounts do not write devices at all.
        self._assert_refused(device, {"parcours_stage": "ready"}, user=self.pihc_user)
        self._assert_refused(
            device, {"ref": "X"}, user=self.pihc_user, error=AccessError
        )
        self.assertEqual(device.parcours_holder_id, self.pihc)

    def test_devices_are_kept(self):
        with self.assertRaises(UserError):
            self.devices[1].with_user(self.manager).unlink()
        self.assertTrue(self.devices[1].exists())

    def test_no_device_created_at_a_stage(self):
        Lot = self.env["stock.lot"].with_user(self.officer)
        with self.assertRaises(UserError):
            Lot.with_context(**EVERY_CONTEXT_KEY).create(
                {
                    "name": "FAKE-1",
                    "product_id": self.laptop.id,
                    "parcours_stage": "ready",
                }
            )
        device = Lot.with_context(**EVERY_CONTEXT_KEY).create(
            {"name": "FAKE-2", "product_id": self.laptop.id}
        )
        self.assertFalse(device.parcours_stage)
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "FAKE-1")]))


# Methods our classes define that the ORM or the web client calls, not steps.
ORM_METHODS = {
    "create",
    "write",
    "unlink",
    "init",
    "default_get",
    "get_formview_id",
    "get_user_roots",
    "get_workbook_options",
    "generate_xlsx_report",
    "button_validate",
}


@tagged("post_install", "-at_install")
class TestStepsOfAnotherOrganisation(ParcoursCase):
    """Every public method of the addon, called on another organisation's record.

    The list is read from the registry: a new public method fails this test
    until it says how it is called here, and it must be refused to an
    organisation the record is not theirs, whatever the context.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(3, prefix="OTH")
        cls.triage = cls._triage(cls.lot, failed=(0,))
        cls.devices = cls.lot.device_ids.sorted("name")
        cls.handoff = cls.devices[1:]._parcours_handoff(cls.pihc)
        cls.expected = cls._new_lot()
        cls.shipment = cls._ship(cls.devices[0])

    def _public_methods(self):
        found = set()
        for model_name in self.env.registry:
            # the remote client's API (an abstract model) acts on no record of
            # an organisation: test_api.py tests who may call it
            if self.env[model_name]._abstract:
                continue
            for klass in type(self.env[model_name]).__mro__:
                if not klass.__module__.startswith("odoo.addons.parcours_devices."):
                    continue
                if ".tests." in klass.__module__:
                    continue
                for name, value in vars(klass).items():
                    if (
                        callable(value)
                        and not name.startswith("_")
                        and name not in ORM_METHODS
                    ):
                        found.add((model_name, name))
        return found

    @classmethod
    def _ship(cls, device):
        """The ESAT dismantles ``device`` and ships its metal."""
        order = cls._dismantle(device, ("metal", 0.5, cls.channel_metal))
        return cls.env["parcours.waste.shipment"].create(
            {
                "organisation_id": cls.esat.id,
                "channel_id": cls.channel_metal.id,
                "fraction_ids": [Command.set(order.fraction_ids.ids)],
                "waste_code_id": cls.env.ref("parcours_devices.waste_code_160216").id,
                "usual_name": "Metals",
                "treatment_code": "R4",
                "carrier_name": "Carrier",
                "carrier_siren": "123456789",
                "site_name": "Site",
                "site_siret": "12345678900012",
                "site_address": "Valence",
            }
        )

    def _calls(self, user):
        """(model, method) -> what ``user`` calls, on the ESAT's records."""
        env = self.env(user=user, context=dict(self.env.context, **EVERY_CONTEXT_KEY))
        lot, expected = self.lot.with_env(env), self.expected.with_env(env)
        order = self.triage.with_env(env)
        line = self.triage.line_ids[:1].with_env(env)
        device = self.devices[1:].with_env(env)
        handoff = self.handoff.with_env(env)
        rows = [{"serial": "OTH-NEW", "model": "T-LAP14"}]
        return {
            (
                "parcours.donation.lot",
                "action_open_intake",
            ): expected.action_open_intake,
            ("parcours.donation.lot", "parcours_check_intake"): lambda: (
                expected.parcours_check_intake(rows)
            ),
            ("parcours.donation.lot", "parcours_receive"): lambda: (
                expected.parcours_receive(rows)
            ),
            ("parcours.donation.lot", "action_start_triage"): lot.action_start_triage,
            ("parcours.donation.lot", "action_start_dismantling"): (
                lot.action_start_dismantling
            ),
            ("parcours.donation.lot", "action_view_devices"): lot.action_view_devices,
            ("parcours.donation.lot", "action_view_work_orders"): (
                lot.action_view_work_orders
            ),
            ("parcours.donation.lot", "action_parcours_send_devices"): (
                lot.action_parcours_send_devices
            ),
            ("parcours.donation.lot", "action_cancel"): expected.action_cancel,
            ("parcours.donation.lot", "action_close"): lot.action_close,
            ("parcours.donation.lot", "action_print_certificate"): (
                lot.action_print_certificate
            ),
            ("parcours.work.order", "action_start"): order.action_start,
            ("parcours.work.order", "action_done"): order.action_done,
            ("parcours.work.order", "action_cancel"): order.action_cancel,
            ("parcours.work.order", "action_draft"): order.action_draft,
            ("parcours.work.order", "action_parcours_send_devices"): (
                order.action_parcours_send_devices
            ),
            ("parcours.work.order", "action_print_certificate"): (
                order.action_print_certificate
            ),
            ("parcours.waste.shipment", "action_export_register_csv"): (
                self.shipment.with_env(env).action_export_register_csv
            ),
            ("parcours.waste.shipment", "action_send"): (
                self.shipment.with_env(env).action_send
            ),
            ("parcours.waste.register.wizard", "action_export"): lambda: (
                env["parcours.waste.register.wizard"]
                .create(
                    {
                        "date_from": "2000-01-01",
                        "date_to": "2100-01-01",
                        "organisation_id": self.esat.id,
                    }
                )
                .action_export()
            ),
            ("parcours.work.order.line", "action_pass"): line.action_pass,
            ("parcours.work.order.line", "action_fail"): line.action_fail,
            ("parcours.work.order.line", "parcours_create_bills"): lambda: (
                line.parcours_create_bills("2000-01-01", "2100-01-01")
            ),
            ("stock.lot", "action_parcours_history"): device[
                :1
            ].action_parcours_history,
            ("stock.lot", "parcours_handoff"): lambda: (
                device.parcours_handoff(self.place.id)
            ),
            ("stock.picking", "action_parcours_confirm_reception"): (
                handoff.action_parcours_confirm_reception
            ),
            ("stock.picking", "action_parcours_cancel_handoff"): (
                handoff.action_parcours_cancel_handoff
            ),
            ("stock.picking", "action_parcours_refurbish"): (
                handoff.action_parcours_refurbish
            ),
            ("parcours.lot.intake", "action_receive"): lambda: (
                env["parcours.lot.intake"]
                .create(
                    {
                        "donation_lot_id": expected.id,
                        "line_ids": [
                            Command.create(
                                {"serial": "OTH-NEW", "product_id": self.laptop.id}
                            )
                        ],
                    }
                )
                .action_receive()
            ),
            ("parcours.handoff.wizard", "action_send"): lambda: (
                env["parcours.handoff.wizard"]
                .create(
                    {
                        "lot_ids": [Command.set(device.ids)],
                        "organisation_id": self.place.id,
                    }
                )
                .action_send()
            ),
            ("parcours.partner.bill.wizard", "action_create_bills"): lambda: (
                env["parcours.partner.bill.wizard"]
                .create({"date_from": "2000-01-01", "date_to": "2100-01-01"})
                .action_create_bills()
            ),
            ("parcours.partner.payment.wizard", "action_export"): lambda: (
                env["parcours.partner.payment.wizard"]
                .create({"date_from": "2000-01-01", "date_to": "2100-01-01"})
                .action_export()
            ),
        }

    def _state(self):
        self.env.invalidate_all()
        Sudo = self.env["stock.lot"].sudo()
        return {
            "lots": (self.lot | self.expected).read(["state", "received_weight"]),
            "order": self.triage.read(["state", "date_done"]),
            "lines": self.triage.line_ids.read(["result", "bill_id"]),
            "devices": Sudo.browse(self.devices.ids).read(
                ["parcours_stage", "location_id"]
            ),
            "handoff": self.handoff.read(["state", "parcours_confirmed_by_id"]),
            "counts": [
                self.env[model].search_count([])
                for model in (
                    "stock.picking",
                    "stock.lot",
                    "parcours.work.order",
                    "account.move",
                )
            ],
        }

    def test_every_public_method_is_listed(self):
        self.assertEqual(self._public_methods(), set(self._calls(self.esat2_user)))

    def test_every_step_is_refused_to_another_organisation(self):
        before = self._state()
        for user in (self.esat2_user, self.place_user):
            for (model, method), call in self._calls(user).items():
                with self.subTest(user=user.login, model=model, method=method):
                    with self.assertRaises(AccessError):
                        call()
        self.assertEqual(self._state(), before)
