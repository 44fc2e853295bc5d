# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import api
from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from odoo.addons.parcours_devices.tests.common import DISABLED_MAIL_CONTEXT, RaceCase

from .common import race_place


@tagged("post_install", "-at_install", "parcours_race")
class TestConcurrentRemittances(RaceCase):
    """Two slips of one cash office collect the same receipts at the same moment.

    The contribution paid and both draft slips must be seen by both
    transactions, so they are committed in their own transaction and removed
    afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls._committed() as env:
            place, device, partner = race_place(env, tag, "reserved", 1)
            agreement = env["parcours.loan.agreement"].create(
                {
                    "partner_id": partner.id,
                    "place_id": place.id,
                    "lot_id": device.id,
                    "amount": 25.0,
                }
            )
            agreement.action_sign()
            agreement._parcours_register_payment("cash")
            slips = env["parcours.remittance"].create(
                [{"place_id": place.id} for __ in range(2)]
            )
            cls.ids = {
                "place": place.id,
                "device": device.id,
                "partner": partner.id,
                "agreement": agreement.id,
                "invoice": agreement.invoice_id.id,
                "payment": agreement.invoice_id.matched_payment_ids.id,
                "slips": slips.ids,
            }

    @classmethod
    def tearDownClass(cls):
        ids = cls.ids
        with cls._committed() as env:
            env = env(context=dict(env.context, force_delete=True))
            env["parcours.remittance"].browse(ids["slips"]).unlink()
            payment = env["account.payment"].browse(ids["payment"])
            payment.action_draft()
            payment.unlink()
            invoice = env["account.move"].browse(ids["invoice"])
            invoice.button_draft()
            invoice.unlink()
            agreement = env["parcours.loan.agreement"].browse(ids["agreement"])
            # an open agreement is never deleted: the fixture's is closed first
            agreement.write({"state": "cancel"})
            agreement.unlink()
            # the payment wizard of the contribution, a transient record
            env["account.payment.register"].search(
                [("partner_id", "=", ids["partner"])]
            ).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
            cls._remove_place_device(
                env,
                env["parcours.organisation"].browse(ids["place"]),
                env["stock.lot"].browse(ids["device"]),
            )
        super().tearDownClass()

    def _collect(self, cr, index):
        env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
        env["parcours.remittance"].browse(self.ids["slips"][index]).action_collect()
        env.flush_all()

    def test_exactly_one_slip_gets_the_receipt(self):
        error = self.race(self._collect)
        self.assertEqual(error.pgcode, "23505")  # unique_violation
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            lines = env["parcours.remittance.line"].search(
                [("payment_id", "=", self.ids["payment"])]
            )
            self.assertEqual(lines.remittance_id.ids, self.ids["slips"][:1])
            loser = env["parcours.remittance"].browse(self.ids["slips"][1])
            self.assertFalse(loser.line_ids)
            message = _as_validation_error(env, error)
            self.assertIsInstance(message, ValidationError)
            self.assertIn("already on a remittance slip", str(message))
