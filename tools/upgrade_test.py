#!/usr/bin/env python3
# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The upgrade test of `make test` (tools/test.sh): last release to checkout.

1. extract the addons of the last release named in RELEASES (`git archive`, into a
   temporary directory: the repository is never touched),
2. install them with demo data on a database of their own,
3. add data through the real steps (tools/upgrade_data.py in `odoo shell`),
4. count the rows of every business table, and the filled values of every column,
5. upgrade that database to the checkout (`-u`),
6. compare with a fresh install of the checkout (the database given by --fresh-db):
   rules, access rights, groups, menus, actions, views (arch), settings
   (ir.config_parameter, company fields), sequences, external ids, SQL constraints;
   and the counts of step 4 with the same counts after the upgrade.

Any difference fails the test, except those of ALLOWED below (each says why). A
difference that a release makes on purpose belongs in a migration script
(addons/<addon>/migrations/<version>/), not in ALLOWED.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

REPO = Path(__file__).resolve().parent.parent

# Differences an upgrade may leave, and why: (section, key prefix, which, reason),
# where `which` is "extra" when only the upgraded database may have the key, or
# "any" when the values may differ. Anything else is a failure.
ALLOWED = [
    # Odoo writes these per database: a fresh database differs from any other.
    ("settings", "database.", "any", "per-database identity (uuid, secret, date)"),
    # Odoo names the fields an organisation gets from res.partner (_inherits)
    # after the addon loaded when they appeared: on a new database, parcours_base
    # loads before account or stock and names only the partner's base fields; on
    # an upgrade it loads after all of them and names them all. Same fields.
    (
        "external ids",
        "parcours_base.field_parcours_organisation__",
        "extra",
        "inherited fields named by load order",
    ),
    # parcours_devices 18.0.2.0.0 takes back the home action the demo once gave
    # its officer (tools/upgrade_data.py sets it as on such a database).
    ("data", "res_users.action_id", "any", "demo homes reset by a migration"),
    # parcours_beneficiaries 18.0.2.1.0 (post-return-transfers.py): a device's
    # return to a partner organisation names no beneficiary, on older transfers too
    ("data", "stock_picking.partner_id", "any", "return transfers anonymised"),
    ("data", "stock_move.partner_id", "any", "return transfers anonymised"),
    # parcours_devices 18.0.2.1.0 (pre-weee-category.py): the WEEE category
    # classifies whole appliances, now on the device model, not the channels
    (
        "data",
        "parcours_recycling_channel.weee_category",
        "any",
        "dropped by a migration",
    ),
    # The demo story of parcours_devices 18.0.2.0.0 makes the main company the
    # Département de la Drôme on Odoo's French chart, in euros, at install. Demo
    # data is never loaded again on an upgrade, and a real database has its own
    # company: its identity, chart and accounting settings are not the addons'.
    # The Parcours' own settings of the company (parcours_*) are still compared,
    # but for the contribution's income account, which the French chart's loading
    # sets (an existing database keeps the product's account until it is set).
    ("companies", "base.main_company.", "demo-company", "demo company's identity"),
    (
        "companies",
        "*.parcours_contribution_account_id",
        "any",
        "set when the French chart is loaded, not by an upgrade",
    ),
    # one company in euros beside the others in dollars: Odoo enables multi-currency
    ("groups", "base.group_user", "any", "multi-currency, from the demo's euros"),
    # a third place's receipt book is made with its first contribution: the demo's
    # places collected theirs before the upgrade, with no book (no receipt number)
    ("sequences", "parcours.receipt.place.", "any", "receipt books made on use"),
    # l10n_fr numbers the closings of a company once it is French (the demo's)
    ("sequences", "FRSECURE", "any", "French closings of the demo company"),
]

# Tables whose row counts an upgrade changes by design: Odoo's own bookkeeping of
# modules, models, fields, views, translations, assets and sessions.
TECHNICAL_TABLE_PREFIXES = ("ir_", "base_", "bus_", "res_groups", "res_users_log")
TECHNICAL_TABLES = {
    # the web client's assets are regenerated on upgrade
    "ir_attachment",
    # groups implied by the new addon's (parcours_base) reach users on install
    "res_groups_users_rel",
    # the groups of record rules, which are Odoo's bookkeeping as ir_rule is
    "rule_group_rel",
}


