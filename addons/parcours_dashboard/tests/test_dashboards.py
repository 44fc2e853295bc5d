# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import json
import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.parcours_beneficiaries.tests.common import BeneficiaryCase
from odoo.addons.spreadsheet.utils.validate_data import (
    fields_in_spreadsheet,
    menus_xml_ids_in_spreadsheet,
)

from .. import dashboards

DASHBOARDS = (
    "parcours_dashboard.spreadsheet_dashboard_device_chain",
    "parcours_dashboard.spreadsheet_dashboard_loans",
    "parcours_dashboard.spreadsheet_dashboard_environment",
    "parcours_dashboard.spreadsheet_dashboard_training",
)
FORMULA = re.compile(r"PIVOT(?:\.VALUE)?\(([^()]*)\)")


def _aggregate(Model, field, aggregator=None):
    """The ``_read_group`` aggregate of a measure, as the spreadsheet reads it."""
    if field == "__count":
        return "__count"
    return f"{field}:{aggregator or Model._fields[field].aggregator or 'sum'}"


@tagged("post_install", "-at_install")
class TestDashboards(BeneficiaryCase):
    """The dashboards' JSON against the registry, and their figures against the
    records they count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # This year's activity on top of whatever the database holds: a lot
        # received and triaged, a loan signed, paid and handed over.
        lot = cls._received_lot(3, prefix="DASH-")
        cls._triage(lot, failed=(0,))
        agreement = cls._signed_agreement()
        agreement._parcours_register_payment("cash")
        agreement.action_handover()
        cls.dashboards = cls.env["spreadsheet.dashboard"].concat(
            *(cls.env.ref(xmlid) for xmlid in DASHBOARDS)
        )
        cls.mediator_user = cls.mediator

    def _data(self, dashboard):
        return json.loads(dashboard.spreadsheet_data)

    def _walk(self, model, chain):
        """The last field of a dotted ``chain`` from ``model``."""
        field = None
        for name in chain.split("."):
            self.assertIn(name, self.env[model]._fields, f"{model}.{name}")
            field = self.env[model]._fields[name]
            model = field.comodel_name or model
        return field

    def _year(self):
        today = fields.Date.context_today(self.env.user)
        return today.replace(month=1, day=1), today.replace(month=12, day=31)

    # ------------------------------------------------------------ the JSON
    def test_files_are_written_from_their_description(self):
        for name, content in dashboards.build().items():
            with self.subTest(file=name):
                with file_open(f"parcours_dashboard/data/files/{name}") as file:
                    self.assertEqual(
                        file.read(),
                        content,
                        "run python3 addons/parcours_dashboard/dashboards.py",
                    )

    def test_json_validates_against_the_registry(self):
        for dashboard in self.dashboards:
            data = self._data(dashboard)
            with self.subTest(dashboard=dashboard.name):
                # Odoo's own validation of a spreadsheet (models, fields, menus)
                dashboard._check_spreadsheet_data()
                used = fields_in_spreadsheet(data)
                self.assertTrue(used)
                for model, chains in used.items():
                    for chain in chains:
                        self._walk(model, chain)
                for xmlid in menus_xml_ids_in_spreadsheet(data):
                    self.assertTrue(self.env.ref(xmlid).action, xmlid)
                # What Odoo's validation leaves out: the filters' field paths,
                # the actions opened on a click and the pivots the formulas name.
                charts = [
                    figure["data"]
                    for sheet in data["sheets"]
                    for figure in sheet["figures"]
                    if figure["data"]["type"].startswith("odoo_")
                ]
                targets = [
                    (pivot["model"], pivot["fieldMatching"])
                    for pivot in data["pivots"].values()
                ] + [
                    (chart["metaData"]["resModel"], chart["fieldMatching"])
                    for chart in charts
                ]
                for model, matching in targets:
                    for filter_id, match in matching.items():
                        self.assertIn(
                            filter_id, [f["id"] for f in data["globalFilters"]]
                        )
                        self.assertIn(
                            self._walk(model, match["chain"]).type, ("date", "datetime")
                        )
                for pivot in data["pivots"].values():
                    action = self.env.ref(pivot["actionXmlId"])
                    self.assertEqual(action.res_model, pivot["model"])
                cells = [
                    cell["content"]
                    for sheet in data["sheets"]
                    for cell in sheet["cells"].values()
                ]
                for content in cells:
                    for arguments in FORMULA.findall(content):
                        pivot_id, *rest = ast.literal_eval(f"({arguments},)")
                        pivot = data["pivots"][str(pivot_id)]
                        if rest:
                            measures = [m["id"] for m in pivot["measures"]]
                            self.assertIn(rest[0], measures)
                            for name in rest[1::2]:
                                self._walk(pivot["model"], name)

    def _read_pivot(self, pivot, user):
        Model = self.env[pivot["model"]].with_user(user)
        groupby = [
            f"{dimension['fieldName']}:{dimension['granularity']}"
            if dimension.get("granularity")
            else dimension["fieldName"]
            for dimension in pivot["rows"] + pivot["columns"]
        ]
        aggregates = [
            _aggregate(Model, measure["fieldName"], measure.get("aggregator"))
            for measure in pivot["measures"]
        ]
        return Model._read_group(pivot["domain"], groupby, aggregates)

    def test_every_pivot_and_chart_reads_as_an_officer(self):
        for dashboard in self.dashboards:
            data = self._data(dashboard)
            for pivot in data["pivots"].values():
                with self.subTest(dashboard=dashboard.name, pivot=pivot["name"]):
                    self._read_pivot(pivot, self.officer)
            for sheet in data["sheets"]:
                for figure in sheet["figures"]:
                    chart = figure["data"]
                    if chart["type"].startswith("odoo_"):
                        meta = chart["metaData"]
                        Model = self.env[meta["resModel"]].with_user(self.officer)
                        Model._read_group(
                            chart["searchParams"]["domain"],
                            meta["groupBy"],
                            [_aggregate(Model, meta["measure"])],
                        )

    # ------------------------------------------------------------ the figures
    def _evaluate(self, data, formula, year=None):
        """A ``=PIVOT.VALUE(...)`` of the Data sheet, the way the dashboard reads
        it: the pivot's domain, this year for the pivots following the Year
        filter, and the value's own group."""
        pivot_id, measure, *groups = ast.literal_eval(
            f"({FORMULA.search(formula)[1]},)"
        )
        pivot = data["pivots"][str(pivot_id)]
        Model = self.env[pivot["model"]].with_user(self.officer)
        domain = list(pivot["domain"])
        start, end = year or self._year()
        for match in pivot["fieldMatching"].values():
            domain += [(match["chain"], ">=", start), (match["chain"], "<=", end)]
        for name, value in zip(groups[::2], groups[1::2], strict=True):
            domain.append((name, "=", value))
        [spec] = [m for m in pivot["measures"] if m["id"] == measure]
        aggregate = _aggregate(Model, spec["fieldName"], spec.get("aggregator"))
        [(value,)] = Model._read_group(domain, [], [aggregate])
        return value or 0

    def _kpis(self, xmlid, year=None):
        """{label: value} of the Data sheet's pivot values (its other formulas,
        ratios of them, are the test's to compute)."""
        data = self._data(self.env.ref(xmlid))
        cells = next(sheet for sheet in data["sheets"] if sheet["name"] == "Data")[
            "cells"
        ]
        return {
            ast.literal_eval(cells[f"A{row}"]["content"][3:]): self._evaluate(
                data, cells[f"B{row}"]["content"], year
            )
            for row in range(1, 50)
            if f"A{row}" in cells and FORMULA.search(cells[f"B{row}"]["content"])
        }

    def test_device_chain_figures_count_the_source_records(self):
        start, end = self._year()
        kpis = self._kpis(DASHBOARDS[0])
        Line = self.env["parcours.work.order.line"]

        def work(work_type):
            return Line.search_count(
                [
                    ("work_type", "=", work_type),
                    ("state", "=", "done"),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ]
            )

        self.assertGreaterEqual(kpis["Devices collected"], 3)
        self.assertEqual(
            kpis["Devices collected"],
            self.env["stock.lot"].search_count(
                [
                    ("parcours_donation_lot_id.received_date", ">=", start),
                    ("parcours_donation_lot_id.received_date", "<=", end),
                ]
            ),
        )
        self.assertEqual(kpis["Devices refurbished"], work("refurbish"))
        self.assertEqual(kpis["Devices recycled"], work("dismantle"))
        self.assertEqual(
            kpis["Devices lent"],
            self.env["parcours.loan.agreement"].search_count(
                [
                    ("delivery_picking_id", "!=", False),
                    ("start_date", ">=", start),
                    ("start_date", "<=", end),
                ]
            ),
        )
        self.assertEqual(kpis["Yearly target"], self.env.company.parcours_yearly_target)

    def test_loan_and_contribution_figures_count_the_source_records(self):
        today = fields.Date.context_today(self.env.user)
        start, end = self._year()
        kpis = self._kpis(DASHBOARDS[1])
        Agreement = self.env["parcours.loan.agreement"]
        self.assertGreaterEqual(kpis["Active loans"], 1)
        self.assertEqual(
            kpis["Active loans"], Agreement.search_count([("state", "=", "active")])
        )
        self.assertEqual(
            kpis["Loans ending within 60 days"],
            Agreement.search_count(
                [
                    ("state", "=", "active"),
                    ("end_date", ">=", today),
                    ("end_date", "<=", today + relativedelta(days=60)),
                ]
            ),
        )
        invoices = self.env["account.move"].search(
            [("parcours_agreement_id", "!=", False), ("move_type", "=", "out_invoice")]
        )
        payments = invoices.matched_payment_ids.filtered(
            lambda p: p.state in ("in_process", "paid")
        )
        self.assertEqual(
            kpis["Contributions collected"],
            sum(payments.filtered(lambda p: start <= p.date <= end).mapped("amount")),
        )
        remitted = payments.filtered(
            lambda p: p.parcours_remittance_line_ids.state == "remitted"
        )
        in_cash_office = payments.filtered(
            lambda p: p.journal_id
            == p.invoice_ids.parcours_agreement_id.place_id.journal_id
        )
        self.assertEqual(
            kpis["Collected, not remitted"],
            sum((in_cash_office - remitted).mapped("amount")),
        )
        self.assertEqual(
            kpis["Contributions due"],
            sum(
                invoices.filtered(
                    lambda i: i.state == "posted" and start <= i.invoice_date <= end
                ).mapped("amount_total")
            ),
        )

    def test_environment_figures_apply_the_ademe_method(self):
        start, end = self._year()
        kpis = self._kpis(DASHBOARDS[2])
        company = self.env.company
        lines = self.env["parcours.work.order.line"].search(
            [("work_type", "=", "refurbish"), ("state", "=", "done")]
        )
        first = {}
        for line in lines:
            first[line.lot_id] = min(first.get(line.lot_id, line.date), line.date)
        devices = [lot for lot, date in first.items() if start <= date <= end]
        laptop = company.parcours_use_years * company.parcours_co2_use_laptop
        desktop = (
            laptop
            * (
                company.parcours_co2_make_desktop
                + company.parcours_co2_transport_desktop
            )
            / (company.parcours_co2_make_laptop + company.parcours_co2_transport_laptop)
        )
        expected = sum(
            {"laptop": laptop, "desktop": desktop}.get(lot.parcours_device_type, 0.0)
            for lot in devices
        )
        self.assertEqual(kpis["Devices refurbished"], len(devices))
        self.assertAlmostEqual(kpis["CO2e avoided (kg)"], expected)
        # Raw materials per year of use too, a desktop by its own making
        raw_laptop = company.parcours_use_years * company.parcours_raw_materials_laptop
        raw = {"laptop": raw_laptop, "desktop": raw_laptop * desktop / laptop}
        self.assertAlmostEqual(
            kpis["Raw materials saved (kg)"],
            sum(raw.get(lot.parcours_device_type, 0.0) for lot in devices),
        )

    def test_environment_figures_by_hand(self):
        """The ADEME 2022 defaults, counted by hand: 2 years of use, a laptop
        2 x 27 kg CO2e and 2 x 127 kg of raw materials, a desktop the same times
        (202.6 + 1.8) / (170.3 + 12.3)."""
        company = self.env.company
        self.assertRecordValues(
            company,
            [
                {
                    "parcours_use_years": 2.0,
                    "parcours_co2_use_laptop": 27.0,
                    "parcours_raw_materials_laptop": 127.0,
                    "parcours_co2_make_laptop": 170.3,
                    "parcours_co2_transport_laptop": 12.3,
                    "parcours_co2_make_desktop": 202.6,
                    "parcours_co2_transport_desktop": 1.8,
                }
            ],
        )
        start, end = self._year()
        lines = self.env["parcours.work.order.line"].search(
            [("work_type", "=", "refurbish"), ("state", "=", "done")]
        )
        first = {}
        for line in lines:
            first[line.lot_id] = min(first.get(line.lot_id, line.date), line.date)
        devices = [lot for lot, date in first.items() if start <= date <= end]
        laptops = sum(lot.parcours_device_type == "laptop" for lot in devices)
        desktops = sum(lot.parcours_device_type == "desktop" for lot in devices)
        self.assertTrue(laptops or desktops, "the demo refurbishes devices")
        kpis = self._kpis(DASHBOARDS[2])
        self.assertAlmostEqual(
            kpis["CO2e avoided (kg)"], laptops * 54.0 + desktops * 60.447, places=1
        )
        self.assertAlmostEqual(
            kpis["Raw materials saved (kg)"],
            laptops * 254.0 + desktops * 284.324,
            places=1,
        )

    # ------------------------------------------------------------ access
    def test_visible_to_the_departments_groups_only(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(
                    Dashboard.with_user(user).search(
                        [("id", "in", self.dashboards.ids)]
                    ),
                    self.dashboards,
                )
                snapshot = (
                    self.dashboards[0]
                    .with_user(user)
                    .get_readonly_dashboard()["snapshot"]
                )
                self.assertEqual(len(snapshot["pivots"]), 5)
        others = [self.mediator_user, self.accountant, self.esat_user, self.pihc_user]
        others.append(
            new_test_user(self.env, login="plain_user", groups="base.group_user")
        )
        for user in others:
            with self.subTest(user=user.login):
                self.assertFalse(
                    Dashboard.with_user(user).search(
                        [("id", "in", self.dashboards.ids)]
                    )
                )

    def test_tables_are_named_in_the_users_language(self):
        """A table's corner shows its pivot's name: its title, in French for a
        French officer; in English otherwise; other dashboards untouched."""
        self.env["res.lang"]._activate_lang("fr_FR")
        chain = self.env.ref("parcours_dashboard.spreadsheet_dashboard_device_chain")
        titles = {
            pivot["formulaId"]: pivot["name"]
            for pivot in self._data(chain)["pivots"].values()
        }
        self.assertIn("Stage of every device now", titles.values())
        french = (
            chain.with_user(self.officer)
            .with_context(lang="fr_FR")
            .get_readonly_dashboard()["snapshot"]["pivots"]
        )
        names = {pivot["formulaId"]: pivot["name"] for pivot in french.values()}
        stage = next(key for key, name in titles.items() if name.startswith("Stage"))
        self.assertEqual(names[stage], "Étape de chaque appareil à ce jour")
        english = (
            chain.with_user(self.officer)
            .with_context(lang="en_US")
            .get_readonly_dashboard()["snapshot"]["pivots"]
        )
        self.assertEqual(
            {pivot["formulaId"]: pivot["name"] for pivot in english.values()}, titles
        )

    def test_published_in_their_group(self):
        group = self.env.ref("parcours_dashboard.spreadsheet_dashboard_group_parcours")
        self.assertEqual(group.published_dashboard_ids, self.dashboards)
        self.assertEqual(
            self.dashboards.mapped("group_ids"),
            self.env.ref("parcours_devices.group_officer"),
        )
