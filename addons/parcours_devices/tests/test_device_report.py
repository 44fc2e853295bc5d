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
        """By hand, with the default factors and 2 years of use: a laptop
        2 x 27 = 54 kg CO2e and 2 x 127 = 254 kg of raw materials (ADEME 2022,
        both per year of use); a desktop the same scaled by its own making,
        (202.6 + 1.8) / (170.3 + 12.3) = 204.4 / 182.6 (ADEME/Arcep 2022).
        Devices not refurbished count zero."""
        Report = self.env["parcours.device.report"].with_user(self.officer)
        rows = {row.lot_id: row for row in Report.search(self.domain)}
        laptop, desktop = rows[self.laptop[0]], rows[self.desktop[0]]
        self.assertAlmostEqual(laptop.co2_avoided, 54.0)
        self.assertAlmostEqual(laptop.raw_materials_saved, 254.0)
        self.assertAlmostEqual(desktop.co2_avoided, 54.0 * 204.4 / 182.6)
        self.assertAlmostEqual(desktop.raw_materials_saved, 254.0 * 204.4 / 182.6)
        self.assertEqual(desktop.refurbished_date, datetime.date(2025, 4, 2))
        for device in (self.laptop[2], self.laptop[3], self.desktop[1]):
            self.assertFalse(rows[device].is_refurbished)
            self.assertEqual(rows[device].co2_avoided, 0.0)
            self.assertEqual(rows[device].raw_materials_saved, 0.0)
        [(co2, raw, count)] = Report._read_group(
            self.domain + [("is_refurbished", "=", True)],
            [],
            ["co2_avoided:sum", "raw_materials_saved:sum", "__count"],
        )
        self.assertEqual(count, 3)
        # 108 + 60.45 kg CO2e, 508 + 284.32 kg of raw materials
        self.assertAlmostEqual(co2, 168.45, places=2)
        self.assertAlmostEqual(raw, 792.32, places=2)

    def test_default_factors_are_ademe_2022(self):
        company = self.env["res.company"].create({"name": "New refurbisher"})
        self.assertRecordValues(
            company,
            [
                {
                    "parcours_co2_use_laptop": 27.0,
                    "parcours_raw_materials_laptop": 127.0,
                    "parcours_co2_make_laptop": 170.3,
                    "parcours_co2_transport_laptop": 12.3,
                    "parcours_co2_make_desktop": 202.6,
                    "parcours_co2_transport_desktop": 1.8,
                }
            ],
        )

    def test_factors_apply_at_once(self):
        self.env.company.write(
            {"parcours_co2_use_laptop": 10.0, "parcours_use_years": 3.0}
        )
        Report = self.env["parcours.device.report"].with_user(self.officer)
        [(co2,)] = Report._read_group(
            self.domain + [("device_type", "=", "laptop")], [], ["co2_avoided:sum"]
        )
        self.assertAlmostEqual(co2, 2 * 30.0)

    def test_raw_materials_count_per_year_of_use(self):
        self.env.company.write({"parcours_use_years": 3.0})
        Report = self.env["parcours.device.report"].with_user(self.officer)
        [(raw,)] = Report._read_group(
            self.domain + [("device_type", "=", "laptop")],
            [],
            ["raw_materials_saved:sum"],
        )
        self.assertAlmostEqual(raw, 2 * 3 * 127.0)

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