def log(message):
    print(f"upgrade: {message}", flush=True)


def last_release():
    lines = [
        line.split()
        for line in (REPO / "RELEASES").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    commit, version = lines[-1][:2]
    return commit, version


def run_odoo(odoo_cmd, args, logfile):
    """Run Odoo; fail on a non-zero exit or an ERROR/CRITICAL line in its log."""
    started = time.time()
    cmd = odoo_cmd + args + ["--log-level=warn", f"--logfile={logfile}"]
    rc = subprocess.call(cmd)
    errors = [
        line
        for line in Path(logfile).read_text(errors="replace").splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
    if rc or errors:
        print(Path(logfile).read_text(errors="replace")[-6000:])
        raise SystemExit(f"upgrade: odoo failed (exit code {rc}): {' '.join(args)}")
    return time.time() - started


# ---------------------------------------------------------------------- snapshots
XIDS = """
    CREATE TEMP TABLE xid AS
    SELECT model, res_id,
           string_agg(module || '.' || name, ',' ORDER BY module, name) AS xid
      FROM ir_model_data WHERE res_id IS NOT NULL GROUP BY model, res_id;
    CREATE INDEX ON xid (model, res_id);
"""


def rows(cr, query):
    cr.execute(query)
    return cr.fetchall()


def keyed(items):
    """{key: value} from (key, value...) rows; a repeated key keeps every value."""
    result = {}
    for key, *value in items:
        key = key or "<no external id>"
        result.setdefault(key, []).append(value)
    return {key: sorted(values, key=repr) for key, values in result.items()}


def group_xids(rel, column, own):
    return f"""(SELECT string_agg(coalesce(gx.xid, '?'), ',' ORDER BY gx.xid)
                  FROM {rel} rel LEFT JOIN xid gx ON gx.model = 'res.groups'
                   AND gx.res_id = rel.gid
                 WHERE rel.{column} = {own})"""


def snapshot(dbname):
    """What a fresh install and an upgrade must agree on, keyed by external id."""
    conn = psycopg2.connect(dbname=dbname)
    cr = conn.cursor()
    cr.execute(XIDS)
    # the groups of each record, as external ids
    groups_0 = group_xids(
        "(SELECT rule_group_id, group_id AS gid FROM rule_group_rel)",
        "rule_group_id",
        "r.id",
    )
    groups_1 = group_xids(
        "(SELECT gid AS own, hid AS gid FROM res_groups_implied_rel)", "own", "g.id"
    )
    groups_2 = group_xids(
        "(SELECT menu_id, gid FROM ir_ui_menu_group_rel)", "menu_id", "u.id"
    )
    groups_3 = group_xids(
        "(SELECT act_id, gid FROM ir_act_window_group_rel)", "act_id", "w.id"
    )
    groups_4 = group_xids(
        "(SELECT view_id, group_id AS gid FROM ir_ui_view_group_rel)", "view_id", "v.id"
    )
    snap = {}
    snap["rules"] = keyed(
        rows(
            cr,
            f"""SELECT x.xid, m.model, r.name, r.domain_force, r.active, r.perm_read,
                   r.perm_write, r.perm_create, r.perm_unlink,
                   {groups_0}
              FROM ir_rule r JOIN ir_model m ON m.id = r.model_id
              LEFT JOIN xid x ON x.model = 'ir.rule' AND x.res_id = r.id""",
        )
    )
    snap["access"] = keyed(
        rows(
            cr,
            """SELECT x.xid, m.model, g.xid, a.active, a.perm_read, a.perm_write,
                   a.perm_create, a.perm_unlink
              FROM ir_model_access a JOIN ir_model m ON m.id = a.model_id
              LEFT JOIN xid g ON g.model = 'res.groups' AND g.res_id = a.group_id
              LEFT JOIN xid x ON x.model = 'ir.model.access' AND x.res_id = a.id""",
        )
    )
    snap["groups"] = keyed(
        rows(
            cr,
            f"""SELECT x.xid, g.name::text, c.xid,
                   {groups_1}
              FROM res_groups g
              LEFT JOIN xid c ON c.model = 'ir.module.category'
                   AND c.res_id = g.category_id
              LEFT JOIN xid x ON x.model = 'res.groups' AND x.res_id = g.id""",
        )
    )
    snap["menus"] = keyed(
        rows(
            cr,
            f"""SELECT x.xid, u.name::text, p.xid, u.sequence, u.active, u.web_icon,
                   split_part(u.action, ',', 1) || ',' || coalesce(a.xid, '?'),
                   {groups_2}
              FROM ir_ui_menu u
              LEFT JOIN xid p ON p.model = 'ir.ui.menu' AND p.res_id = u.parent_id
              LEFT JOIN xid a ON a.model = split_part(u.action, ',', 1)
                   AND a.res_id::text = split_part(u.action, ',', 2)
              LEFT JOIN xid x ON x.model = 'ir.ui.menu' AND x.res_id = u.id""",
        )
    )
    snap["actions"] = keyed(
        rows(
            cr,
            f"""SELECT x.xid, w.name::text, w.res_model, w.domain, w.context,
                   w.view_mode, w.target, w.limit, v.xid, s.xid,
                   {groups_3}
              FROM ir_act_window w
              LEFT JOIN xid v ON v.model = 'ir.ui.view' AND v.res_id = w.view_id
              LEFT JOIN xid s ON s.model = 'ir.ui.view' AND s.res_id = w.search_view_id
              LEFT JOIN xid x ON x.model = 'ir.actions.act_window'
                   AND x.res_id = w.id""",
        )
    )
    # A button of type action names its action by id, which differs between
    # databases: compare the action's external id instead.
    cr.execute("SELECT res_id, xid FROM xid WHERE model LIKE 'ir.actions.%'")
    action_xids = {str(res_id): xid for res_id, xid in cr.fetchall()}

    def action_names(arch):
        return ACTION_BUTTON.sub(
            lambda m: m.group(1) + action_xids.get(m.group(2), "?") + m.group(3),
            arch or "",
        )

    snap["views"] = keyed(
        (key, *values[:-1], action_names(values[-1]))
        for key, *values in rows(
            cr,
            f"""SELECT x.xid, v.name, v.model, v.type, v.mode, v.priority, v.active,
                   i.xid, {groups_4}, v.arch_db::text
              FROM ir_ui_view v
              LEFT JOIN xid i ON i.model = 'ir.ui.view' AND i.res_id = v.inherit_id
              LEFT JOIN xid x ON x.model = 'ir.ui.view' AND x.res_id = v.id
             WHERE x.xid IS NOT NULL OR v.key IS NULL""",
        )
    )
    # each user's own home action (the demo users': a migration resets them)
    snap["homes"] = keyed(
        rows(
            cr,
            """SELECT u.login, a.xid FROM res_users u
                 LEFT JOIN xid a ON a.res_id = u.action_id
                  AND a.model LIKE 'ir.actions.%'""",
        )
    )
    snap["settings"] = keyed(rows(cr, "SELECT key, value FROM ir_config_parameter"))
    snap["companies"] = company_fields(cr)
    snap["sequences"] = keyed(
        rows(
            cr,
            f"""SELECT coalesce(x.xid, s.code || '@' || coalesce({COMPANY_KEY}, '-')),
                   s.name, s.code, s.implementation, s.prefix, s.suffix, s.padding,
                   s.number_increment, s.use_date_range, s.active, {COMPANY_KEY}
              FROM ir_sequence s LEFT JOIN res_company c ON c.id = s.company_id
              LEFT JOIN xid x ON x.model = 'ir.sequence' AND x.res_id = s.id""",
        )
    )
    # Which addon owns what: a record that moved addon without its external id
    # would be deleted with the old addon, or deleted and recreated on upgrade.
    snap["external ids"] = keyed(
        rows(
            cr,
            """SELECT module || '.' || name, model, noupdate FROM ir_model_data
                WHERE module LIKE 'parcours%'""",
        )
    )
    snap["sql constraints"] = keyed(
        rows(
            cr,
            """SELECT c.name || '@' || mo.name, m.model, c.type, c.definition
                 FROM ir_model_constraint c JOIN ir_module_module mo ON mo.id = c.module
                 JOIN ir_model m ON m.id = c.model WHERE mo.name LIKE 'parcours%'""",
        )
    )
    snap["modules"] = keyed(
        rows(
            cr,
            """SELECT name, state, latest_version FROM ir_module_module
                WHERE state != 'uninstalled'""",
        )
    )
    conn.close()
    return snap


# name="<id>" of a button of type action, in a view's arch (JSON-escaped quotes)
ACTION_BUTTON = re.compile(
    r'(<button name=\\"|<button name=")(\d+)(\\?")(?=[^>]*type=\\?"action)'
)

# A company (alias c) named by its external id where it has one: the demo story
# renames the main company (the Département de la Drôme).
COMPANY_KEY = """coalesce((SELECT x.xid FROM xid x WHERE x.model = 'res.company'
                              AND x.res_id = c.id LIMIT 1), c.name)"""


def company_fields(cr):
    """Every stored field of every company; links shown as external ids or names."""
    columns = rows(
        cr,
        """SELECT f.name, f.ttype, f.relation FROM ir_model_fields f
            WHERE f.model = 'res.company' AND f.store AND f.ttype NOT IN
                  ('one2many', 'many2many', 'binary')
              AND f.name NOT IN ('id', 'create_date', 'write_date', 'create_uid',
                                 'write_uid')""",
    )
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_company'"""
    )
    existing = {name for (name,) in cr.fetchall()}
    select = []
    for name, ttype, relation in columns:
        if name not in existing:
            continue
        if ttype == "many2one":
            # ids differ between databases: compare what they point to
            select.append(
                f"""(SELECT coalesce(x.xid, CASE WHEN c.{name} IS NULL THEN NULL
                       ELSE '<record without external id>' END)
                      FROM (SELECT 1) one LEFT JOIN xid x ON x.model = '{relation}'
                       AND x.res_id = c.{name})"""
            )
        else:
            select.append(f"c.{name}::text")
    names = [name for name, *__ in columns if name in existing]
    result = {}
    cr.execute(f"SELECT {COMPANY_KEY}, {', '.join(select)} FROM res_company c")
    for company, *values in cr.fetchall():
        for name, value in zip(names, values, strict=True):
            result[f"{company}.{name}"] = [[value]]
    return result


def counts(dbname):
    """Rows of every table, and filled values of every column of business tables."""
    conn = psycopg2.connect(dbname=dbname)
    cr = conn.cursor()
    cr.execute(
        """SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.column_name)
             FROM information_schema.columns c JOIN information_schema.tables t
               ON t.table_name = c.table_name AND t.table_schema = c.table_schema
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            GROUP BY c.table_name"""
    )
    result = {}
    for table, columns in cr.fetchall():
        technical = table.startswith(TECHNICAL_TABLE_PREFIXES) or table in (
            TECHNICAL_TABLES
        )
        if technical:
            continue
        business = table.startswith(("parcours_", "res_partner", "res_users")) or (
            table
            in (
                "stock_lot",
                "stock_quant",
                "stock_move",
                "stock_move_line",
                "stock_picking",
                "account_move",
                "account_move_line",
                "account_payment",
                "event_event",
                "event_registration",
                "hr_employee",
                "mail_activity",
            )
        )
        if business:
            parts = ["count(*)"] + [f'count("{column}")' for column in columns]
            cr.execute(f'SELECT {", ".join(parts)} FROM "{table}"')
            values = cr.fetchone()
            result[table] = values[0]
            for column, value in zip(columns, values[1:], strict=True):
                result[f"{table}.{column}"] = value
        else:
            cr.execute(f'SELECT count(*) FROM "{table}"')
            result[table] = cr.fetchone()[0]
    conn.close()
    return result


# ---------------------------------------------------------------------- compare
def allowed(section, key, fresh=None):
    for where, start, which, reason in ALLOWED:
        if where == section and (
            key.endswith(start[1:]) if start.startswith("*") else key.startswith(start)
        ):
            if which == "any" or fresh is None:
                return reason
            own = key[len(start) :].startswith("parcours_")
            if which == "demo-company" and not own:
                return reason
    return None


def compare(fresh, upgraded):
    problems = []
    for section in fresh:
        left, right = fresh[section], upgraded.get(section, {})
        for key in sorted(set(left) | set(right)):
            if left.get(key) == right.get(key) or allowed(section, key, left.get(key)):
                continue
            problems.append(
                f"{section}: {key}\n    fresh:    {short(left.get(key))}"
                f"\n    upgraded: {short(right.get(key))}"
            )
    return problems


def compare_counts(before, after):
    problems = []
    for key in sorted(before):
        if key not in after:
            # a column or table gone: only a migration may drop data, and says
            # so in ALLOWED
            if not allowed("data", key):
                problems.append(f"data: {key} gone (had {before[key]})")
        elif before[key] != after[key] and not allowed("data", key):
            problems.append(f"data: {key}: {before[key]} before, {after[key]} after")
    return problems


def short(value, width=400):
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= width else text[:width] + "..."


# ---------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fresh-db", required=True, help="fresh install of the checkout"
    )
    parser.add_argument("--modules", required=True, help="addons, comma-separated")
    parser.add_argument(
        "--extra-modules",
        default="",
        help="core modules installed beside the addons on the fresh database "
        "(l10n_fr_account), installed with the release too",
    )
    parser.add_argument("--core-addons-path", required=True)
    parser.add_argument("--odoo", default=f"{sys.executable} -m odoo")
    parser.add_argument("--workdir", default=None)
    parser.add_argument(
        "--keep", action="store_true", help="keep the upgraded database"
    )
    parser.add_argument(
        "odoo_args", nargs="*", help="more odoo arguments (--db_host...)"
    )
    args = parser.parse_args()
    odoo_cmd = shlex.split(args.odoo)
    commit, version = last_release()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="parcours-upgrade."))
    release = workdir / "release"
    release.mkdir(parents=True, exist_ok=True)
    # the release's addons, outside the repository
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "addons"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(release)], input=archive, check=True)
    old_modules = [
        name
        for name in args.modules.split(",")
        if (release / "addons" / name / "__manifest__.py").exists()
    ]
    dbname = f"{args.fresh_db}_upgrade"
    common = [
        "-d",
        dbname,
        f"--db-filter=^{dbname}$",
        f"--data-dir={workdir / 'data'}",
        "--max-cron-threads=0",
        *args.odoo_args,
    ]
    release_path = f"{args.core_addons_path},{release / 'addons'}"
    checkout_path = f"{args.core_addons_path},{REPO / 'addons'}"
    subprocess.run(["dropdb", "--if-exists", "--force", dbname], check=True)
    try:
        log(
            f"install release {version} ({commit}): {','.join(old_modules)} on {dbname}"
        )
        took = run_odoo(
            odoo_cmd,
            [
                *common,
                f"--addons-path={release_path}",
                "-i",
                ",".join(filter(None, [args.extra_modules, *old_modules])),
                "--stop-after-init",
            ],
            workdir / "install-release.log",
        )
        log(f"installed in {took:.0f} s; adding data through the real steps")
        shell = subprocess.run(
            [
                *odoo_cmd,
                "shell",
                *common,
                f"--addons-path={release_path}",
                "--log-level=warn",
                "--no-http",
            ],
            input=(REPO / "tools" / "upgrade_data.py").read_text(),
            text=True,
            capture_output=True,
        )
        print(shell.stdout[-3000:])
        if shell.returncode or "UPGRADE DATA OK" not in shell.stdout:
            print(shell.stderr[-6000:])
            raise SystemExit("upgrade: adding data on the release failed")
        before = counts(dbname)
        took = run_odoo(
            odoo_cmd,
            [
                *common,
                f"--addons-path={checkout_path}",
                "-u",
                args.modules,
                "--stop-after-init",
            ],
            workdir / "upgrade.log",
        )
        log(f"upgraded to the checkout in {took:.0f} s; comparing with {args.fresh_db}")
        after = counts(dbname)
        problems = compare(snapshot(args.fresh_db), snapshot(dbname))
        problems += compare_counts(before, after)
    finally:
        if not args.keep:
            subprocess.run(["dropdb", "--if-exists", "--force", dbname], check=False)
        else:
            log(f"kept database {dbname}")
    if problems:
        print("\n".join(problems))
        log(f"FAILED: {len(problems)} difference(s) not made by a migration")
        return 1
    log(f"OK: release {version} ({commit}) upgraded like a fresh install, no row lost")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PGAPPNAME", "parcours-upgrade-test")
    sys.exit(main())
