# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import api
from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from odoo.addons.parcours_devices.tests.common import DISABLED_MAIL_CONTEXT, RaceCase

from .common import race_place


@tagged("post_install", "-at_install")
class TestDoubleAllocation(RaceCase):
    """Two mediators allocate the same device at the same moment: one wins.

    Both transactions must see the same device, so the fixtures are committed
    in their own transaction and removed afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls._committed() as env:
            place, device, partners = race_place(env, tag, "ready", 2)
            applications = env["parcours.application"].create(
                [
                    {
                        "partner_id": partner.id,
                        "place_id": place.id,
                        "device_type": "laptop",
                    }
                    for partner in partners
                ]
            )
            applications.write({"state": "waiting"})
            cls.ids = {
                "place": place.id,
                "device": device.id,
                "partners": partners.ids,
                "applications": applications.ids,
            }

    @classmethod
    def tearDownClass(cls):
        ids = cls.ids
        with cls._committed() as env:
            env["parcours.loan.agreement"].search(
                [("lot_id", "=", ids["device"])]
            ).unlink()
            env["parcours.application"].browse(ids["applications"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            cls._remove_place_device(
                env,
                env["parcours.organisation"].browse(ids["place"]),
                env["stock.lot"].browse(ids["device"]),
            )
        super().tearDownClass()

    def _allocate(self, cr, index):
        env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
        application = env["parcours.application"].browse(
            self.ids["applications"][index]
        )
        application._parcours_allocate(env["stock.lot"].browse(self.ids["device"]))
        env.flush_all()

    def test_exactly_one_mediator_wins(self):
        error = self.race(self._allocate)
        self.assertEqual(error.pgcode, "23P01")  # exclusion_violation
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            agreements = env["parcours.loan.agreement"].search(
                [("lot_id", "=", self.ids["device"])]
            )
            self.assertEqual(len(agreements), 1)
            self.assertEqual(agreements.application_id.id, self.ids["applications"][0])
            loser = env["parcours.application"].browse(self.ids["applications"][1])
            self.assertEqual(loser.state, "waiting")
            self.assertEqual(
                env["stock.lot"].browse(self.ids["device"]).parcours_stage, "reserved"
            )
            message = _as_validation_error(env, error)
            self.assertIsInstance(message, ValidationError)
            self.assertIn("already reserved or lent", str(message))
