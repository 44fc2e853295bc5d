# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

import psycopg2

from odoo import api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged

from odoo.addons.parcours_devices.tests.common import DISABLED_MAIL_CONTEXT, RaceCase

from .common import CHEQUE


class LoanRaceCase(RaceCase):
    """A third place, one ready laptop and two residents on its waiting list.

    Both transactions must see the same records, so the fixtures are committed
    in their own transaction and removed afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls._cursor() as cr:
            env = cls._env(cr)
            place = env["parcours.organisation"].create(
                {"name": f"Race place {tag}", "role": "third_place"}
            )
            product, device = cls._place_device(env, place, "ready", tag)
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
            cls._more_fixtures(env)

    @classmethod
    def _env(cls, cr):
        return api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)

    @classmethod
    def _more_fixtures(cls, env):
        """What a race needs beyond the waiting list, committed with it."""

    @classmethod
    def tearDownClass(cls):
        ids = cls.ids
        with cls._cursor() as cr:
            env = cls._env(cr)
            agreements = env["parcours.loan.agreement"].search(
                [("lot_id", "=", ids["device"])]
            )
            # Accounting entries are kept once posted; these are test fixtures.
            payments = env["account.payment"].search(
                [("partner_id", "in", ids["partners"])]
            )
            payments.action_draft()
            payments.with_context(force_delete=True).unlink()
            env["account.payment.register"].search(
                [("partner_id", "in", ids["partners"])]
            ).unlink()
            invoices = agreements.invoice_id
            invoices.button_draft()
            invoices.with_context(force_delete=True).unlink()
            # An open agreement is never deleted: it is cancelled first.
            agreements.filtered(lambda a: a.state != "cancel").action_cancel()
            agreements.unlink()
            env["parcours.application"].browse(ids["applications"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            env["stock.quant"].search([("lot_id", "=", ids["device"])]).unlink()
            env["stock.lot"].browse(ids["device"]).unlink()
            product = env["product.product"].browse(ids["product"])
            template = product.product_tmpl_id
            product.unlink()
            template.unlink()
            place = env["parcours.organisation"].browse(ids["place"])
            place.handoff_type_id.unlink()
            place.write({"location_id": False, "journal_id": False})
            env["stock.location"].browse(ids["location"]).unlink()
            env["account.journal"].browse(ids["journal"]).unlink()
            place.unlink()
            env["res.partner"].browse(ids["org_partner"]).unlink()
        super().tearDownClass()


@tagged("post_install", "-at_install", "parcours_race")
class TestDoubleAllocation(LoanRaceCase):
    """Two mediators allocate the same device at the same moment: one wins."""

    def _allocate(self, cr, index):
        env = self._env(cr)
        application = env["parcours.application"].browse(
            self.ids["applications"][index]
        )
        application._parcours_allocate(env["stock.lot"].browse(self.ids["device"]))
        env.flush_all()

    def test_exactly_one_mediator_wins(self):
        error = self.race(self._allocate)
        self.assertEqual(error.pgcode, "23P01")  # exclusion_violation
        with self._cursor() as cr:
            env = self._env(cr)
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


@tagged("post_install", "-at_install", "parcours_race")
class TestDoublePayment(LoanRaceCase):
    """Two mediators record the same 25 € at the same moment: one payment.

    Each first finds the contribution unpaid; the row lock taken by the step
    makes the second one wait for the first, and the database then refuses it
    (a serialisation failure, which Odoo retries: the retry finds it paid).
    """

    @classmethod
    def _more_fixtures(cls, env):
        application = env["parcours.application"].browse(cls.ids["applications"][0])
        agreement = application._parcours_allocate(
            env["stock.lot"].browse(cls.ids["device"])
        )
        agreement.action_sign()
        cls.ids["agreement"] = agreement.id

    def _pay(self, cr, index):
        env = self._env(cr)
        agreement = env["parcours.loan.agreement"].browse(self.ids["agreement"])
        agreement._parcours_register_payment(
            "cash" if index else "cheque", cheque=CHEQUE
        )
        env.flush_all()

    def test_exactly_one_payment(self):
        error = self.race(self._pay)
        self.assertIsInstance(error, psycopg2.errors.SerializationFailure)
        with self._cursor() as cr:
            env = self._env(cr)
            agreement = env["parcours.loan.agreement"].browse(self.ids["agreement"])
            payments = env["account.payment"].search(
                [("partner_id", "=", agreement.partner_id.id)]
            )
            self.assertEqual(len(payments), 1)
            self.assertEqual(payments.amount, 25.0)
            self.assertEqual(agreement.contribution_method, "cheque")
            self.assertIn(agreement.payment_state, ("paid", "in_payment"))
            # Odoo's retry of the second request finds the contribution paid.
            with self.assertRaisesRegex(UserError, "already paid"):
                agreement._parcours_register_payment("cash")
