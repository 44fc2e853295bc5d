# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from unittest.mock import patch

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
        # The database's constraint is the last guard: without the step's row
        # lock, it alone refuses the second agreement.
        Application = self.registry["parcours.application"]
        with patch.object(Application, "_parcours_lock_device", lambda *args: None):
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
class TestAllocationUnderLock(LoanRaceCase):
    """The loser of an allocation race waits on the device's row lock and gets
    a message, without any error logged by the database layer."""

    _allocate = TestDoubleAllocation._allocate

    def test_loser_gets_a_message(self):
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            error = self.race(self._allocate)
        self.assertIsInstance(error, UserError)
        self.assertIn("has just been reserved by another mediator", str(error))
        with self._committed() as env:
            agreements = env["parcours.loan.agreement"].search(
                [("lot_id", "=", self.ids["device"])]
            )
            self.assertEqual(agreements.application_id.id, self.ids["applications"][0])
            loser = env["parcours.application"].browse(self.ids["applications"][1])
            self.assertEqual(loser.state, "waiting")


@tagged("post_install", "-at_install", "parcours_race")
class TestConcurrentProposals(LoanRaceCase):
    """Two mediators of one place take "the best ready device" together: the
    second one skips the device the first one holds and gets the next."""

    @classmethod
    def _more_fixtures(cls, env):
        second = env["stock.lot"].create(
            {
                "name": f"RACE-2-{cls.ids['device']}",
                "product_id": cls.ids["product"],
                "parcours_stage": "ready",
            }
        )
        place = env["parcours.organisation"].browse(cls.ids["place"])
        env["stock.quant"]._update_available_quantity(
            second.product_id, place.location_id, 1, lot_id=second
        )
        cls.ids["second"] = second.id

    @classmethod
    def tearDownClass(cls):
        with cls._committed() as env:
            second = env["stock.lot"].browse(cls.ids["second"])
            agreements = env["parcours.loan.agreement"].search(
                [("lot_id", "=", second.id)]
            )
            agreements.filtered(lambda a: a.state != "cancel").action_cancel()
            agreements.unlink()
            env["stock.quant"].search([("lot_id", "=", second.id)]).unlink()
            second.unlink()
        super().tearDownClass()

    def test_different_devices(self):
        devices = []
        with self._cursor() as first_cr, self._cursor() as second_cr:
            # The second one must not wait for the first one's lock.
            second_cr.execute("SET LOCAL lock_timeout = '5s'")
            for index, cr in enumerate((first_cr, second_cr)):
                env = self._env(cr)
                application = env["parcours.application"].browse(
                    self.ids["applications"][index]
                )
                devices.append(application._parcours_allocate().lot_id.id)
                env.flush_all()
                self.assertEqual(application.state, "allocated")
            # Neither waited for the other; the next test starts afresh.
            first_cr.rollback()
            second_cr.rollback()
        self.assertEqual(devices, [self.ids["device"], self.ids["second"]])

    def test_none_free(self):
        with self._cursor() as first_cr, self._cursor() as second_cr:
            second_cr.execute("SET LOCAL lock_timeout = '5s'")
            env = self._env(first_cr)
            env["stock.lot"].browse(self.ids["second"]).parcours_stage = "lost"
            env["parcours.application"].browse(
                self.ids["applications"][0]
            )._parcours_allocate()
            env.flush_all()
            env = self._env(second_cr)
            with self.assertRaisesRegex(UserError, "No ready Laptop is free"):
                env["parcours.application"].browse(
                    self.ids["applications"][1]
                )._parcours_allocate()
            first_cr.rollback()


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
