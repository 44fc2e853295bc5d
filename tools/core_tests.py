#!/usr/bin/env python3
# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run Odoo's own tests of the modules our addons extend, with the full registry.

Odoo runs a module's ``at_install`` tests right after installing that module,
before the modules that depend on it are loaded: ``event``'s tests never meet
the Parcours overrides of ``event.event`` and ``event.registration``. This
tool loads the registry of a database completely, then collects the test
cases of the chosen core test modules (``at_install`` and ``post_install``
alike, tagged ``standard``) and runs them with Odoo's own suite and result
classes.

Run on a database where our addons are installed, every test must pass. When
some do not, run it again with ``--baseline-of`` on a database where only the
addons' core dependencies are installed (``--print-dependencies`` names them):
it runs there the tests that did not pass, which must not pass there either.
A test that fails in both is this machine's (a missing optional library, such
as ``phonenumbers`` for event's phone tests), not the addons'.

    core_tests.py -d DB --addons-path=PATH [--data-dir=DIR] [--json OUT]
                  [--only event,stock]
    core_tests.py -d PLAIN_DB --addons-path=PATH --baseline-of OUT
    core_tests.py --print-dependencies ADDONS_DIR

Exit code: 0 when every test passed (with ``--baseline-of``: when every test
ended as with the addons), 1 otherwise.
"""

import argparse
import ast
import json
import sys
import time
from pathlib import Path

# The core test modules run, by addon. Chosen for what our addons extend and for
# the run time (two to three minutes for all on two cores):
# - event: all its tests (event.event and event.registration are extended by
#   parcours_training: seats, states, registrations naming a person);
# - stock: the lot and picking tests (stock.lot and stock.picking are extended
#   by parcours_devices): lots and serials, their generation, picking flows,
#   immediate transfers, returns, and the robustness of moves with lots.
#   test_move and test_move2 (225 tests, several minutes) are left out.
CORE_TEST_MODULES = {
    "event": ("test_event_flow", "test_event_internals", "test_event_mail_schedule"),
    "stock": (
        "test_stock_lot",
        "test_generate_serial_numbers",
        "test_stock_flow",
        "test_immediate",
        "test_stock_return_picking",
        "test_robustness",
    ),
}


def core_dependencies(addons_dir):
    """The modules our addons depend on that are not ours, sorted."""
    ours, depends = set(), set()
    for manifest in Path(addons_dir).glob("*/__manifest__.py"):
        ours.add(manifest.parent.name)
        depends.update(ast.literal_eval(manifest.read_text()).get("depends", ()))
    return sorted(depends - ours)


def make_result_class():
    from odoo.tests.result import OdooTestResult  # noqa: PLC0415

    class RecordingResult(OdooTestResult):
        """Odoo's result, which also keeps the outcome of each test."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.outcomes = {}

        @staticmethod
        def _key(test):
            # a subtest counts for its test (its parameters may hold record ids);
            # an error in setUpClass comes on an _ErrorHolder whose id names the class
            return getattr(test, "test_case", test).id()

        def startTest(self, test):
            super().startTest(test)
            self.outcomes[self._key(test)] = "passed"

        def addError(self, test, err):
            super().addError(test, err)
            self.outcomes[self._key(test)] = "error"

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self.outcomes[self._key(test)] = "failed"

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            self.outcomes[self._key(test)] = "skipped"

    return RecordingResult


def collect(selection, only=None):
    """The test cases of the selected core test modules, in Odoo's order.

    ``only``: the ids of the tests to keep (``setUpClass (module.Class)`` keeps
    the whole class).
    """
    from odoo.tests import loader  # noqa: PLC0415
    from odoo.tests.suite import OdooSuite  # noqa: PLC0415
    from odoo.tests.tag_selector import TagsSelector  # noqa: PLC0415

    # both positions: they all run after the whole registry is loaded
    standard = TagsSelector("standard")
    tests = []
    for addon, names in selection.items():
        modules = {
            m.__name__.rsplit(".", 1)[-1]: m for m in loader.get_test_modules(addon)
        }
        missing = set(names) - set(modules)
        if missing:
            raise SystemExit(
                f"core_tests: no test module {', '.join(sorted(missing))} in {addon}"
            )
        for name in names:
            tests.extend(
                t
                for t in loader.get_module_test_cases(modules[name])
                if standard.check(t)
            )
    if only is not None:
        classes = {
            key[len("setUpClass (") : -1]
            for key in only
            if key.startswith("setUpClass (")
        }
        tests = [
            t
            for t in tests
            if t.id() in only
            or f"{type(t).__module__}.{type(t).__qualname__}" in classes
        ]
    return OdooSuite(sorted(tests, key=lambda t: t.test_sequence))


