# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The dashboards, the roles' main lists and the large export at national scale.

At N = 1,000, 10,000 and 100,000 devices (the national rollout is about 50,000
a year), with four loans in ten devices, their contribution invoices and
payments, a waiting application in five and the work lines of each device;
the people who borrowed come to a workshop (one workshop per 100 devices) and
are assessed before and after it:

- every pivot and chart of the four dashboards, read as a département
  officer (the figures of the current year), against plain Odoo grouping the
  devices by their stored stage;
- each role's main list, read as the web client reads its first page: the
  ESAT's devices, the mediator's waiting list, the accountant's invoices and
  invoices to check (their home);
- the partner payments export of one row per device worked on (N rows), its
  seconds and its peak memory (tracemalloc): the memory must not grow with N.

The query counts of the dashboards and lists must be the same at every N. The
data is inserted with SQL, cloned from one record of each kind made with the
real steps, in one transaction rolled back at the end.

    python3 bench/bench_dashboard.py --database DB --addons-path PATH \
        [--sizes 1000,10000,100000]

The rows rolled back stay in the tables as dead rows until autovacuum (or a
VACUUM) passes: compare runs on a vacuumed database.
"""

import time
import tracemalloc
import uuid

from common import bench_laptop, measure, odoo_env, parse_args, print_table, ratio

SIZES = (1000, 10000, 100000)
EXPORT_FROM = 10000  # the export is measured from this size on
COMMUNES = (
    ("Crest", "26400"),
    ("Die", "26150"),
    ("Nyons", "26110"),
    ("Valence", "26000"),
    ("Romans-sur-Isère", "26100"),
    ("Montélimar", "26200"),
    ("Saillans", "26340"),
    ("Dieulefit", "26220"),
    ("Tain-l'Hermitage", "26600"),
)


def clone(cr, table, template, offset, count, overrides, where="TRUE"):
    """Insert copies of row ``template`` of ``table``, one per k in [0, count)
    kept by ``where``, with ``overrides`` ({column: SQL using k and g = offset +
    k}); return the id of the first copy (ids follow k)."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s AND column_name != 'id' "
        "ORDER BY ordinal_position",
        [table],
    )
    columns = [name for (name,) in cr.fetchall()]
    expressions = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    cr.execute(
        f'INSERT INTO "{table}" ({names}) '  # noqa: S608 - our own table names
        f'SELECT {expressions} FROM "{table}" t, '
        f"(SELECT k, {int(offset)} + k AS g "
        f"FROM generate_series(0, {int(count) - 1}) k) s "
        f"WHERE t.id = {int(template)} AND {where} ORDER BY k RETURNING id"
    )
    ids = sorted(row[0] for row in cr.fetchall())
    assert ids and ids[-1] - ids[0] + 1 == len(ids), f"{table}: ids not in a row"
    return ids[0]


