# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ParcoursCase

RECEIVED = datetime(2026, 3, 2, 9, 0)


@tagged("post_install", "-at_install")
class TestStageDate(ParcoursCase):
    """How long a device stands in its stage: set by the steps, with the stage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(RECEIVED):
            cls.lot = cls._received_lot(3, prefix="AGE", weight=1.5)
        cls.devices = cls.lot.device_ids.sorted("name")

    def _dates(self, devices):
        self.env.invalidate_all()
        return devices.mapped("parcours_stage_date")

    def test_intake_sets_the_date(self):
        self.assertEqual(self._dates(self.devices), [RECEIVED] * 3)

    def test_date_moves_with_the_stage_only(self):
        started = datetime(2026, 3, 5, 10, 0)
        with freeze_time(started):
            self.lot.action_start_triage()
            order = self.lot.work_order_ids
            order.action_start()
        self.assertEqual(set(self.devices.mapped("parcours_stage")), {"in_triage"})
        self.assertEqual(self._dates(self.devices), [started] * 3)

        # A step that leaves the stage as it is does not move the date.
        with freeze_time(datetime(2026, 3, 6, 10, 0)):
            self.devices._parcours_set_stage("in_triage", step="triage_start")
        self.assertEqual(self._dates(self.devices), [started] * 3)

        done = datetime(2026, 3, 9, 16, 0)
        with freeze_time(done):
            for index, line in enumerate(order.line_ids.sorted("id")):
                line.write(
                    {
                        "result": "fail" if index == 0 else "pass",
                        "fail_reason": "no_power" if index == 0 else False,
                        "employee_id": self.esat_worker.id,
                    }
                )
            order.action_done()
        self.assertEqual(self._dates(self.devices), [done] * 3)

        # Editing what the chain lets an officer edit does not move it either.
        with freeze_time(datetime(2026, 3, 10, 8, 0)):
            self.devices.with_user(self.officer).write({"note": "Checked"})
        self.assertEqual(self._dates(self.devices), [done] * 3)

    def test_partner_cannot_write_the_date(self):
        device = self.devices[0]
        for user in (self.esat_user, self.pihc_user):
            with self.assertRaises(UserError):
                device.with_user(user).write(
                    {"parcours_stage_date": "2020-01-01 00:00:00"}
                )
        # Even with the right to write devices, the date is the steps' own.
        with self.assertRaises(UserError):
            device.with_user(self.officer).write(
                {"parcours_stage_date": "2020-01-01 00:00:00"}
            )
        self.assertEqual(self._dates(device), [RECEIVED])

    def test_partner_cannot_create_with_a_date(self):
        values = {
            "name": "AGE-NEW",
            "product_id": self.laptop.id,
            "parcours_stage_date": "2020-01-01 00:00:00",
        }
        with self.assertRaises(UserError):
            self.env["stock.lot"].with_user(self.esat_user).create(values)
        with self.assertRaises(UserError):
            self.env["stock.lot"].with_user(self.officer).create(values)
        # A default of the context is dropped, not used.
        created = (
            self.env["stock.lot"]
            .with_user(self.officer)
            .with_context(
                default_parcours_stage_date="2020-01-01 00:00:00",
                default_parcours_stage="ready",
            )
            .create({"name": "AGE-CTX", "product_id": self.laptop.id})
        )
        self.assertFalse(created.parcours_stage_date)
        self.assertFalse(created.parcours_stage)
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "AGE-NEW")]))

    def _filter_domain(self, name):
        """The domain of a filter of the devices' search view, as the client
        evaluates it today."""
        view = self.env.ref("parcours_devices.stock_lot_view_search")
        arch = etree.fromstring(view.get_combined_arch())
        node = arch.xpath(f"//filter[@name='{name}']")[0]
        return safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: fields.Date.context_today(self.env.user),
                "relativedelta": relativedelta,
            },
        )

    def test_age_filters(self):
        # AGE00000 stays received since March 2; the others change stage later.
        late, recent = self.devices[0], self.devices[1:]
        with freeze_time(datetime(2026, 3, 25, 9, 0)):
            recent[0]._parcours_set_stage("in_triage", step="triage_start")
        with freeze_time(datetime(2026, 4, 10, 9, 0)):
            recent[1]._parcours_set_stage("in_triage", step="triage_start")
        Lot = self.env["stock.lot"].with_user(self.esat_user)
        scope = [("parcours_donation_lot_id", "=", self.lot.id)]
        with freeze_time(datetime(2026, 4, 12, 9, 0)):
            over_7 = Lot.search(scope + self._filter_domain("filter_stage_over_7_days"))
            over_30 = Lot.search(
                scope + self._filter_domain("filter_stage_over_30_days")
            )
        self.assertEqual(over_7, late | recent[0])
        self.assertEqual(over_30, late)
        groups = Lot.read_group(
            scope, ["name:count"], ["parcours_stage_date:month"], lazy=False
        )
        self.assertEqual(
            sorted((g["parcours_stage_date:month"], g["__count"]) for g in groups),
            [("April 2026", 1), ("March 2026", 2)],
        )
