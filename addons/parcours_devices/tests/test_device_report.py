# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ParcoursCase

MARCH, APRIL, MAY = (datetime.date(2025, month, 1) for month in (3, 4, 5))


@tagged("post_install", "-at_install")
class TestDeviceReport(ParcoursCase):
    """The figures of the device chain, against devices counted by hand.

    March 2025: ESAT receives 4 laptops (one fails triage and is dismantled)
    and 2 desktops. April: PIHC refurbishes 2 laptops and 1 desktop, and starts
    on 1 laptop and 1 desktop. May: one refurbished laptop goes to the third
    place.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2025-03-10 10:00:00"):
            laptops = cls._received_lot(4, prefix="KPI-L")
            cls._triage(laptops, failed=(3,))
        with freeze_time("2025-03-12 10:00:00"):
            desktops = cls._received_lot(2, prefix="KPI-D", product=cls.desktop)
            cls._triage(desktops)
        laptop = laptops.device_ids.sorted("name")
        desktop = desktops.device_ids.sorted("name")
        with freeze_time("2025-03-20 10:00:00"):
            cls._dismantle(laptop[3], ("metal", 1.0, cls.channel_metal))
        with freeze_time("2025-04-02 10:00:00"):
            cls._send(laptop[:3] | desktop, cls.pihc)
            cls._refurbish_order(laptop[:2] | desktop[0]).action_done()
        with freeze_time("2025-04-15 10:00:00"):
            cls._refurbish_order(laptop[2] | desktop[1], complete=False)
        with freeze_time("2025-05-05 10:00:00"):
            cls._send(laptop[0], cls.place)
        cls.devices = laptop | desktop
        cls.laptop, cls.desktop = laptop, desktop
        cls.domain = [("lot_id", "in", cls.devices.ids)]

    def _flows(self, user=None):
        Flow = self.env["parcours.device.flow.report"].with_user(user or self.officer)
        return {
            (kind, month): count
            for kind, month, count in Flow._read_group(
                self.domain, ["kind", "date:month"], ["__count"]
            )
        }

    def test_flows_per_month(self):
        self.assertEqual(
            self._flows(),
            {
                ("collected", MARCH): 6,
                ("recycled", MARCH): 1,
                ("refurbished", APRIL): 3,
                ("placed", MAY): 1,
            },
        )

    def test_flows_against_the_yearly_target(self):
        Flow = self.env["parcours.device.flow.report"].with_user(self.officer)
        [(target,)] = Flow._read_group(self.domain, [], ["target:max"])
        self.assertEqual(target, 500)
        self.env.company.parcours_yearly_target = 320
        [(target,)] = Flow._read_group(self.domain, [], ["target:max"])
        self.assertEqual(target, 320)

    def test_flow_rows_keep_their_ids(self):
        """A row's id is the same at every query: the dashboard opens them by id."""
        Flow = self.env["parcours.device.flow.report"].with_user(self.officer)
        rows = Flow.search(self.domain)
        self.assertEqual(len(rows), 11)
        kinds = {row.id: row.kind for row in rows}
        self.env.invalidate_all()
        again = Flow.search(self.domain + [("kind", "=", "refurbished")])
        self.assertEqual(len(again), 3)
        self.assertEqual({kinds[row.id] for row in again}, {"refurbished"})
        self.assertEqual(
            again.lot_id, self.laptop[:2] | self.desktop[0], "the devices refurbished"
        )

    def test_stage_of_every_device_now(self):
        Report = self.env["parcours.device.report"].with_user(self.officer)
        self.assertEqual(
            dict(Report._read_group(self.domain, ["stage"], ["__count"])),
            {"ready": 3, "refurbishing": 2, "recycled": 1},
        )
        self.assertEqual(
            dict(
                Report._read_group(
                    self.domain + [("stage", "=", "ready")], ["holder_id"], ["__count"]
                )
            ),
            {self.pihc: 2, self.place: 1},
        )

    def test_co2_and_raw_materials_of_refurbished_devices(self):
        """ADEME: 27 kg CO2e a year for 2 years and 127 kg per laptop; a desktop
        scaled by (94 + 75) / (124 + 32) for CO2e and 11.3 / 3.15 kg for raw
        materials. Devices not refurbished count zero."""
        Report = self.env["parcours.device.report"].with_user(self.officer)
        rows = {row.lot_id: row for row in Report.search(self.domain)}
        laptop, desktop = rows[self.laptop[0]], rows[self.desktop[0]]
        self.assertAlmostEqual(laptop.co2_avoided, 54.0)
        self.assertAlmostEqual(laptop.raw_materials_saved, 127.0)
        self.assertAlmostEqual(desktop.co2_avoided, 54.0 * 169 / 156)
        self.assertAlmostEqual(desktop.raw_materials_saved, 127.0 * 11.3 / 3.15)
        self.assertEqual(desktop.refurbished_date, datetime.date(2025, 4, 2))
        for device in (self.laptop[2], self.laptop[3], self.desktop[1]):
            self.assertFalse(rows[device].is_refurbished)
            self.assertEqual(rows[device].co2_avoided, 0.0)
        [(co2, raw, count)] = Report._read_group(
            self.domain + [("is_refurbished", "=", True)],
            [],
            ["co2_avoided:sum", "raw_materials_saved:sum", "__count"],
        )
        self.assertEqual(count, 3)
        self.assertAlmostEqual(co2, 2 * 54.0 + 58.5)
        self.assertAlmostEqual(raw, 2 * 127.0 + 127.0 * 11.3 / 3.15)

    def test_factors_apply_at_once(self):
        self.env.company.write(
            {"parcours_co2_use_laptop": 10.0, "parcours_use_years": 3.0}
        )
        Report = self.env["parcours.device.report"].with_user(self.officer)
        [(co2,)] = Report._read_group(
            self.domain + [("device_type", "=", "laptop")], [], ["co2_avoided:sum"]
        )
        self.assertAlmostEqual(co2, 2 * 30.0)

    def test_access_by_role(self):
        for user in (self.accountant, self.manager):
            self.assertEqual(
                self.env["parcours.device.report"]
                .with_user(user)
                .search_count(self.domain),
                6,
            )
        for user in (self.esat_user, self.pihc_user, self.place_user):
            for model in ("parcours.device.report", "parcours.device.flow.report"):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search_count(self.domain)
