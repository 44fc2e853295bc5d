# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import threading

import psycopg2

from odoo import Command, api, sql_db
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, HttpCase, TransactionCase, new_test_user
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

DISABLED_MAIL_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


class HomeActionCase(HttpCase):
    """Reads the home action the web client gets at login, as the user."""

    def _home_action_id(self, login):
        """The session's ``home_action_id`` of ``login`` (password ``<login>_pw``)."""
        self.authenticate(login, f"{login}_pw")
        response = self.url_open(
            "/web/session/get_session_info",
            data="{}",
            headers={"Content-Type": "application/json"},
        )
        return response.json()["result"]["home_action_id"]


class ParcoursCase(TransactionCase):
    """Two workshops, a refurbisher, a third place, a donor and their users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        Organisation = cls.env["parcours.organisation"]
        cls.department = Organisation.create(
            {"name": "Département", "role": "department"}
        )
        cls.esat = Organisation.create(
            {"name": "ESAT Test Valence", "role": "workshop"}
        )
        cls.esat2 = Organisation.create({"name": "ESAT Test Die", "role": "workshop"})
        cls.pihc = Organisation.create({"name": "PIHC Test", "role": "refurbisher"})
        cls.place = Organisation.create(
            {"name": "Tiers-lieu Test", "role": "third_place"}
        )
        cls.donor = Organisation.create({"name": "Donor Test", "role": "donor"})

        Product = cls.env["product.product"]
        device_values = {
            "type": "consu",
            "is_storable": True,
            "tracking": "serial",
        }
        cls.laptop = Product.create(
            dict(
                device_values,
                name="Test Laptop 14",
                default_code="T-LAP14",
                parcours_device_type="laptop",
                weight=1.5,
            )
        )
        cls.desktop = Product.create(
            dict(
                device_values,
                name="Test Desktop SFF",
                default_code="T-DSK",
                parcours_device_type="desktop",
                weight=5.0,
            )
        )
        cls.not_a_device = Product.create(
            dict(device_values, name="Test Toner", default_code="T-TONER")
        )

        Employee = cls.env["hr.employee"]
        cls.esat_worker = Employee.create(
            {
                "name": "Supported worker A",
                "parcours_organisation_id": cls.esat.id,
                "parcours_worker_type": "supported",
            }
        )
        cls.esat2_worker = Employee.create(
            {
                "name": "Supported worker B",
                "parcours_organisation_id": cls.esat2.id,
                "parcours_worker_type": "supported",
            }
        )
        cls.pihc_worker = Employee.create(
            {
                "name": "Insertion worker C",
                "parcours_organisation_id": cls.pihc.id,
                "parcours_worker_type": "insertion",
            }
        )

        def user(login, group, organisation):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,parcours_devices.{group}",
                parcours_organisation_id=organisation.id,
            )

        cls.esat_user = user("esat_op", "group_workshop_operator", cls.esat)
        cls.esat2_user = user("esat2_op", "group_workshop_operator", cls.esat2)
        cls.pihc_user = user("pihc_op", "group_refurbisher_operator", cls.pihc)
        cls.place_user = user("place_op", "group_place_operator", cls.place)
        cls.officer = user("officer", "group_officer", cls.department)
        cls.manager = user("manager", "group_manager", cls.department)
        cls.accountant = user("accountant", "group_accountant", cls.department)

        cls.env["parcours.unit.price"].create(
            [
                {"organisation_id": cls.esat.id, "work_type": "triage", "price": 8.0},
                {
                    "organisation_id": cls.esat.id,
                    "work_type": "dismantle",
                    "price": 12.0,
                },
                {
                    "organisation_id": cls.pihc.id,
                    "work_type": "refurbish",
                    "price": 45.0,
                },
            ]
        )
        cls.channel_metal = cls.env.ref("parcours_devices.recycling_channel_metal")
        cls.channel_residual = cls.env.ref(
            "parcours_devices.recycling_channel_residual"
        )

    # ---------------------------------------------------------------- helpers
    @classmethod
    def _rows(cls, count, prefix="SN", product=None, weight=0.0):
        product = product or cls.laptop
        return [
            {
                "serial": f"{prefix}{index:05d}",
                "product": product,
                "cpu": "Intel Core i5",
                "ram_gb": 8,
                "storage_gb": 256,
                "storage_type": "ssd",
                "os": "Windows 10",
                "battery_health": 80,
                "weight": weight,
            }
            for index in range(count)
        ]

    @classmethod
    def _new_lot(cls, workshop=None, user=None, **values):
        Lot = cls.env["parcours.donation.lot"]
        if user:
            Lot = Lot.with_user(user)
        return Lot.create(
            dict(
                {"donor_id": cls.donor.id, "workshop_id": (workshop or cls.esat).id},
                **values,
            )
        )

    @classmethod
    def _received_lot(cls, count, prefix="SN", workshop=None, **kwargs):
        lot = cls._new_lot(workshop=workshop)
        lot._receive_devices(cls._rows(count, prefix=prefix, **kwargs))
        return lot

    @classmethod
    def _triage(cls, lot, failed=(), worker=None):
        """Triage every device of ``lot``; the indexes in ``failed`` fail."""
        lot.action_start_triage()
        order = lot.work_order_ids.filtered(lambda o: o.work_type == "triage")
        order.action_start()
        for index, line in enumerate(order.line_ids):
            line.write(
                {
                    "result": "fail" if index in failed else "pass",
                    "fail_reason": "no_power" if index in failed else False,
                    "employee_id": (worker or cls.esat_worker).id,
                    "duration": 0.25,
                }
            )
        order.action_done()
        return order

    @classmethod
    def _dismantle(cls, devices, *fractions):
        """Dismantle ``devices`` at the ESAT into ``fractions``, (material, kg,
        channel) triples."""
        order = cls.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": cls.esat.id,
                "employee_id": cls.esat_worker.id,
                "line_ids": [
                    Command.create({"lot_id": device.id}) for device in devices
                ],
                "fraction_ids": [
                    Command.create(
                        {
                            "material": material,
                            "weight": weight,
                            "channel_id": channel.id,
                        }
                    )
                    for material, weight, channel in fractions
                ],
            }
        )
        order.action_start()
        order.action_done()
        return order

    @classmethod
    def _send(cls, devices, organisation, confirm=True):
        picking = devices._parcours_handoff(organisation)
        if confirm:
            picking.action_parcours_confirm_reception()
        return picking

    @classmethod
    def _refurbish_order(cls, devices, complete=True):
        order = cls.env["parcours.work.order"].create(
            {
                "work_type": "refurbish",
                "organisation_id": cls.pihc.id,
                "line_ids": [
                    Command.create({"lot_id": device.id}) for device in devices
                ],
            }
        )
        order.action_start()
        if complete:
            for line in order.line_ids:
                cls._complete_refurbish_line(line)
        return order

    @classmethod
    def _complete_refurbish_line(cls, line):
        line.write(
            dict(
                {name: True for name in line._applicable_tests()},
                employee_id=cls.pihc_worker.id,
                duration=3.0,
                os_installed="Linux Mint 22",
                grade="b",
                erasure_ids=[
                    Command.create(
                        {
                            "disk_serial": f"DISK-{line.lot_id.name}",
                            "level": "purge",
                            "method": "ata_sanitize",
                            "tool": "nwipe 0.35",
                            "employee_id": cls.pihc_worker.id,
                            "result": "passed",
                            "certificate_ref": f"CERT-{line.lot_id.name}",
                        }
                    )
                ],
            )
        )


class RaceCase(BaseCase):
    """Two real transactions that want the same thing; the database decides.

    The records both see must be committed, so such a test commits its fixtures
    in ``setUpClass`` and removes them in ``tearDownClass``. Its classes are
    tagged ``parcours_race``: ``make test`` runs them under pytest-odoo and
    under Odoo's own runner (``--test-enable --test-tags parcours_race``).

    Every cursor of a race is a real connection of its own (``_cursor``), not
    ``registry.cursor()``: in test mode (an ``HttpCase`` running) the registry
    hands out the one shared test cursor, where two transactions cannot race,
    and Odoo's runner holds the registry lock while the tests run, so a thread
    that asks ``Registry(db)`` for its environment waits for ever.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    def _cursor(cls):
        """A cursor on a connection of its own, with its own ORM transaction.

        As a context manager it commits on exit, or rolls back on an error.
        """
        cr = sql_db.db_connect(cls.registry.db_name).cursor()
        # set here, not by api.Environment, which would ask Registry(db) for it
        cr.transaction = api.Transaction(cls.registry)
        return cr

    @classmethod
    @contextlib.contextmanager
    def _committed(cls):
        """A superuser environment on a cursor of its own, committed on exit."""
        with cls._cursor() as cr:
            yield api.Environment(cr, api.SUPERUSER_ID, DISABLED_MAIL_CONTEXT)

    @staticmethod
    def _place_device(env, organisation, stage, tag):
        """A laptop model and one serial of it at ``organisation``, at ``stage``."""
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
        device = env["stock.lot"].create(
            {
                "name": f"RACE-{tag}",
                "product_id": product.id,
                "company_id": organisation.company_id.id,
                "parcours_stage": stage,
            }
        )
        env["stock.quant"]._update_available_quantity(
            product, organisation.location_id, 1, lot_id=device
        )
        return product, device

    @staticmethod
    def _remove_place_device(env, organisation, device):
        """Remove what ``_place_device`` made and the organisation holding it,
        with the records made with the organisation (its hand-off operation
        type, its stock location and, once the loans are installed, its cash
        office journal)."""
        product = device.product_id
        template = product.product_tmpl_id
        env["stock.quant"].search([("lot_id", "=", device.id)]).unlink()
        device.unlink()
        product.unlink()
        template.unlink()
        own = [
            name
            # the operation type refers to the location: it goes first
            for name in ("handoff_type_id", "location_id", "journal_id")
            if name in organisation._fields and organisation[name]
        ]
        records = [organisation[name] for name in own]
        partner = organisation.partner_id
        organisation.write(dict.fromkeys(own, False))
        for record in records:
            record.unlink()
        organisation.unlink()
        partner.unlink()

    def race(self, act):
        """Run ``act(cr, 0)`` then ``act(cr, 1)`` in two concurrent transactions.

        The second one starts while the first holds its changes uncommitted, so
        it waits on the first one's lock; then the first one commits. Returns the
        second one's error (from ``psycopg2``, or the ``UserError`` a step made of
        it), failing the test if it went through.
        """
        first_done = threading.Event()
        outcome = {}

        def second():
            first_done.wait(10)
            with self._cursor() as cr:
                try:
                    with mute_logger("odoo.sql_db"):
                        act(cr, 1)
                except (psycopg2.Error, UserError) as error:
                    outcome["error"] = error
                    cr.rollback()
                else:
                    outcome["committed"] = True

        thread = threading.Thread(target=second)
        thread.start()
        with self._cursor() as cr:
            act(cr, 0)
            first_done.set()
            thread.join(1)
            self.assertTrue(thread.is_alive(), "the second one must wait for the first")
            # The race needs a real commit: the other transaction must see ours.
            cr.commit()  # pylint: disable=invalid-commit
        thread.join(20)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("committed", outcome, "both transactions went through")
        return outcome["error"]
