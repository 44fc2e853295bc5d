# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every benchmark shares: an Odoo environment, a meter, a table.

A benchmark works inside one transaction that it rolls back at the end, so the
database it runs on is left as it was. It prints figures and ratios; it never
asserts a time.
"""

import argparse
import contextlib
import time


def parse_args(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database", "-d", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--sizes", default=None, help="comma-separated sizes")
    args, odoo_args = parser.parse_known_args()
    return args, odoo_args


@contextlib.contextmanager
def odoo_env(args, odoo_args):
    """An environment as superuser on ``args.database``, rolled back on exit."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-d", args.database, f"--addons-path={args.addons_path}", "--log-level=warn"]
        + odoo_args
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        try:
            yield env
        finally:
            cr.rollback()


def bench_laptop(env, tag):
    """A laptop model tracked by serial, as the benchmarks receive and lend."""
    return env["product.product"].create(
        {
            "name": f"Bench laptop {tag}",
            "default_code": f"BENCH-{tag}",
            "type": "consu",
            "is_storable": True,
            "tracking": "serial",
            "parcours_device_type": "laptop",
            "weight": 1.5,
        }
    )


def bench_partners(env, tag):
    """A workshop, a donor and a laptop model of the benchmark's own."""
    Organisation = env["parcours.organisation"]
    workshop = Organisation.create(
        {"name": f"Bench workshop {tag}", "role": "workshop"}
    )
    donor = Organisation.create({"name": f"Bench donor {tag}", "role": "donor"})
    return workshop, donor, bench_laptop(env, tag)


def measure(env, function):
    """Run ``function``, flush, and return (queries, seconds)."""
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    function()
    env.flush_all()
    return env.cr.sql_log_count - queries, time.perf_counter() - start


def print_table(title, rows, columns):
    print(title)
    widths = [
        max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(columns)
    ]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))
    print()


COMPARISON_COLUMNS = (
    "N",
    "queries",
    "plain q",
    "q ratio",
    "seconds",
    "plain s",
    "s ratio",
    "q/item",
    "plain q/item",
    "ms/item",
)


def fastest(measures):
    """The quickest of several (queries, seconds) measures of the same work."""
    return min(measures, key=lambda measure: measure[1])


def comparison_row(size, ours, plain):
    """One line of a table comparing (queries, seconds) of ours and plain Odoo."""
    (q_ours, t_ours), (q_plain, t_plain) = ours, plain
    return (
        str(size),
        str(q_ours),
        str(q_plain),
        ratio(q_ours, q_plain),
        f"{t_ours:.2f}",
        f"{t_plain:.2f}",
        ratio(t_ours, t_plain),
        f"{q_ours / size:.1f}",
        f"{q_plain / size:.1f}",
        f"{1000 * t_ours / size:.1f}",
    )


def ratio(ours, plain):
    return f"{ours / plain:.2f}x" if plain else "-"
