# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.tools.misc import format_date

from ..dashboards import METHOD


class ParcoursActivityReportXlsx(models.AbstractModel):
    """The annual activity report: the dashboards' figures month by month.

    One sheet per theme, each read from the KPI models of the addons that own
    the data with the rights of the user who prints it. Counts and sums only:
    no name and no social criterion (beneficiaries are counted by commune).
    """

    _name = "report.parcours_dashboard.report_activity_xlsx"
    _inherit = "parcours.report.xlsx"
    _description = "Annual activity report (XLSX)"

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards.ensure_one()
        start, end = wizard._period()
        self = self.with_context(parcours_period=(start, end))
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7"}),
            "total": workbook.add_format({"bold": True}),
            "number": workbook.add_format({"num_format": "#,##0.##"}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        }
        for sheet_writer in (
            self._sheet_devices,
            self._sheet_recycling,
            self._sheet_work,
            self._sheet_loans,
            self._sheet_contributions,
            self._sheet_beneficiaries,
            self._sheet_environment,
            self._sheet_training,
        ):
            sheet_writer(workbook, formats, wizard.year)

    # ------------------------------------------------------------ helpers
    def _months(self):
        start, __ = self.env.context["parcours_period"]
        return [start.replace(month=month) for month in range(1, 13)]

    def _in_year(self, field):
        start, end = self.env.context["parcours_period"]
        return [(field, ">=", start), (field, "<=", end)]

    def _labels(self, model, field):
        return self.env[model]._fields[field]._description_selection(self.env)

    def _monthly(self, model, domain, date_field, split, aggregate="__count"):
        """{(month number, split value): aggregate} over the report's year."""
        return {
            (month.month, key): value
            for month, key, value in self.env[model]._read_group(
                domain + self._in_year(date_field),
                [f"{date_field}:month", split],
                [aggregate],
            )
        }

    def _new_sheet(self, workbook, formats, title, year):
        sheet = workbook.add_worksheet(title)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 14, 14)
        self._parcours_write_row(sheet, 0, [f"{title} - {year}"], {0: formats["title"]})
        return sheet

    def _write_table(self, sheet, row, formats, header, rows, total=True):
        """Write a header, the rows and, with ``total``, a total row; return the
        next free row."""
        bold = formats["header"]
        self._parcours_write_row(
            sheet, row, header, dict.fromkeys(range(len(header)), bold)
        )
        row += 1
        sums = [0] * (len(header) - 1)
        for values in rows:
            self._parcours_write_row(
                sheet,
                row,
                values,
                dict.fromkeys(range(1, len(values)), formats["number"]),
            )
            sums = [
                round(a + (b or 0), 2) for a, b in zip(sums, values[1:], strict=True)
            ]
            row += 1
        if total:
            self._parcours_write_row(
                sheet,
                row,
                [self.env._("Total"), *sums],
                dict.fromkeys(range(len(header)), formats["total"]),
            )
            row += 1
        return row + 1

    def _month_rows(self, figures, keys, with_total=True):
        rows = []
        for month in self._months():
            values = [round(figures.get((month.month, key), 0), 2) for key in keys]
            label = format_date(self.env, month, date_format="MMMM y")
            rows.append(
                [label, *values, sum(values)] if with_total else [label, *values]
            )
        return rows

    # ------------------------------------------------------------ sheets
    def _sheet_devices(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.device.flow.report"
        sheet = self._new_sheet(workbook, formats, _("Devices"), year)
        kinds = self._labels(model, "kind")
        figures = self._monthly(model, [], "date", "kind")
        row = self._write_table(
            sheet,
            2,
            formats,
            [_("Month"), *(label for __, label in kinds), _("All steps")],
            self._month_rows(figures, [kind for kind, __ in kinds]),
        )
        target = self.env.company.parcours_yearly_target
        self._parcours_write_row(
            sheet, row, [_("Yearly target (devices)"), target], {0: formats["total"]}
        )
        stages = dict(
            self.env["parcours.device.report"]._read_group([], ["stage"], ["__count"])
        )
        self._write_table(
            sheet,
            row + 2,
            formats,
            [_("Stage of every device now"), _("Devices")],
            [
                [label, stages[stage]]
                for stage, label in self._labels("parcours.device.report", "stage")
                if stage in stages
            ],
        )

    def _sheet_recycling(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.recycling.fraction"
        sheet = self._new_sheet(workbook, formats, _("Recycling"), year)
        materials = self._labels(model, "material")
        done = [("order_id.state", "=", "done")] + self._in_year("order_id.date_done")
        by_month = {}
        for order, material, weight in self.env[model]._read_group(
            done, ["order_id", "material"], ["weight:sum"]
        ):
            key = (order.date_done.month, material)
            by_month[key] = by_month.get(key, 0.0) + weight
        row = self._write_table(
            sheet,
            2,
            formats,
            [_("Month"), *(f"{label} (kg)" for __, label in materials), _("All (kg)")],
            self._month_rows(by_month, [material for material, __ in materials]),
        )
        channels = self.env[model]._read_group(done, ["channel_id"], ["weight:sum"])
        self._write_table(
            sheet,
            row,
            formats,
            [_("Recycling channel"), _("Weight (kg)")],
            [[channel.name, weight] for channel, weight in channels],
        )

    def _sheet_work(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.work.order.line"
        sheet = self._new_sheet(workbook, formats, _("Work"), year)
        types = self._labels(model, "worker_type")
        done = [("state", "=", "done")]
        figures = self._monthly(model, done, "date", "worker_type", "duration:sum")
        row = self._write_table(
            sheet,
            2,
            formats,
            [_("Month"), *(f"{label} (h)" for __, label in types), _("All (h)")],
            self._month_rows(figures, [kind for kind, __ in types]),
        )
        partners = {}
        for organisation, kind, hours in self.env[model]._read_group(
            done + self._in_year("date"),
            ["organisation_id", "worker_type"],
            ["duration:sum"],
        ):
            partners.setdefault(organisation, {})[kind] = hours
        self._write_table(
            sheet,
            row,
            formats,
            [_("Partner"), *(f"{label} (h)" for __, label in types)],
            [
                [organisation.name, *(hours.get(kind, 0) for kind, __ in types)]
                for organisation, hours in sorted(
                    partners.items(), key=lambda item: item[0].name
                )
            ],
        )

    def _sheet_loans(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.loan.report"
        Loan = self.env[model]
        sheet = self._new_sheet(workbook, formats, _("Loans"), year)
        places = Loan._read_group(
            [("is_handed_over", "=", True)] + self._in_year("start_date"), ["place_id"]
        )
        places = [place for (place,) in places]
        figures = self._monthly(
            model, [("is_handed_over", "=", True)], "start_date", "place_id"
        )
        row = self._write_table(
            sheet,
            2,
            formats,
            [_("Loans started"), *(place.name for place in places), _("All places")],
            self._month_rows(figures, places),
        )
        self._write_table(
            sheet,
            row,
            formats,
            [_("Loans now"), _("Loans")],
            [
                [_("Active"), Loan.search_count([("state", "=", "active")])],
                [
                    _("Ending within 60 days"),
                    Loan.search_count([("ending_soon", "=", True)]),
                ],
                [_("Past their term"), Loan.search_count([("past_term", "=", True)])],
            ],
            total=False,
        )

    def _sheet_contributions(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.contribution.report"
        sheet = self._new_sheet(workbook, formats, _("Contributions"), year)
        figures = {
            (month.month, kind): (count, amount)
            for month, kind, count, amount in self.env[model]._read_group(
                self._in_year("date"), ["date:month", "kind"], ["__count", "amount:sum"]
            )
        }
        kinds = self._labels(model, "kind")
        rows = []
        for month in self._months():
            values = []
            for kind, __ in kinds:
                count, amount = figures.get((month.month, kind), (0, 0.0))
                values.append(count if kind == "waived" else amount)
            rows.append([format_date(self.env, month, date_format="MMMM y"), *values])
        self._write_table(
            sheet,
            2,
            formats,
            [
                _("Month"),
                *(
                    _("%(kind)s (count)", kind=label)
                    if kind == "waived"
                    else f"{label} (€)"
                    for kind, label in kinds
                ),
            ],
            rows,
        )

    def _sheet_beneficiaries(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.beneficiary.report"
        sheet = self._new_sheet(workbook, formats, _("Beneficiaries"), year)
        communes = [("dimension", "=", "commune")]
        first = {}
        for month, city, count in self.env[model]._read_group(
            communes + self._in_year("first_loan_month"),
            ["first_loan_month:month", "city"],
            ["beneficiary_count:sum"],
        ):
            first[(month.month, city or _("Unknown commune"))] = count
        cities = sorted({city for __, city in first})
        row = self._write_table(
            sheet,
            2,
            formats,
            [
                _("First device by commune"),
                *(format_date(self.env, m, date_format="MMM") for m in self._months()),
                _("Year"),
            ],
            [
                [
                    city,
                    *(counts := [first.get((m, city), 0) for m in range(1, 13)]),
                    sum(counts),
                ]
                for city in cities
            ],
        )
        known = dict(
            self.env[model]._read_group(communes, ["city"], ["beneficiary_count:sum"])
        )
        self._write_table(
            sheet,
            row,
            formats,
            [_("All beneficiaries by commune"), _("Beneficiaries")],
            [
                [city or _("Unknown commune"), count]
                for city, count in sorted(known.items(), key=lambda item: item[0] or "")
            ],
        )

    def _sheet_environment(self, workbook, formats, year):
        _ = self.env._
        model = "parcours.device.report"
        sheet = self._new_sheet(workbook, formats, _("Environment"), year)
        figures = {
            month.month: (count, co2, raw)
            for month, count, co2, raw in self.env[model]._read_group(
                [("is_refurbished", "=", True)] + self._in_year("refurbished_date"),
                ["refurbished_date:month"],
                ["__count", "co2_avoided:sum", "raw_materials_saved:sum"],
            )
        }
        row = self._write_table(
            sheet,
            2,
            formats,
            [
                _("Month"),
                _("Devices refurbished"),
                _("CO2e avoided (kg)"),
                _("Raw materials saved (kg)"),
            ],
            [
                [
                    format_date(self.env, month, date_format="MMMM y"),
                    *figures.get(month.month, (0, 0.0, 0.0)),
                ]
                for month in self._months()
            ],
        )
        # In constant_memory mode a cell cannot be written once later rows are:
        # the merged range gets its text at once.
        sheet.merge_range(
            row, 0, row + 5, 6, self._dashboard_text(METHOD), formats["wrap"]
        )

    def _sheet_training(self, workbook, formats, year):
        """People trained, attendances and hours, the workshops held and the
        skills progression, by month: counts of the training KPI models, no
        person. The people trained of the year are counted once each, even if
        they came in several months."""
        _ = self.env._
        sheet = self._new_sheet(workbook, formats, _("Training"), year)
        training = "parcours.training.report"
        measures = [
            "trained_partner_id:count_distinct",
            "attended_count:sum",
            "hours:sum",
        ]
        figures = {
            month.month: values
            for month, *values in self.env[training]._read_group(
                self._in_year("date"), ["date:month"], measures
            )
        }
        [year_figures] = self.env[training]._read_group(
            self._in_year("date"), [], measures
        )
        held = [
            ("parcours_place_id", "!=", False),
            ("registration_ids.state", "=", "done"),
        ]
        workshops = {
            month.month: (count, hours)
            for month, count, hours in self.env["event.event"]._read_group(
                held + self._in_year("date_begin"),
                ["date_begin:month"],
                ["__count", "parcours_duration:sum"],
            )
        }
        progression = {
            month.month: (people, levels)
            for month, people, levels in self.env[
                "parcours.skill.progression.summary"
            ]._read_group(
                self._in_year("month"),
                ["month:month"],
                ["people_count:sum", "levels_gained:sum"],
            )
        }
        rows = []
        for month in self._months():
            people, attended, hours = figures.get(month.month, (0, 0, 0.0))
            count, duration = workshops.get(month.month, (0, 0.0))
            assessed, levels = progression.get(month.month, (0, 0))
            rows.append(
                [
                    format_date(self.env, month, date_format="MMMM y"),
                    people,
                    attended,
                    round(hours, 2),
                    count,
                    round(duration, 2),
                    assessed,
                    levels,
                ]
            )
        header = [
            _("Month"),
            _("People trained"),
            _("Attendances"),
            _("Hours of training"),
            _("Workshops held"),
            _("Workshop hours"),
            _("Skills assessed before and after"),
            _("Levels gained"),
        ]
        row = self._write_table(sheet, 2, formats, header, rows, total=False) - 1
        totals = [round(sum(r[col] for r in rows), 2) for col in range(2, 8)]
        self._parcours_write_row(
            sheet,
            row,
            [_("Year"), year_figures[0] or 0, *totals],
            dict.fromkeys(range(len(header)), formats["total"]),
        )
        assessed, levels = totals[4], totals[5]
        self._parcours_write_row(
            sheet,
            row + 2,
            [
                _("Average skills gain (levels)"),
                round(levels / assessed, 2) if assessed else 0,
            ],
            {0: formats["total"]},
        )

    def _dashboard_text(self, text):
        """A text of the dashboards, translated as the dashboards translate it."""
        return self.env["spreadsheet.dashboard"]._parcours_terms().get(text, text)
