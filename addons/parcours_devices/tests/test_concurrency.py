# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import Command, api
from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from .common import DISABLED_MAIL_CONTEXT, RaceCase


class CommittedChainCase(RaceCase):
    """A workshop, a refurbisher, two lots and a device, committed for both racers.

    The records must be visible to both transactions, so the fixtures are
    committed in their own transaction and removed afterwards.
    """

    # The stage of the device at the workshop.
    device_stage = "to_refurbish"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = uuid.uuid4().hex[:8]
        with cls._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            # The company numbers its orders already (as soon as it has one).
            env["ir.sequence"]._parcours_company_sequence(
                "parcours.work.order.triage", env.company
            )
            Organisation = env["parcours.organisation"]
            workshop = Organisation.create(
                {"name": f"Race workshop {cls.tag}", "role": "workshop"}
            )
            refurbisher = Organisation.create(
                {"name": f"Race refurbisher {cls.tag}", "role": "refurbisher"}
            )
            donor = Organisation.create(
                {"name": f"Race donor {cls.tag}", "role": "donor"}
            )
            product, device = cls._place_device(
                env, workshop, cls.device_stage, cls.tag
            )
            lots = env["parcours.donation.lot"].create(
                [{"donor_id": donor.id, "workshop_id": workshop.id}] * 2
            )
            cls.ids = {
                "organisations": (workshop | refurbisher | donor).ids,
                "workshop": workshop.id,
                "refurbisher": refurbisher.id,
                "product": product.id,
                "device": device.id,
                "lots": lots.ids,
            }

    @classmethod
    def tearDownClass(cls):
        # Done transfers cannot be deleted through the ORM: the fixtures go by SQL.
        with cls._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            ids = cls.ids
            organisations = env["parcours.organisation"].browse(ids["organisations"])
            locations = tuple(organisations.location_id.ids)
            for query in (
                "DELETE FROM parcours_work_order_line WHERE lot_id IN "
                "(SELECT id FROM stock_lot WHERE product_id = %(product)s)",
                "DELETE FROM parcours_work_order WHERE organisation_id IN "
                "%(organisations)s",
                "DELETE FROM stock_valuation_layer WHERE product_id = %(product)s",
                "DELETE FROM stock_move_line WHERE product_id = %(product)s",
                "DELETE FROM stock_move WHERE product_id = %(product)s",
                "DELETE FROM stock_picking p WHERE NOT EXISTS "
                "(SELECT 1 FROM stock_move m WHERE m.picking_id = p.id) "
                "AND (p.location_id IN %(locations)s "
                "OR p.location_dest_id IN %(locations)s)",
                "DELETE FROM stock_quant WHERE product_id = %(product)s",
                "DELETE FROM stock_lot WHERE product_id = %(product)s",
                "DELETE FROM parcours_donation_lot WHERE id IN %(lots)s",
                "DELETE FROM stock_picking_type WHERE default_location_src_id IN "
                "%(locations)s",
            ):
                cr.execute(
                    query,
                    {
                        "product": ids["product"],
                        "locations": locations,
                        "lots": tuple(ids["lots"]),
                        "organisations": tuple(ids["organisations"]),
                    },
                )
            env.invalidate_all()
            product = env["product.product"].browse(ids["product"])
            template = product.product_tmpl_id
            product.unlink()
            template.unlink()
            partners = organisations.partner_id
            organisations.write({"location_id": False, "handoff_type_id": False})
            env["stock.location"].browse(locations).unlink()
            organisations.unlink()
            partners.unlink()
        super().tearDownClass()

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)


@tagged("post_install", "-at_install", "parcours_race")
class TestConcurrentHandoffs(CommittedChainCase):
    def _handoff(self, cr, __):
        env = self._env(cr)
        device = env["stock.lot"].browse(self.ids["device"])
        device._parcours_handoff(
            env["parcours.organisation"].browse(self.ids["refurbisher"])
        )
        env.flush_all()

    def test_one_handoff_per_device(self):
        """Two operators send the same device at once: one hand-off only."""
        error = self.race(self._handoff)
        # The second one is retried by the server, and then refused as usual.
        self.assertEqual(error.pgcode, "40001")  # serialization_failure
        with self._cursor() as cr:
            lines = self._env(cr)["stock.move.line"].search(
                [
                    ("lot_id", "=", self.ids["device"]),
                    ("state", "not in", ("done", "cancel")),
                ]
            )
            self.assertEqual(len(lines), 1)


@tagged("post_install", "-at_install", "parcours_race")
class TestConcurrentIntakes(CommittedChainCase):
    def _receive(self, cr, index):
        env = self._env(cr)
        lot = env["parcours.donation.lot"].browse(self.ids["lots"][index])
        lot._receive_devices(
            [
                {
                    "serial": f"TWICE-{self.tag}",
                    "product": env["product.product"].browse(self.ids["product"]),
                }
            ]
        )
        env.flush_all()

    def test_one_serial_per_model(self):
        """Two lots received at once with the same serial: one device only."""
        error = self.race(self._receive)
        self.assertIsInstance(error, ValidationError)
        self.assertIn("registered by someone else at the same moment", str(error))
        with self._cursor() as cr:
            env = self._env(cr)
            self.assertEqual(
                env["stock.lot"].search_count([("name", "=", f"TWICE-{self.tag}")]), 1
            )
            lots = env["parcours.donation.lot"].browse(self.ids["lots"])
            self.assertEqual(sorted(lots.mapped("state")), ["draft", "received"])


@tagged("post_install", "-at_install", "parcours_race")
class TestConcurrentWorkOrders(CommittedChainCase):
    """Two transactions put the same serial in two open triage orders at once."""

    device_stage = "received"

    def _create_order(self, cr):
        env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
        env["parcours.work.order"].create(
            {
                "work_type": "triage",
                "organisation_id": self.ids["workshop"],
                "line_ids": [Command.create({"lot_id": self.ids["device"]})],
            }
        )
        env.flush_all()

    def test_one_open_order_per_serial(self):
        error = self.race(lambda cr, __: self._create_order(cr))
        self.assertEqual(error.pgcode, "23P01")  # exclusion_violation
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            count = env["parcours.work.order.line"].search_count(
                [("lot_id", "=", self.ids["device"])]
            )
            self.assertEqual(count, 1)

            # The user gets the constraint's message, not a database error.
            message = _as_validation_error(env, error)
            self.assertIsInstance(message, ValidationError)
            self.assertIn("only one open work order", str(message))

    def test_closed_order_frees_the_serial(self):
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            self._create_order(cr)
            order = env["parcours.work.order"].search(
                [("organisation_id", "=", self.ids["workshop"])]
            )
            order.action_cancel()
            env.flush_all()
            # A new order may take the serial once the first one is closed.
            self._create_order(cr)
            self.assertEqual(
                env["parcours.work.order.line"].search_count(
                    [("lot_id", "=", self.ids["device"]), ("is_open", "=", True)]
                ),
                1,
            )
            cr.rollback()