class Story:
    """One record of each kind, made with the real steps: the templates."""

    def __init__(self, env, tag):
        from odoo import Command, fields

        self.env = env
        self.tag = tag
        self.year = fields.Date.context_today(env["res.partner"]).year
        Organisation = env["parcours.organisation"]
        self.esat = Organisation.create(
            {"name": f"Bench ESAT {tag}", "role": "workshop"}
        )
        self.pihc = Organisation.create(
            {"name": f"Bench PIHC {tag}", "role": "refurbisher"}
        )
        self.place = Organisation.create(
            {"name": f"Bench place {tag}", "role": "third_place"}
        )
        self.department = Organisation.create(
            {"name": f"Bench département {tag}", "role": "department"}
        )
        donor = Organisation.create({"name": f"Bench donor {tag}", "role": "donor"})
        env.company.parcours_return_organisation_id = self.pihc
        laptop = bench_laptop(env, tag)
        for organisation, kind in ((self.esat, "supported"), (self.pihc, "insertion")):
            env["hr.employee"].create(
                {
                    "name": f"Bench worker {organisation.name}",
                    "parcours_organisation_id": organisation.id,
                    "parcours_worker_type": kind,
                }
            )
        env["parcours.unit.price"].create(
            [
                {"organisation_id": self.esat.id, "work_type": "triage", "price": 8.0},
                {
                    "organisation_id": self.pihc.id,
                    "work_type": "refurbish",
                    "price": 45.0,
                },
            ]
        )
        lot = env["parcours.donation.lot"].create(
            {"donor_id": donor.id, "workshop_id": self.esat.id}
        )
        lot._receive_devices([{"serial": f"BT{tag}", "product": laptop}])
        self.donation_lot = lot
        self.device = lot.device_ids
        lot.action_start_triage()
        triage = lot.work_order_ids
        triage.action_start()
        triage.line_ids.write(
            {
                "result": "pass",
                "duration": 0.25,
                "employee_id": self.esat.employee_ids.id,
            }
        )
        triage.action_done()
        self.triage_line = triage.line_ids
        self._send(self.pihc)
        refurbish = env["parcours.work.order"].create(
            {
                "work_type": "refurbish",
                "organisation_id": self.pihc.id,
                "line_ids": [Command.create({"lot_id": self.device.id})],
            }
        )
        refurbish.action_start()
        line = refurbish.line_ids
        line.write(
            dict(
                {name: True for name in line._applicable_tests()},
                employee_id=self.pihc.employee_ids.id,
                duration=3.0,
                os_installed="Linux Mint 22",
                grade="b",
                erasure_ids=[
                    Command.create(
                        {
                            "disk_serial": f"BD{tag}",
                            "level": "purge",
                            "method": "ata_sanitize",
                            "tool": "nwipe",
                            "employee_id": self.pihc.employee_ids.id,
                            "result": "passed",
                        }
                    )
                ],
            )
        )
        refurbish.action_done()
        self.refurbish_line = line
        self._send(self.place)
        lines = self.env["stock.move.line"].search([("lot_id", "=", self.device.id)])
        self.receipt_line = lines.filtered(
            lambda line: line.location_dest_id == self.esat.location_id
        )
        self.place_line = lines.filtered(
            lambda line: line.location_dest_id == self.place.location_id
        )
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Bench resident {tag} {index}",
                    "zip": "26400",
                    "city": "Crest",
                    "parcours_is_beneficiary": True,
                    "parcours_place_id": self.place.id,
                    "parcours_consent_date": fields.Date.today(),
                    "parcours_criterion_ids": [
                        Command.set(env.ref("parcours_beneficiaries.criterion_rsa").ids)
                    ],
                    "parcours_proof_ids": [Command.create({"proof_type": "benefit"})],
                }
                for index in range(2)
            ]
        )
        applications = env["parcours.application"].create(
            [
                {"partner_id": partner.id, "place_id": self.place.id}
                for partner in partners
            ]
        )
        applications.action_submit()
        applications.action_mark_eligible()
        applications.action_add_to_waiting_list()
        self.partner = partners[0]
        self.waiting = applications[1]
        agreement = applications[0]._parcours_allocate(self.device)
        agreement.action_sign()
        agreement._parcours_register_payment("cash")
        agreement.action_handover()
        self.agreement = agreement
        self.invoice = agreement.invoice_id
        self.payment = self.invoice.matched_payment_ids
        # The borrower comes to a workshop, assessed before and after it.
        now = fields.Datetime.now()
        workshop_type = env.ref("parcours_training.event_type_getting_started")
        self.before = env["parcours.skill.assessment"].create(
            {
                "partner_id": self.partner.id,
                "event_type_id": workshop_type.id,
                "moment": "before",
                "date": now.date(),
            }
        )
        trainer = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": f"Bench trainer {tag}",
                    "login": f"bench_trainer_{tag}",
                    "groups_id": [
                        Command.set(
                            [
                                env.ref("base.group_user").id,
                                env.ref("parcours_beneficiaries.group_mediator").id,
                            ]
                        )
                    ],
                    "parcours_organisation_id": self.place.id,
                }
            )
        )
        self.workshop = env["event.event"].create(
            {
                "user_id": trainer.id,
                "name": f"Bench workshop {tag}",
                "event_type_id": workshop_type.id,
                "parcours_place_id": self.place.id,
                "date_begin": now.replace(hour=9, minute=0, second=0),
                "date_end": now.replace(hour=11, minute=0, second=0),
            }
        )
        self.registration = env["event.registration"].create(
            {"event_id": self.workshop.id, "partner_id": self.partner.id}
        )
        self.registration.action_set_done()
        self.after = env["parcours.skill.assessment"].create(
            {
                "partner_id": self.partner.id,
                "event_type_id": workshop_type.id,
                "moment": "after",
                "date": now.date(),
            }
        )
        self.after.line_ids[:1].level = 2
        env.flush_all()

    def _send(self, organisation):
        from odoo import Command

        wizard = self.env["parcours.handoff.wizard"].create(
            {
                "lot_ids": [Command.set(self.device.ids)],
                "organisation_id": organisation.id,
            }
        )
        picking = self.env["stock.picking"].browse(wizard.action_send()["res_id"])
        picking.action_parcours_confirm_reception()

    def grow(self, offset, count):
        """Add ``count`` devices, their work, loans, invoices and payments."""
        cr, tag = self.env.cr, self.tag
        lent = self.env.ref("parcours_beneficiaries.stock_location_lent").id
        recycling = self.env.ref("parcours_devices.stock_location_recycling").id
        year = f"DATE '{self.year}-01-01'"
        stage = (
            "(CASE WHEN k % 10 < 4 THEN 'lent' WHEN k % 10 < 6 THEN 'ready' "
            "WHEN k % 10 = 6 THEN 'received' WHEN k % 10 = 7 THEN 'to_refurbish' "
            "WHEN k % 10 = 8 THEN 'recycled' ELSE 'refurbishing' END)"
        )
        holder = (
            f"(CASE WHEN k % 10 < 4 OR k % 10 = 8 THEN NULL "
            f"WHEN k % 10 < 6 THEN {self.place.id} "
            f"WHEN k % 10 < 8 THEN {self.esat.id} ELSE {self.pihc.id} END)"
        )
        location = (
            f"(CASE WHEN k % 10 < 4 THEN {lent} WHEN k % 10 = 8 THEN {recycling} "
            f"WHEN k % 10 < 6 THEN {self.place.location_id.id} "
            f"WHEN k % 10 < 8 THEN {self.esat.location_id.id} "
            f"ELSE {self.pihc.location_id.id} END)"
        )
        lots = clone(
            cr,
            "parcours_donation_lot",
            self.donation_lot.id,
            offset,
            count,
            {
                "name": f"'BDL-{tag}-' || g",
                "received_date": f"{year} + (g % 330)::integer",
            },
            where="k % 100 = 0",
        )
        devices = clone(
            cr,
            "stock_lot",
            self.device.id,
            offset,
            count,
            {
                "name": f"'BENCH-{tag}-' || g",
                "parcours_stage": stage,
                "parcours_holder_id": holder,
                "location_id": location,
                "parcours_donation_lot_id": f"{lots} + k / 100",
            },
        )
        device = f"{devices} + k"
        # Triage of every device in 2019 (the rows of the export), refurbishment
        # this year of the devices that went on.
        clone(
            cr,
            "parcours_work_order_line",
            self.triage_line.id,
            offset,
            count,
            {"lot_id": device, "date": "DATE '2019-01-01' + (g % 360)::integer"},
        )
        clone(
            cr,
            "parcours_work_order_line",
            self.refurbish_line.id,
            offset,
            count,
            {"lot_id": device, "date": f"{year} + (g % 330)::integer"},
            where="k % 10 < 6",
        )
        # Their transfers: received at the ESAT, sent to the third place.
        moment = f"(TIMESTAMP '{self.year}-01-01 10:00' + (g % 330) * INTERVAL '1 day')"
        clone(
            cr,
            "stock_move_line",
            self.receipt_line.id,
            offset,
            count,
            {"lot_id": device, "lot_name": "NULL", "date": moment},
        )
        clone(
            cr,
            "stock_move_line",
            self.place_line.id,
            offset,
            count,
            {"lot_id": device, "date": moment},
            where="k % 10 < 6",
        )
        city = "(ARRAY[%s])[1 + g %% %d]" % (  # noqa: UP031
            ", ".join("'%s'" % name.replace("'", "''") for name, __ in COMMUNES),
            len(COMMUNES),
        )
        postcode = "(ARRAY[%s])[1 + g %% %d]" % (
            ", ".join(f"'{code}'" for __, code in COMMUNES),
            len(COMMUNES),
        )
        partners = clone(
            cr,
            "res_partner",
            self.partner.id,
            offset,
            count,
            {
                "name": f"'Bench resident {tag} ' || g",
                "complete_name": f"'Bench resident {tag} ' || g",
                "city": city,
                "zip": postcode,
                "parcours_digital_level": "(ARRAY['none', 'beginner', 'basic', "
                "'autonomous'])[1 + g % 4]",
            },
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id "
            "WHERE id BETWEEN %s AND %s",
            [partners, partners + count - 1],
        )
        clone(
            cr,
            "parcours_application",
            self.waiting.id,
            offset,
            count,
            {"name": f"'BDMD-{tag}-' || g", "partner_id": f"{partners} + k"},
            where="k % 5 = 4",
        )
        # Loans of the devices lent: k % 10 < 4, ranked (k / 10) * 4 + k % 10.
        loaned = "k % 10 < 4"
        start = f"({year} + (g % 330)::integer)"
        agreements = clone(
            cr,
            "parcours_loan_agreement",
            self.agreement.id,
            offset,
            count,
            {
                "name": f"'BCMD-{tag}-' || g",
                "lot_id": device,
                "partner_id": f"{partners} + k",
                "start_date": start,
                "signature_date": start,
                "end_date": f"{start} + 730",
            },
            where=loaned,
        )
        rank = "((k / 10) * 4 + k % 10)"
        invoices = clone(
            cr,
            "account_move",
            self.invoice.id,
            offset,
            count,
            {
                "name": f"'BINV/{tag}/' || g",
                "parcours_agreement_id": f"{agreements} + {rank}",
                "partner_id": f"{partners} + k",
                "commercial_partner_id": f"{partners} + k",
                "invoice_date": start,
                "date": start,
            },
            where=loaned,
        )
        payments = clone(
            cr,
            "account_payment",
            self.payment.id,
            offset,
            count,
            {
                "name": f"'BPAY/{tag}/' || g",
                "partner_id": f"{partners} + k",
                "date": start,
                "move_id": "NULL",
            },
            where=loaned,
        )
        loans = count // 10 * 4 + min(count % 10, 4)
        cr.execute(
            "INSERT INTO account_move__account_payment (invoice_id, payment_id) "
            "SELECT %s + r, %s + r FROM generate_series(0, %s) r",
            [invoices, payments, loans - 1],
        )
        cr.execute(
            "UPDATE parcours_loan_agreement SET invoice_id = %s + (id - %s) "
            "WHERE id BETWEEN %s AND %s",
            [invoices, agreements, agreements, agreements + loans - 1],
        )
        # The borrowers' workshops (one per 100 devices, two hours), their
        # attendance and their skills assessed before and after.
        events = clone(
            cr,
            "event_event",
            self.workshop.id,
            offset,
            count,
            {
                "date_begin": f"{moment} - INTERVAL '1 hour'",
                "date_end": f"{moment} + INTERVAL '1 hour'",
            },
            where="k % 100 = 0",
        )
        clone(
            cr,
            "event_registration",
            self.registration.id,
            offset,
            count,
            {
                "event_id": f"{events} + k / 100",
                "partner_id": f"{partners} + k",
                "barcode": f"'BREG-{tag}-' || g",
            },
            where=loaned,
        )
        for assessment, day in ((self.before, start), (self.after, f"{start} + 20")):
            first = clone(
                cr,
                "parcours_skill_assessment",
                assessment.id,
                offset,
                count,
                {"partner_id": f"{partners} + k", "date": day},
                where=loaned,
            )
            clone(
                cr,
                "parcours_skill_assessment_line",
                assessment.line_ids[:1].id,
                offset,
                count,
                {"assessment_id": f"{first} + {rank}"},
                where=loaned,
            )
        self.env.invalidate_all()


