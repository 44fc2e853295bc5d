# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import uuid

import psycopg2

from odoo import api, fields
from odoo.exceptions import ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import _as_validation_error
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from odoo.addons.parcours_devices.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install")
class TestDoubleAllocation(BaseCase):
    """Two mediators allocate the same device at the same moment: one wins.

    Both transactions must see the same device, so the fixtures are committed
    in their own transaction and removed afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            place = env["parcours.organisation"].create(
                {"name": f"Race place {tag}", "role": "third_place"}
            )
            product = env["product.product"].create(
                {
                    "name": f"Race laptop {tag}",
                    "type": "consu",
                    "is_storable": True,
                    "tracking": "serial",
                    "parcours_device_type": "laptop",
                    "weight": 1.5,
                }
            )
            device = (
                env["stock.lot"]
                .with_context(parcours_stage_update=True)
                .create(
                    {
                        "name": f"RACE-{tag}",
                        "product_id": product.id,
                        "parcours_stage": "ready",
                    }
                )
            )
            env["stock.quant"]._update_available_quantity(
                product, place.location_id, 1, lot_id=device
            )
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Race beneficiary {tag} {index}",
                        "zip": "26000",
                        "parcours_is_beneficiary": True,
                        "parcours_place_id": place.id,
                        "parcours_consent_date": fields.Date.today(),
                    }
                    for index in range(2)
                ]
            )
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
                "location": place.location_id.id,
                "journal": place.journal_id.id,
                "org_partner": place.partner_id.id,
                "product": product.id,
                "device": device.id,
                "partners": partners.ids,
                "applications": applications.ids,
            }

    @classmethod
    def tearDownClass(cls):
        ids = cls.ids
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            env["parcours.loan.agreement"].search(
                [("lot_id", "=", ids["device"])]
            ).unlink()
            env["parcours.application"].browse(ids["applications"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            env["stock.quant"].search([("lot_id", "=", ids["device"])]).unlink()
            env["stock.lot"].browse(ids["device"]).unlink()
            product = env["product.product"].browse(ids["product"])
            template = product.product_tmpl_id
            product.unlink()
            template.unlink()
            place = env["parcours.organisation"].browse(ids["place"])
            place.write({"location_id": False, "journal_id": False})
            env["stock.location"].browse(ids["location"]).unlink()
            env["account.journal"].browse(ids["journal"]).unlink()
            place.unlink()
            env["res.partner"].browse(ids["org_partner"]).unlink()
        super().tearDownClass()

    def _allocate(self, cr, index):
        env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
        application = env["parcours.application"].browse(
            self.ids["applications"][index]
        )
        application._parcours_allocate(env["stock.lot"].browse(self.ids["device"]))
        env.flush_all()

    def test_exactly_one_mediator_wins(self):
        first_done = threading.Event()
        outcome = {}

        def second_mediator():
            first_done.wait(10)
            with self.registry.cursor() as cr:
                try:
                    with mute_logger("odoo.sql_db"):
                        self._allocate(cr, 1)
                except psycopg2.Error as error:
                    outcome["error"] = error
                    cr.rollback()
                else:
                    outcome["committed"] = True

        thread = threading.Thread(target=second_mediator)
        thread.start()
        with self.registry.cursor() as cr:
            self._allocate(cr, 0)
            first_done.set()
            thread.join(1)
            self.assertTrue(thread.is_alive(), "the second allocation must wait")
            # The race needs a real commit: the other transaction must see ours.
            cr.commit()  # pylint: disable=invalid-commit
        thread.join(20)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("committed", outcome)
        self.assertEqual(outcome["error"].pgcode, "23P01")  # exclusion_violation
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
            error = _as_validation_error(env, outcome["error"])
            self.assertIsInstance(error, ValidationError)
            self.assertIn("already reserved or lent", str(error))
