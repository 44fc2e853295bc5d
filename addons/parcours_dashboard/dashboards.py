# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The spreadsheet dashboards of the Parcours, described in Python.

Odoo's dashboards are spreadsheet JSON files (``data/files/*_dashboard.json``,
loaded by ``data/dashboards.xml``). Writing hundreds of cells by hand is how
mistakes creep in, so each dashboard is declared here: its KPI pivots, the
scorecards and charts on them, the tables of figures. Run this file to write
the JSON files again after a change::

    python3 addons/parcours_dashboard/dashboards.py

and a test fails whenever a file and this description differ. A new theme (the
training figures, for instance) is a new function appending a ``Dashboard`` to
``DASHBOARDS`` and one record in ``data/dashboards.xml``.

This module imports nothing from Odoo: it is plain data.
"""

import json
import pathlib
import uuid

FILES = pathlib.Path(__file__).parent / "data" / "files"
# Names of deterministic ids (figures, filters): the same at every generation.
NAMESPACE = uuid.UUID("9b7b3c1e-4f0a-4a52-9c61-70d2a6f0e0d5")
ROW_HEIGHT = 23
# The tables on the left (a label, six figures), the charts on the right: a
# dashboard shows no wider than its columns, so they make room for the charts.
COLUMN_WIDTHS = {
    0: 230,
    **dict.fromkeys(range(1, 7), 95),
    **dict.fromkeys(range(7, 12), 100),
}
CHART_X = 770
TITLE, HEADER, WRAP = 1, 2, 3
STYLES = {
    str(TITLE): {"textColor": "#01666b", "bold": True, "fontSize": 16},
    str(HEADER): {"textColor": "#434343", "bold": True, "fontSize": 11},
    str(WRAP): {"textColor": "#434343", "wrapping": "wrap", "verticalAlign": "top"},
}
COLOURS = ("#EFF6FF", "#ECFDF5", "#FFF7ED", "#FEF2F2", "#F5F3FF", "#F0FDFA")


def _id(*names):
    return str(uuid.uuid5(NAMESPACE, "/".join(names)))


def _cell(column, row):
    """A1 reference of a 0-based column and row."""
    return f"{chr(ord('A') + column)}{row + 1}"


def _t(text):
    return '=_t("%s")' % text.replace('"', '""')


class Dashboard:
    """One spreadsheet dashboard: pivots on KPI models, figures and tables."""

    def __init__(self, key, year_label="Year"):
        self.key = key
        self.year_filter = _id(key, "filter", "year")
        self.year_label = year_label
        self.pivots = {}
        self.cells = {}
        self.data_cells = {}
        self.figures = []
        self.menus = {}
        self.merges = []
        self.styles = {}  # {cell or zone: style id}
        self.row = 7  # below the scorecards
        self.data_row = 0

    @property
    def filename(self):
        return f"{self.key}_dashboard.json"

    # ------------------------------------------------------------ pieces
    def pivot(
        self,
        name,
        model,
        action,
        rows=(),
        columns=(),
        measures=("__count",),
        domain=(),
        year_field=None,
    ):
        """A pivot on ``model``; returns its formula id.

        ``rows`` and ``columns`` are field names, ``field:month`` for a date by
        month. ``year_field`` (a field or a path) follows the Year filter;
        without it the figure is the state of things now. ``action`` (an
        xml id) opens the records behind a clicked figure.
        """
        pivot_id = str(len(self.pivots) + 1)

        def dimension(spec):
            field, __, granularity = spec.partition(":")
            return (
                {"fieldName": field, "granularity": granularity}
                if granularity
                else {"fieldName": field}
            )

        self.pivots[pivot_id] = {
            "type": "ODOO",
            "id": pivot_id,
            "formulaId": pivot_id,
            "name": name,
            "model": model,
            "domain": [list(leaf) for leaf in domain],
            "context": {},
            "measures": [self._measure(m) for m in measures],
            "rows": [dimension(spec) for spec in rows],
            "columns": [dimension(spec) for spec in columns],
            "actionXmlId": action,
            "fieldMatching": self._matching(year_field),
        }
        return pivot_id

    @staticmethod
    def _measure(spec):
        """A measure: a field name, ``field:aggregator`` for another aggregate
        than the field's own (``count_distinct`` of people)."""
        field, __, aggregator = spec.partition(":")
        measure = {"id": field, "fieldName": field}
        if aggregator:
            measure["aggregator"] = aggregator
        return measure

    def _matching(self, year_field):
        if not year_field:
            return {}
        return {self.year_filter: {"chain": year_field, "type": "date", "offset": 0}}

    def kpi(self, label, formula, baseline=None):
        """A value of the Data sheet, for a scorecard; returns its reference."""
        row = self.data_row
        self.data_row += 1
        self.data_cells[_cell(0, row)] = {"content": _t(label)}
        self.data_cells[_cell(1, row)] = {"content": formula}
        if baseline:
            self.data_cells[_cell(2, row)] = {"content": baseline}
        return f"Data!{_cell(1, row)}", baseline and f"Data!{_cell(2, row)}"

    def scorecards(self, cards):
        """A row of scorecards: (title, (value ref, baseline ref), note, menu)."""
        for index, (title, (value, baseline), note, menu) in enumerate(cards):
            figure_id = _id(self.key, "scorecard", title)
            data = {
                "type": "scorecard",
                "title": {"text": title, "bold": True, "color": "#434343"},
                "background": COLOURS[index % len(COLOURS)],
                "keyValue": value,
                "baselineMode": "progress" if baseline else "text",
                "baselineColorUp": "#00A04A",
                "baselineColorDown": "#DC6965",
                "humanize": False,
            }
            if baseline:
                data["baseline"] = baseline
            if note:
                data["baselineDescr"] = note
            self.figures.append(
                {
                    "id": figure_id,
                    "x": 10 + index * 215,
                    "y": 10,
                    "width": 205,
                    "height": 108,
                    "tag": "chart",
                    "data": data,
                }
            )
            if menu:
                self.menus[figure_id] = menu

    def table(self, title, pivot_id, menu, height, chart=None, stacked=False):
        """A section: a title linked to the analysis, the whole pivot below it
        (``=PIVOT``, each figure opens its records) and a chart beside it."""
        self.cells[_cell(0, self.row)] = {
            "content": f"[{title}](odoo://ir_menu_xml_id/{menu})"
        }
        self.styles[_cell(0, self.row)] = TITLE
        self.cells[_cell(0, self.row + 1)] = {"content": f"=PIVOT({pivot_id})"}
        # The table's corner shows the pivot's name: the title, translated with it
        # (spreadsheet.dashboard.get_readonly_dashboard).
        self.pivots[pivot_id]["name"] = title
        if chart:
            self.chart(title, *chart, row=self.row, stacked=stacked)
        self.row += height + 2

    def monthly(self, title, model, action, menu, measures, **options):
        """A section of the figures by month of the year: a table of ``model``
        by month (by ``columns`` too) and a chart of ``measures[-1]``."""
        date = options.get("date", "date")
        columns = options.get("columns", [])
        domain = options.get("domain", ())
        self.table(
            title,
            self.pivot(
                title,
                model,
                action,
                rows=[f"{date}:month"],
                columns=columns,
                measures=measures,
                domain=domain,
                year_field=date,
            ),
            menu,
            height=16,
            chart=(
                model,
                options.get("mode", "bar"),
                [f"{date}:month", *columns],
                measures[-1],
                domain,
                date,
            ),
        )

    def chart(
        self,
        title,
        model,
        mode,
        group_by,
        measure,
        domain=(),
        year=None,
        row=0,
        stacked=False,
    ):
        """An Odoo chart beside the section of ``row``: a bar shows each group
        beside the others unless ``stacked`` (the parts of one whole)."""
        figure_id = _id(self.key, "chart", title)
        self.figures.append(
            {
                "id": figure_id,
                "x": CHART_X,
                "y": row * ROW_HEIGHT,
                "width": 480,
                "height": 320,
                "tag": "chart",
                "data": {
                    "type": f"odoo_{mode}",
                    "title": {"text": ""},
                    "background": "#FFFFFF",
                    "legendPosition": "top",
                    "stacked": stacked,
                    "verticalAxisPosition": "left",
                    "metaData": {
                        "groupBy": list(group_by),
                        "measure": measure,
                        "order": None,
                        "resModel": model,
                        "mode": mode,
                    },
                    "searchParams": {
                        "comparison": None,
                        "context": {},
                        "domain": [list(leaf) for leaf in domain],
                        "groupBy": list(group_by),
                        "orderBy": [],
                    },
                    "fieldMatching": self._matching(year),
                },
            }
        )

    def text(self, content, height):
        """A paragraph over the width of the sheet (the method of a figure)."""
        start, end = _cell(0, self.row), _cell(6, self.row + height - 1)
        self.cells[start] = {"content": _t(content)}
        self.styles[f"{start}:{end}"] = WRAP
        self.merges.append(f"{start}:{end}")
        self.row += height + 1

    # ------------------------------------------------------------ JSON
    def data(self):
        return {
            "version": 21,
            "odooVersion": 12,
            "revisionId": "START_REVISION",
            "uniqueFigureIds": True,
            "settings": {"locale": {"name": "English (US)", "code": "en_US"}},
            "styles": STYLES,
            "formats": {},
            "borders": {},
            "sheets": [
                {
                    "id": _id(self.key, "sheet", "dashboard"),
                    "name": "Dashboard",
                    "colNumber": len(COLUMN_WIDTHS),
                    "rowNumber": max(self.row + 2, 40),
                    "cols": {
                        str(col): {"size": size} for col, size in COLUMN_WIDTHS.items()
                    },
                    "rows": {},
                    "merges": self.merges,
                    "styles": self.styles,
                    "formats": {},
                    "borders": {},
                    "cells": self.cells,
                    "figures": self.figures,
                    "conditionalFormats": [],
                    "tables": [],
                    "areGridLinesVisible": False,
                    "isVisible": True,
                    "headerGroups": {"ROW": [], "COL": []},
                    "dataValidationRules": [],
                    "comments": {},
                },
                {
                    "id": _id(self.key, "sheet", "data"),
                    "name": "Data",
                    "colNumber": 3,
                    "rowNumber": max(self.data_row + 1, 10),
                    "cols": {"0": {"size": 260}},
                    "rows": {},
                    "merges": [],
                    "cells": self.data_cells,
                    "figures": [],
                    "conditionalFormats": [],
                    "tables": [],
                    "areGridLinesVisible": True,
                    "isVisible": True,
                    "headerGroups": {"ROW": [], "COL": []},
                    "dataValidationRules": [],
                    "comments": {},
                },
            ],
            "pivots": self.pivots,
            "pivotNextId": len(self.pivots) + 1,
            "lists": {},
            "listNextId": 1,
            "globalFilters": [
                {
                    "id": self.year_filter,
                    "type": "date",
                    "label": self.year_label,
                    "rangeType": "fixedPeriod",
                    "defaultValue": "this_year",
                }
            ],
            "chartOdooMenusReferences": self.menus,
            "customTableStyles": {},
        }

    def dumps(self):
        return (
            json.dumps(self.data(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )


# ---------------------------------------------------------------- the themes
FLOWS = "parcours.device.flow.report"
DEVICES = "parcours.device.report"
FRACTIONS = "parcours.recycling.fraction"
WORK = "parcours.work.order.line"
LOANS = "parcours.loan.report"
CONTRIBUTIONS = "parcours.contribution.report"
BENEFICIARIES = "parcours.beneficiary.report"
D = "parcours_devices."
B = "parcours_beneficiaries."


def device_chain():
    board = Dashboard("parcours_device_chain")
    kpi = board.pivot(
        "Device flows this year",
        FLOWS,
        D + "parcours_device_flow_report_action",
        columns=["kind"],
        measures=["__count", "target"],
        year_field="date",
    )
    target = f'=PIVOT.VALUE({kpi},"target")'

    def flow(kind):
        return f'=PIVOT.VALUE({kpi},"__count","kind","{kind}")'

    menu = D + "parcours_device_flow_report_menu"
    board.scorecards(
        [
            (
                "Collected",
                board.kpi("Devices collected", flow("collected"), target),
                "of the yearly target",
                menu,
            ),
            (
                "Refurbished",
                board.kpi("Devices refurbished", flow("refurbished"), target),
                "of the yearly target",
                menu,
            ),
            (
                "Ready in a third place",
                board.kpi("Devices ready to lend", flow("placed")),
                "",
                menu,
            ),
            (
                "Lent",
                board.kpi("Devices lent", flow("lent"), target),
                "of the yearly target",
                menu,
            ),
            (
                "Recycled",
                board.kpi("Devices recycled", flow("recycled")),
                "",
                menu,
            ),
        ]
    )
    board.kpi("Yearly target", target)
    board.monthly(
        "Devices by month and step",
        FLOWS,
        D + "parcours_device_flow_report_action",
        menu,
        ["__count"],
        columns=["kind"],
    )
    board.table(
        "Stage of every device now",
        board.pivot(
            "Devices by stage",
            DEVICES,
            D + "parcours_device_report_action",
            rows=["stage"],
            columns=["device_type"],
        ),
        D + "parcours_device_report_menu",
        height=15,
        chart=(DEVICES, "pie", ["stage"], "__count", (), None),
    )
    done = [("order_id.state", "=", "done")]
    board.table(
        "Kilograms recycled by material and channel",
        board.pivot(
            "Recycling fractions",
            FRACTIONS,
            D + "parcours_recycling_fraction_action",
            rows=["material"],
            columns=["channel_id"],
            measures=["weight"],
            domain=done,
            year_field="order_id.date_done",
        ),
        D + "parcours_recycling_fraction_menu",
        height=12,
        chart=(FRACTIONS, "bar", ["material"], "weight", done, "order_id.date_done"),
    )
    validated = [("state", "=", "done")]
    board.table(
        "Hours of work by partner and worker",
        board.pivot(
            "Hours of work",
            WORK,
            D + "parcours_work_order_line_action_hours",
            rows=["organisation_id"],
            columns=["worker_type"],
            measures=["duration"],
            domain=validated,
            year_field="date",
        ),
        D + "parcours_work_order_line_menu_hours",
        height=8,
        stacked=True,
        chart=(
            WORK,
            "bar",
            ["organisation_id", "worker_type"],
            "duration",
            validated,
            "date",
        ),
    )
    return board


def loans_and_contributions():
    board = Dashboard("parcours_loans")
    loans_menu = B + "parcours_loan_report_menu"
    loans_action = B + "parcours_loan_report_action"
    money_menu = B + "parcours_contribution_report_menu"
    money_action = B + "parcours_contribution_report_action"

    def count(name, domain):
        pivot_id = board.pivot(name, LOANS, loans_action, domain=domain)
        return f'=PIVOT.VALUE({pivot_id},"__count")'

    money = board.pivot(
        "Contributions this year",
        CONTRIBUTIONS,
        money_action,
        columns=["kind"],
        measures=["__count", "amount"],
        year_field="date",
    )

    def amount(kind, measure="amount"):
        return f'=PIVOT.VALUE({money},"{measure}","kind","{kind}")'

    pending = board.pivot(
        "Contributions not remitted",
        CONTRIBUTIONS,
        money_action,
        measures=["amount"],
        domain=[("kind", "=", "to_remit")],
    )
    board.scorecards(
        [
            (
                "Active loans",
                board.kpi(
                    "Active loans", count("Active loans", [("state", "=", "active")])
                ),
                "",
                loans_menu,
            ),
            (
                "Ending within 60 days",
                board.kpi(
                    "Loans ending within 60 days",
                    count("Loans ending soon", [("ending_soon", "=", True)]),
                ),
                "",
                loans_menu,
            ),
            (
                "Past their term",
                board.kpi(
                    "Loans past their term",
                    count("Loans past their term", [("past_term", "=", True)]),
                ),
                "",
                loans_menu,
            ),
            (
                "Contributions collected",
                board.kpi(
                    "Contributions collected", amount("collected"), amount("due")
                ),
                "of the contributions due",
                money_menu,
            ),
            (
                "Remitted",
                board.kpi("Contributions remitted", amount("remitted")),
                "",
                money_menu,
            ),
            (
                "Not remitted yet",
                board.kpi(
                    "Collected, not remitted",
                    f'=PIVOT.VALUE({pending},"amount")',
                ),
                "",
                money_menu,
            ),
        ]
    )
    board.kpi("Contributions due", amount("due"))
    board.kpi("Contributions waived", amount("waived", "__count"))
    board.monthly(
        "Contributions by month",
        CONTRIBUTIONS,
        money_action,
        money_menu,
        ["amount"],
        columns=["kind"],
    )
    board.table(
        "Collected, not remitted, by third place",
        board.pivot(
            "Not remitted by third place",
            CONTRIBUTIONS,
            money_action,
            rows=["place_id"],
            measures=["__count", "amount"],
            domain=[("kind", "=", "to_remit")],
        ),
        money_menu,
        height=6,
    )
    board.table(
        "Loans by third place",
        board.pivot(
            "Loans by third place",
            LOANS,
            loans_action,
            rows=["place_id"],
            columns=["state"],
            domain=[("state", "in", ["signed", "active", "ended", "lost"])],
        ),
        loans_menu,
        height=7,
        chart=(
            LOANS,
            "bar",
            ["start_date:month", "place_id"],
            "__count",
            [("is_handed_over", "=", True)],
            "start_date",
        ),
    )
    people_menu = B + "parcours_beneficiary_report_menu"
    people_action = B + "parcours_beneficiary_report_action"
    for title, dimension, field, height in (
        ("Beneficiaries by commune", "commune", "city", 14),
        ("Beneficiaries by digital level", "digital_level", "digital_level", 6),
        (
            "Beneficiaries by kind of prescriber",
            "prescriber_kind",
            "prescriber_kind",
            7,
        ),
        ("Beneficiaries by eligibility criterion", "criterion", "criterion_id", 9),
    ):
        domain = [("dimension", "=", dimension)]
        board.table(
            title,
            board.pivot(
                title,
                BENEFICIARIES,
                people_action,
                rows=[field],
                measures=["beneficiary_count"],
                domain=domain,
            ),
            people_menu,
            height=height,
            chart=(BENEFICIARIES, "pie", [field], "beneficiary_count", domain, None)
            if dimension == "digital_level"
            else None,
        )
    return board


METHOD = (
    "Method (ADEME): each device whose refurbishment is validated replaces a new "
    "one for the years of use set in the settings (2 by default, a loan). Per "
    "year of use, a laptop avoids 27 kg CO2e and saves 127 kg of raw materials "
    "(ADEME, 9 September 2022, « Évaluation de l'impact environnemental d'un "
    "ensemble de produits reconditionnés »). A desktop counts the laptop's "
    "yearly figures scaled by its own manufacturing footprint: 202.6 + 1.8 kg "
    "CO2e for a professional desktop without screen against 170.3 + 12.3 kg for "
    "a laptop (construction, assembly and distribution; ADEME/Arcep 2022, as "
    "ADEME's Impact CO2 uses them). Tablets, screens and other devices count "
    "zero. The factors are set per company in the settings; the figures are "
    "estimates."
)


def environment():
    board = Dashboard("parcours_environment")
    action = D + "parcours_device_report_action"
    menu = D + "parcours_device_report_menu"
    refurbished = [("is_refurbished", "=", True)]
    kpi = board.pivot(
        "Refurbished this year",
        DEVICES,
        action,
        measures=["__count", "co2_avoided", "raw_materials_saved"],
        domain=refurbished,
        year_field="refurbished_date",
    )
    board.scorecards(
        [
            (
                "CO2e avoided (kg)",
                board.kpi("CO2e avoided (kg)", f'=PIVOT.VALUE({kpi},"co2_avoided")'),
                "estimate, see the method",
                menu,
            ),
            (
                "Raw materials saved (kg)",
                board.kpi(
                    "Raw materials saved (kg)",
                    f'=PIVOT.VALUE({kpi},"raw_materials_saved")',
                ),
                "estimate, see the method",
                menu,
            ),
            (
                "Devices refurbished",
                board.kpi("Devices refurbished", f'=PIVOT.VALUE({kpi},"__count")'),
                "",
                menu,
            ),
        ]
    )
    board.text(METHOD, height=5)
    board.monthly(
        "Savings by month of refurbishment",
        DEVICES,
        action,
        menu,
        ["__count", "raw_materials_saved", "co2_avoided"],
        date="refurbished_date",
        domain=refurbished,
        mode="line",
    )
    board.table(
        "Savings by kind of device",
        board.pivot(
            "Savings by kind of device",
            DEVICES,
            action,
            rows=["device_type"],
            measures=["__count", "co2_avoided", "raw_materials_saved"],
            domain=refurbished,
            year_field="refurbished_date",
        ),
        menu,
        height=6,
    )
    return board


TRAINING = "parcours.training.report"
PROGRESSION = "parcours.skill.progression.summary"
WORKSHOPS = "event.event"
T = "parcours_training."


def training():
    board = Dashboard("parcours_training")
    action = T + "parcours_training_report_action"
    menu = T + "parcours_training_report_menu"
    progression_action = T + "parcours_skill_progression_summary_action"
    progression_menu = T + "parcours_skill_progression_summary_menu"
    # Workshops held: those of a third place where someone came.
    held = [("parcours_place_id", "!=", False), ("registration_ids.state", "=", "done")]
    people = board.pivot(
        "People trained this year",
        TRAINING,
        action,
        measures=["trained_partner_id:count_distinct", "attended_count", "hours"],
        year_field="date",
    )
    workshops = board.pivot(
        "Workshops held this year",
        WORKSHOPS,
        T + "event_event_action_parcours",
        measures=["__count", "parcours_duration"],
        domain=held,
        year_field="date_begin",
    )
    gain = board.pivot(
        "Skills progression this year",
        PROGRESSION,
        progression_action,
        measures=["people_count", "levels_gained", "progressed_count"],
        year_field="month",
    )
    trained = board.kpi(
        "People trained", f'=PIVOT.VALUE({people},"trained_partner_id")'
    )
    hours = board.kpi(
        "Workshop hours", f'=PIVOT.VALUE({workshops},"parcours_duration")'
    )
    board.kpi("Workshops held", f'=PIVOT.VALUE({workshops},"__count")')
    board.kpi("Attendances", f'=PIVOT.VALUE({people},"attended_count")')
    attended = board.kpi("Hours of training", f'=PIVOT.VALUE({people},"hours")')
    assessed = board.kpi(
        "Skills assessed before and after", f'=PIVOT.VALUE({gain},"people_count")'
    )[0]
    levels = board.kpi("Levels gained", f'=PIVOT.VALUE({gain},"levels_gained")')[0]
    average = board.kpi(
        "Average skills gain (levels)",
        f"=IFERROR(ROUND({levels[5:]}/{assessed[5:]},2),0)",
    )
    board.scorecards(
        [
            ("People trained", trained, "came to a workshop", menu),
            ("Workshop hours", hours, "", T + "event_event_menu_parcours"),
            ("Hours of training", attended, "hours times people present", menu),
            (
                "Average skills gain",
                average,
                "levels per skill, before and after",
                progression_menu,
            ),
        ]
    )
    board.table(
        "Training by third place",
        board.pivot(
            "Training by third place",
            TRAINING,
            action,
            rows=["place_id"],
            measures=["trained_partner_id:count_distinct", "attended_count", "hours"],
            year_field="date",
        ),
        menu,
        height=8,
    )
    board.monthly(
        "Training by month",
        TRAINING,
        action,
        menu,
        ["trained_partner_id:count_distinct", "attended_count", "hours"],
    )
    board.table(
        "Skills progression by skill",
        board.pivot(
            "Skills progression by skill",
            PROGRESSION,
            progression_action,
            rows=["skill_id"],
            measures=["people_count", "progressed_count", "levels_gained"],
            year_field="month",
        ),
        progression_menu,
        height=10,
        chart=(PROGRESSION, "bar", ["skill_id"], "levels_gained", (), "month"),
    )
    return board


DASHBOARDS = (device_chain, loans_and_contributions, environment, training)


def build():
    """{file name: JSON text} of every dashboard."""
    return {board.filename: board.dumps() for board in (make() for make in DASHBOARDS)}


if __name__ == "__main__":
    for name, content in build().items():
        (FILES / name).write_text(content, encoding="utf-8")
