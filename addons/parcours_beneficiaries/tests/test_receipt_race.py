# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time
import uuid

import psycopg2

from odoo import api
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_ERRORS_TO_RETRY,
)
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.parcours_devices.tests.common import DISABLED_MAIL_CONTEXT, RaceCase

from .common import race_place


@tagged("post_install", "-at_install", "parcours_race")
class TestConcurrentReceipts(RaceCase):
    """Two mediators of one third place collect two contributions at once.

    Both payments must go through, numbered from the place's one receipt
    book: two consecutive numbers, never the same one twice. The place has
    no receipt book yet, so the race also covers the book made by the first
    receipt. The agreements both mediators see are committed in their own
    transaction and removed afterwards.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = uuid.uuid4().hex[:8]
        with cls._committed() as env:
            place, device, partners = race_place(env, tag, "reserved", 2)
            __, other = cls._place_device(env, place, "reserved", f"{tag}b")
            agreements = env["parcours.loan.agreement"].create(
                [
                    {
                        "partner_id": partner.id,
                        "place_id": place.id,
                        "lot_id": lot.id,
                        "amount": 25.0,
                    }
                    for partner, lot in zip(partners, device | other, strict=True)
                ]
            )
            agreements.action_sign()
            cls.ids = {
                "place": place.id,
                "devices": [device.id, other.id],
                "partners": partners.ids,
                "agreements": agreements.ids,
                "invoices": agreements.invoice_id.ids,
            }

    @classmethod
    def tearDownClass(cls):
        ids = cls.ids
        with cls._committed() as env:
            env = env(context=dict(env.context, force_delete=True))
            invoices = env["account.move"].browse(ids["invoices"])
            payments = invoices.matched_payment_ids
            payments.action_draft()
            payments.unlink()
            invoices.button_draft()
            invoices.unlink()
            agreements = env["parcours.loan.agreement"].browse(ids["agreements"])
            # an open agreement is never deleted: the fixture's are closed first
            agreements.write({"state": "cancel"})
            agreements.unlink()
            env["account.payment.register"].search(
                [("partner_id", "in", ids["partners"])]
            ).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()
            place = env["parcours.organisation"].browse(ids["place"])
            device, other = env["stock.lot"].browse(ids["devices"])
            # the second device is removed by hand, the first with the place
            product = other.product_id
            template = product.product_tmpl_id
            env["stock.quant"].search([("lot_id", "=", other.id)]).unlink()
            other.unlink()
            product.unlink()
            template.unlink()
            cls._remove_place_device(env, place, device)
        super().tearDownClass()

    def _collect(self, env, index):
        agreement = env["parcours.loan.agreement"].browse(self.ids["agreements"][index])
        agreement._parcours_register_payment("cash")
        env.flush_all()

    def _collect_retrying(self, env, index):
        """Collect as the RPC layer does (``odoo.service.model.retrying``): a
        concurrency error rolls back and tries again. Not ``retrying`` itself,
        which asks ``Registry(db)`` for a new registry: under Odoo's runner
        that waits for ever (see ``RaceCase``)."""
        for tries_left in reversed(range(MAX_TRIES_ON_CONCURRENCY_FAILURE)):
            try:
                with mute_logger("odoo.sql_db"):
                    return self._collect(env, index)
            except psycopg2.OperationalError as error:
                if error.pgcode not in PG_CONCURRENCY_ERRORS_TO_RETRY:
                    raise
                if not tries_left:
                    raise
                env.cr.rollback()  # and clears the transaction's cache
                time.sleep(0.1)

    def test_two_collections_get_consecutive_receipts(self):
        first_in = threading.Event()
        outcome = {}

        def second():
            first_in.wait(10)
            with self._cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
                try:
                    self._collect_retrying(env, 1)
                except Exception as error:  # noqa: BLE001 - reported below
                    outcome["error"] = error
                    cr.rollback()

        thread = threading.Thread(target=second)
        thread.start()
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)
            self._collect(env, 0)
            first_in.set()
            thread.join(1)
            self.assertTrue(thread.is_alive(), "the second one must wait for the first")
            # The race needs a real commit: the other transaction must see ours.
            cr.commit()  # pylint: disable=invalid-commit
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertNotIn(
            "error", outcome, repr(outcome.get("error") and outcome["error"].__cause__)
        )
        with self._cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            agreements = env["parcours.loan.agreement"].browse(self.ids["agreements"])
            numbers = agreements.mapped("receipt_number")
            payments = agreements.invoice_id.matched_payment_ids
            self.assertEqual(len(payments), 2)
            self.assertEqual(
                sorted(payments.mapped("parcours_receipt_number")), sorted(numbers)
            )
            prefix = "R%04d-" % self.ids["place"]
            self.assertEqual(numbers, [f"{prefix}00001", f"{prefix}00002"])
            # one receipt book for the place, not one per mediator
            books = env["ir.sequence"].search(
                [("code", "=", "parcours.receipt.place.%d" % self.ids["place"])]
            )
            place = env["parcours.organisation"].browse(self.ids["place"])
            self.assertEqual(books, place.receipt_sequence_id)