def aggregate(Model, measure, aggregator=None):
    """The aggregate a pivot or a chart asks for ``measure``."""
    if measure == "__count":
        return "__count"
    return f"{measure}:{aggregator or Model._fields[measure].aggregator or 'sum'}"


def best(env, function, repeat=3):
    """The quickest of ``repeat`` (queries, seconds) measures."""
    return min((measure(env, function) for __ in range(repeat)), key=lambda m: m[1])


class Bench:
    """The readers the bench measures, as the users who read them."""

    def __init__(self, env, story):
        import json

        self.env, self.story = env, story
        self.start = f"{story.year}-01-01"
        self.end = f"{story.year}-12-31"
        self.officer = self.user("officer", "parcours_devices.group_officer")
        self.lists = {
            "ESAT's devices": self.first_page(
                self.user(
                    "esat", "parcours_devices.group_workshop_operator", story.esat
                ),
                "parcours_devices.stock_lot_action",
            ),
            "mediator's waiting list": self.first_page(
                self.user(
                    "mediator", "parcours_beneficiaries.group_mediator", story.place
                ),
                "parcours_beneficiaries.parcours_application_action_waiting",
            ),
            "accountant's invoices": self.first_page(
                accountant := self.user(
                    "accountant", "parcours_devices.group_accountant"
                ),
                "account.action_move_out_invoice_type",
            ),
            "accountant's invoices to check": self.first_page(
                accountant, "parcours_dashboard.account_move_action_to_check"
            ),
        }
        self.boards = [
            json.loads(
                env.ref(
                    f"parcours_dashboard.spreadsheet_dashboard_{key}"
                ).spreadsheet_data
            )
            for key in ("device_chain", "loans", "environment", "training")
        ]
        wizard = env["parcours.partner.payment.wizard"].create(
            {
                "date_from": "2019-01-01",
                "date_to": "2019-12-31",
                "organisation_ids": [(6, 0, story.esat.ids)],
            }
        )
        report = env["report.parcours_devices.report_partner_payments_xlsx"]
        self.export = lambda: report.with_context(
            active_model=wizard._name
        ).create_xlsx_report(wizard.ids, {})

    def user(self, login, group, organisation=None):
        env = self.env
        return (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": f"Bench {login}",
                    "login": f"bench_{login}_{self.story.tag}",
                    "groups_id": [
                        (6, 0, [env.ref(group).id, env.ref("base.group_user").id])
                    ],
                    "parcours_organisation_id": (
                        organisation or self.story.department
                    ).id,
                }
            )
        )

    def first_page(self, user, xmlid):
        """The first page of an action's list, as the web client reads it."""
        from lxml import etree

        from odoo.tools.safe_eval import safe_eval

        action = self.env.ref(xmlid)
        context = safe_eval(action.context or "{}", {"uid": user.id})
        Model = self.env[action.res_model].with_user(user).with_context(**context)
        view = (
            action.view_ids.filtered(lambda v: v.view_mode == "list").view_id
            or action.view_id
        )
        arch = etree.fromstring(
            Model.get_views([(view.id or False, "list")])["views"]["list"]["arch"]
        )
        spec = {
            name: {"fields": {"display_name": {}}}
            if Model._fields[name].relational
            else {}
            for name in arch.xpath("/list/field/@name")
        }
        domain = safe_eval(action.domain or "[]", {"uid": user.id})
        # The search defaults of the action's filters, as the web client applies.
        search = etree.fromstring(
            Model.get_views([(action.search_view_id.id or False, "search")])["views"][
                "search"
            ]["arch"]
        )
        for name, value in context.items():
            if name.startswith("search_default_") and value:
                for node in search.xpath(f"//filter[@name='{name[15:]}']"):
                    if node.get("domain"):
                        domain += safe_eval(node.get("domain"), {"uid": user.id})
        return lambda: Model.web_search_read(domain, spec, limit=80, count_limit=10001)

    def dashboards(self):
        """Every pivot and chart of the four dashboards, for this year."""
        env = self.env
        for data in self.boards:
            for pivot in data["pivots"].values():
                Model = env[pivot["model"]].with_user(self.officer)
                domain = list(pivot["domain"])
                for match in pivot["fieldMatching"].values():
                    domain += [
                        (match["chain"], ">=", self.start),
                        (match["chain"], "<=", self.end),
                    ]
                groupby = [
                    f"{d['fieldName']}:{d['granularity']}"
                    if d.get("granularity")
                    else d["fieldName"]
                    for d in pivot["rows"] + pivot["columns"]
                ]
                Model._read_group(
                    domain,
                    groupby,
                    [
                        aggregate(Model, m["fieldName"], m.get("aggregator"))
                        for m in pivot["measures"]
                    ],
                )
            charts = [
                figure["data"]
                for sheet in data["sheets"]
                for figure in sheet["figures"]
                if figure["data"]["type"].startswith("odoo_")
            ]
            for chart in charts:
                meta = chart["metaData"]
                Model = env[meta["resModel"]].with_user(self.officer)
                Model._read_group(
                    chart["searchParams"]["domain"],
                    meta["groupBy"],
                    [aggregate(Model, meta["measure"])],
                )

    def our_stages(self):
        self.env["parcours.device.report"].with_user(self.officer)._read_group(
            [], ["stage"], ["__count"]
        )

    def plain_stages(self):
        self.env["stock.lot"].with_user(self.officer)._read_group(
            [("parcours_stage", "!=", False)], ["parcours_stage"], ["__count"]
        )

    def figures(self):
        """A few of this year's figures, to show the data is there."""
        year = [("date", ">=", self.start), ("date", "<=", self.end)]
        flows = self.env["parcours.device.flow.report"].with_user(self.officer)
        money = self.env["parcours.contribution.report"].with_user(self.officer)
        [(pending,)] = money._read_group(
            [("kind", "=", "to_remit")], [], ["amount:sum"]
        )
        training = self.env["parcours.training.report"].with_user(self.officer)
        [(trained,)] = training._read_group(
            year, [], ["trained_partner_id:count_distinct"]
        )
        [(hours,)] = (
            self.env["event.event"]
            .with_user(self.officer)
            ._read_group(
                [
                    ("parcours_place_id", "!=", False),
                    ("registration_ids.state", "=", "done"),
                    ("date_begin", ">=", self.start),
                    ("date_begin", "<=", self.end),
                ],
                [],
                ["parcours_duration:sum"],
            )
        )
        [(assessed, levels)] = (
            self.env["parcours.skill.progression.summary"]
            .with_user(self.officer)
            ._read_group(
                [("month", ">=", self.start), ("month", "<=", self.end)],
                [],
                ["people_count:sum", "levels_gained:sum"],
            )
        )
        gain = levels / assessed if assessed else 0.0
        return ", ".join(
            [
                f"{kind} {count:,}"
                for kind, count in sorted(
                    flows._read_group(year, ["kind"], ["__count"])
                )
            ]
            + [f"not remitted {pending or 0:,.0f} EUR"]
            + [
                f"people trained {trained:,}",
                f"workshop hours {hours or 0:,.0f}",
                f"average skills gain {gain:.2f}",
            ]
        )

    def export_row(self, size):
        """Seconds without tracemalloc, then the peak memory under it."""
        env = self.env
        queries, seconds = measure(env, self.export)
        env.invalidate_all()
        tracemalloc.start()
        content, __ = self.export()
        __, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        env.invalidate_all()
        return (
            f"{size:,}",
            str(queries),
            f"{seconds:.1f}",
            f"{1000 * seconds / size:.3f}",
            f"{peak / 2**20:.1f}",
            f"{len(content) / 2**20:.1f}",
        )