def run(database, odoo_args, selection, only=None):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-d", database, "--max-cron-threads=0", *odoo_args])
    odoo.service.server.load_server_wide_modules()
    # Loaded without --test-enable: with it, loading a registry runs the
    # at_install tests of every installed module.
    registry = Registry.new(database)
    # then the test mode of Odoo's runner, for the tests
    config["test_enable"] = True
    config["test_tags"] = "+standard"
    from odoo.tests import loader  # noqa: PLC0415

    installed = set(registry._init_modules)
    missing = set(selection) - installed
    if missing:
        raise SystemExit(
            f"core_tests: {', '.join(sorted(missing))} not installed on {database}"
        )
    suite = collect(selection, only)
    result = make_result_class()()
    start = time.time()
    # loader.run_suite with our result: the same test mode flags around the run
    from odoo.modules import module  # noqa: PLC0415

    module.current_test = True
    loader.threading.current_thread().testing = True
    try:
        suite(result)
    finally:
        loader.threading.current_thread().testing = False
        module.current_test = False
    return result.outcomes, time.time() - start


def report(outcomes, with_addons=None):
    """Print the outcomes; return whether they are those expected.

    Alone, every test must pass. With ``with_addons``, the outcomes of a run
    with our addons, this run is one without them: every test run here must
    have the same outcome there.
    """
    counts = {}
    for outcome in outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    print("core_tests: " + ", ".join(f"{n} {o}" for o, n in sorted(counts.items())))
    if with_addons is None:
        bad = {t: o for t, o in outcomes.items() if o in ("failed", "error")}
        for test, outcome in sorted(bad.items()):
            print(f"core_tests: {outcome}: {test}")
        return not bad
    differ = {
        test: (with_addons.get(test, "not run"), outcome)
        for test, outcome in outcomes.items()
        if with_addons.get(test) != outcome
    }
    for test, (theirs, ours) in sorted(differ.items()):
        print(f"core_tests: {test}: {theirs} with our addons, {ours} without them")
    if not differ:
        print(
            f"core_tests: the {len(outcomes)} tests that did not pass with our addons "
            "do not pass without them either: same outcomes"
        )
    return not differ


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database")
    parser.add_argument("--json", help="write the outcome of each test there")
    parser.add_argument(
        "--baseline-of",
        metavar="JSON",
        help="on a database without our addons: run the tests that did not pass in "
        "this --json file of a run with them, and fail if one ends otherwise",
    )
    parser.add_argument("--only", help="core addons whose tests run (default: all)")
    parser.add_argument("--print-dependencies", metavar="ADDONS_DIR")
    args, odoo_args = parser.parse_known_args()
    if args.print_dependencies:
        print(",".join(core_dependencies(args.print_dependencies)))
        return 0
    if not args.database:
        parser.error("-d DATABASE is required")
    selection = CORE_TEST_MODULES
    if args.only:
        selection = {a: CORE_TEST_MODULES[a] for a in args.only.split(",")}
    with_addons = only = None
    if args.baseline_of:
        with_addons = json.loads(Path(args.baseline_of).read_text())
        only = {test for test, outcome in with_addons.items() if outcome != "passed"}
    outcomes, seconds = run(args.database, odoo_args, selection, only)
    print(
        f"core_tests: {len(outcomes)} tests of {', '.join(selection)} "
        f"in {seconds:.0f} s on {args.database}"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(outcomes, indent=1, sort_keys=True) + "\n"
        )
    return 0 if report(outcomes, with_addons) else 1


if __name__ == "__main__":
    sys.exit(main())
