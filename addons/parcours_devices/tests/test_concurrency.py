# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import Command, api
from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from .common import DISABLED_MAIL_CONTEXT, RaceCase


@tagged("post_install", "-at_install")
class TestConcurrentWorkOrders(RaceCase):
    """Two transactions put the same serial in two open triage orders at once.

    The records must be visible to both transactions, so this test commits its
    fixtures in their own transaction and removes them afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = uuid.uuid4().hex[:8]
        with cls._committed() as env:
            workshop = env["parcours.organisation"].create(
                {"name": f"Concurrency workshop {cls.tag}", "role": "workshop"}
            )
            __, device = cls._place_device(env, workshop, "received", cls.tag)
            cls.ids = {
                "workshop": workshop.id,
                "device": device.id,
            }

    @classmethod
    def tearDownClass(cls):
        with cls._committed() as env:
            ids = cls.ids
            env["parcours.work.order"].search(
                [("organisation_id", "=", ids["workshop"])]
            ).unlink()
            cls._remove_place_device(
                env,
                env["parcours.organisation"].browse(ids["workshop"]),
                env["stock.lot"].browse(ids["device"]),
            )
        super().tearDownClass()

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
        with self.registry.cursor() as cr:
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
        with self.registry.cursor() as cr:
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