def main():
    args, odoo_args = parse_args(__doc__)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    with odoo_env(args, odoo_args) as env:
        story = Story(env, uuid.uuid4().hex[:6])
        bench = Bench(env, story)
        # warm-up: views, rules and the registry's caches
        bench.dashboards()
        bench.plain_stages()
        for run in bench.lists.values():
            run()
        kpi_rows, list_rows, export_rows = [], [], []
        current = 0
        for size in sizes:
            begin = time.perf_counter()
            story.grow(current, size - current)
            env.flush_all()
            env.cr.execute("ANALYZE")
            current = size
            print(f"N = {size:,}: data inserted in {time.perf_counter() - begin:.1f} s")
            print(f"  this year: {bench.figures()}")
            ours = best(env, bench.dashboards)
            stage, plain = best(env, bench.our_stages), best(env, bench.plain_stages)
            kpi_rows.append(
                (
                    f"{size:,}",
                    str(ours[0]),
                    f"{ours[1]:.2f}",
                    f"{1000 * stage[1]:.1f}",
                    f"{1000 * plain[1]:.1f}",
                    ratio(stage[1], plain[1]),
                )
            )
            for name, run in bench.lists.items():
                queries, seconds = best(env, run)
                list_rows.append((f"{size:,}", name, str(queries), f"{seconds:.3f}"))
            if size >= EXPORT_FROM:
                export_rows.append(bench.export_row(size))
        print()
        print_table(
            "Dashboards: every pivot and chart of the four dashboards as an officer "
            "(best of 3); the stage of every device from the KPI model against plain "
            "Odoo grouping stock.lot by its stored stage",
            kpi_rows,
            ("N devices", "queries", "seconds", "stage ms", "plain ms", "ratio"),
        )
        print_table(
            "Roles' main lists, first page as the web client reads it (best of 3)",
            list_rows,
            ("N devices", "list", "queries", "seconds"),
        )
        if export_rows:
            print_table(
                "Partner payments export, one row per device worked on (N rows); "
                "peak memory under tracemalloc, seconds without it",
                export_rows,
                ("rows", "queries", "seconds", "ms/row", "peak MiB", "file MiB"),
            )


if __name__ == "__main__":
    main()
