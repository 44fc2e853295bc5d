#!/usr/bin/env bash
# The project's one test command (`make test`):
#   1. install the three addons with demo data on a throwaway database,
#   2. upgrade the last release (RELEASES) to the checkout and compare it with step 1's
#      database (tools/upgrade_test.py),
#   3. run the Python tests with pytest-odoo on it (addons/*/tests, tests/, client/tests),
#   4. install parcours_devices alone, without and with demo data, and run its tests
#      there (the device chain must not need the addons above it),
#   5. run Odoo's own tests of the modules the addons extend (event, stock's lot and
#      picking tests) with the full registry loaded (tools/core_tests.py); a test
#      that does not pass is run again on a database without our addons, where it
#      must not pass either,
#   6. run the race tests (tag `parcours_race`) with Odoo's own runner too,
#   7. run the browser tours (tests tagged `parcours_tour`) with Odoo's own runner,
#   8. run the linters (pre-commit, local hooks),
#   9. drop the databases, whatever happened.
# Ends with one line `parcours: N passed, N failed, N skipped`; exits 1 on any failure.
#
# Environment: see tools/odoo-env.sh (PYTHON, ODOO, PG*). Also:
#   KEEP_DB=1        keep the database and data dir (their names are printed)
#   SKIP_LINT=1      skip step 8 (`make lint` runs it alone)
#   PYTEST_ARGS      extra pytest arguments, e.g. "-k erasure -x"
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
cd "$REPO_ROOT"
ensure_tools test || exit 1

DB="parcours_test_$$_${RANDOM}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/parcours-test.XXXXXX")"
DATA_DIR="$WORK/data"
START=$SECONDS

cleanup() {
    if [ "${KEEP_DB:-0}" = 1 ]; then
        echo "test: kept database $DB and data dir $DATA_DIR"
        return
    fi
    for db in "$DB" "${DB}_devices" "${DB}_devices_demo" "${DB}_core" "${DB}_upgrade"; do
        dropdb --if-exists --force "$db" >/dev/null 2>&1 \
            || echo "test: could not drop database $db: drop it by hand" >&2
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "test: interrupted" >&2; exit 130' INT TERM

PASSED=0 FAILED=0 SKIPPED=0
FAILED_STEPS=()
step() { echo; echo "=== test: $* ($((SECONDS - START)) s) ==="; }
fail_step() { FAILED_STEPS+=("$1"); FAILED=$((FAILED + 1)); }

summary() {
    echo
    if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
        echo "test: FAILED: ${FAILED_STEPS[*]} (database $DB, $((SECONDS - START)) s)"
    else
        echo "test: all steps passed ($((SECONDS - START)) s)"
    fi
    echo "parcours: $PASSED passed, $FAILED failed, $SKIPPED skipped"
    [ ${#FAILED_STEPS[@]} -eq 0 ]
}

# Lines of an Odoo log that must fail the run.
odoo_errors() { grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1"; }
# The log records of the given levels, with their tracebacks.
odoo_log_blocks() { # LEVELS_REGEX FILE
    awk -v levels="$1" '/^[0-9]{4}-[0-9]{2}-[0-9]{2} / { show = ($4 ~ "^(" levels ")$") } show' \
        "$2" | head -n 300
}

odoo_common=(-d "$DB" --db-filter="^${DB}\$" --addons-path="$ODOO_ADDONS_PATH"
    --data-dir="$DATA_DIR" --max-cron-threads=0 "${ODOO_DB_ARGS[@]}")

# --- 1. install --------------------------------------------------------------------
step "1/8 install $MODULES with demo data on $DB"
install_log="$WORK/install.log"
# As `make run`: Odoo's French chart (l10n_fr_account), which the demo data puts the
# Département de la Drôme on, in euros; the PDF tests read the euros back.
DEMO_CHART=l10n_fr_account
"${ODOO_CMD[@]}" "${odoo_common[@]}" -i "$DEMO_CHART,$MODULES" --stop-after-init \
    --log-level=warn --logfile="$install_log"
rc=$?
not_installed="$(psql -X -d "$DB" -tAc "select string_agg(name, ', ') from ir_module_module
    where name = any(string_to_array('$MODULES', ',')) and state != 'installed'" 2>&1)"
if [ $rc -ne 0 ] || odoo_errors "$install_log" >/dev/null || [ -n "$not_installed" ]; then
    echo "test: install failed (odoo exit code $rc${not_installed:+; not installed: $not_installed})"
    echo "--- errors and warnings of the install log ---"
    odoo_log_blocks 'WARNING|ERROR|CRITICAL' "$install_log"
    fail_step install
    summary
    exit 1
fi
grep -E ' WARNING ' "$install_log" | head -n 20
echo "test: install OK"

# --- 2. upgrade from the last release ---------------------------------------------
# Install the release named last in RELEASES with demo data, add data through the
# real steps, upgrade it to the checkout, and compare it with the fresh install of
# step 1 (before the tests touch it) and with its own row counts before the upgrade.
step "2/8 upgrade from the last release (RELEASES), compared with $DB"
upgrade_args=(--fresh-db "$DB" --modules "$MODULES" --extra-modules "$DEMO_CHART"
    --odoo "${ODOO_CMD[*]}"
    --core-addons-path "$(odoo_core_addons_path)${EXTRA_ADDONS_PATH:+,$EXTRA_ADDONS_PATH}"
    --workdir "$WORK/upgrade")
[ "${KEEP_DB:-0}" = 1 ] && upgrade_args+=(--keep)
if "$PYTHON" tools/upgrade_test.py "${upgrade_args[@]}" -- "${ODOO_DB_ARGS[@]}"; then
    PASSED=$((PASSED + 1))
else
    fail_step upgrade
fi

# --- 3. pytest ---------------------------------------------------------------------
# run_pytest NAME DB PATH... : pytest-odoo on DB, results added to the counts.
pytest_db_args=()
for arg in "${ODOO_DB_ARGS[@]}"; do pytest_db_args+=("--odoo-extra=${arg#--}"); done
run_pytest() {
    local name="$1" db="$2" rc p f e s
    shift 2
    local out="$WORK/pytest-$name.out" color=""
    [ -t 1 ] && color="--color=yes"  # tee below hides the terminal from pytest
    # shellcheck disable=SC2086
    "$PYTHON" -m pytest \
        --odoo-database="$db" --odoo-addons-path="$ODOO_ADDONS_PATH" \
        --odoo-extra="data-dir=$DATA_DIR" --odoo-extra="max-cron-threads=0" \
        --odoo-log-level=warn --odoo-http "${pytest_db_args[@]}" \
        "$@" --ignore-glob='*test_tour*' -p no:cacheprovider -ra $color \
        ${PYTEST_ARGS:-} 2>&1 | tee "$out"
    rc=${PIPESTATUS[0]}
    # pytest's closing line, e.g. "=== 2 failed, 90 passed, 1 skipped, 1 error in 61.2s ==="
    # (subtests, counted apart as "N subtests passed", are not tests of their own)
    count() {
        tail -n 5 "$out" | grep -E '^=+ .* in [0-9.]+s' | tail -n 1 \
            | grep -oE "(^|[ ,=])[0-9]+ $1\b" | grep -oE '[0-9]+' | head -n 1
    }
    p=$(count passed) f=$(count failed) e=$(count 'errors?') s=$(count skipped)
    f=$(( ${f:-0} + ${e:-0} ))
    PASSED=$((PASSED + ${p:-0})) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + ${s:-0}))
    case $rc in
        0) ;;
        5) echo "test: pytest collected no test"; fail_step "$name (no test)" ;;
        1) FAILED_STEPS+=("$name")  # the failing tests are counted above
           [ "$f" -gt 0 ] || FAILED=$((FAILED + 1)) ;;
        *) echo "test: pytest stopped with exit code $rc"; fail_step "$name" ;;
    esac
}
step "3/8 pytest (addons/*/tests, tests/, client/tests)"
run_pytest pytest "$DB" addons tests client/tests

# --- 4. parcours_devices alone -------------------------------------------------------
# The device chain must stand without the loans above it: installed alone, without
# demo data (its tests), and with its own demo story.
ALONE_DB="${DB}_devices"
ALONE_DEMO_DB="${DB}_devices_demo"
step "4/8 parcours_devices alone: install without demo on $ALONE_DB, its tests; with demo on $ALONE_DEMO_DB"
alone_ok=1
for alone in "$ALONE_DB:--without-demo=all" "$ALONE_DEMO_DB:"; do
    alone_db="${alone%%:*}" alone_opt="${alone#*:}"
    alone_log="$WORK/install-$alone_db.log"
    # shellcheck disable=SC2086
    "${ODOO_CMD[@]}" -d "$alone_db" --db-filter="^${alone_db}\$" \
        --addons-path="$ODOO_ADDONS_PATH" --data-dir="$DATA_DIR" --max-cron-threads=0 \
        "${ODOO_DB_ARGS[@]}" -i parcours_devices $alone_opt --stop-after-init \
        --log-level=warn --logfile="$alone_log"
    rc=$?
    others="$(psql -X -d "$alone_db" -tAc "select string_agg(name, ', ') from ir_module_module
        where name like 'parcours_%' and name not in ('parcours_devices', 'parcours_base') and state = 'installed'")"
    if [ $rc -ne 0 ] || odoo_errors "$alone_log" >/dev/null || [ -n "$others" ]; then
        echo "test: parcours_devices alone failed to install on $alone_db (exit code $rc${others:+; also installed: $others})"
        odoo_log_blocks 'WARNING|ERROR|CRITICAL' "$alone_log"
        alone_ok=0
    fi
done
if [ $alone_ok = 1 ]; then
    run_pytest "devices-alone" "$ALONE_DB" addons/parcours_devices/tests
else
    fail_step "devices-alone install"
fi

# --- 5. Odoo's own tests with the full registry ----------------------------------------
# Odoo runs a module's at_install tests before the modules above it are loaded, so
# event's and stock's tests never meet our overrides. tools/core_tests.py loads the
# whole registry, then runs them: event's tests and stock's lot and picking tests
# (about two minutes; the list and why is CORE_TEST_MODULES there). A test that does
# not pass is run again on a database with only our addons' core dependencies: it
# must end the same there (a missing optional library fails both), else it is ours.
CORE_DB="${DB}_core"
step "5/8 Odoo's event and stock tests with the full registry (tools/core_tests.py)"
core_json="$WORK/core-tests.json"
core_args=(--addons-path="$ODOO_ADDONS_PATH" --data-dir="$DATA_DIR" --log-level=warn
    "${ODOO_DB_ARGS[@]}")
"$PYTHON" tools/core_tests.py -d "$DB" "${core_args[@]}" --json "$core_json" \
    >"$WORK/core-tests.log" 2>&1
rc=$?
grep -E '^core_tests: ' "$WORK/core-tests.log"
# core_count OUTCOME...: how many tests of $core_json ended so
core_count() {
    "$PYTHON" -c 'import json, sys
print(sum(o in sys.argv[2:] for o in json.load(open(sys.argv[1])).values()))' \
        "$core_json" "$@"
}
if [ ! -s "$core_json" ]; then
    echo "test: core tests did not run (exit code $rc)"
    odoo_log_blocks 'ERROR|CRITICAL' "$WORK/core-tests.log"
    tail -n 20 "$WORK/core-tests.log"
    fail_step core-tests
else
    PASSED=$((PASSED + $(core_count passed)))
    SKIPPED=$((SKIPPED + $(core_count skipped)))
    if [ $rc -ne 0 ]; then
        core_deps="$("$PYTHON" tools/core_tests.py --print-dependencies addons)"
        echo "test: installing $core_deps with demo data on $CORE_DB, to run them without our addons"
        core_install_log="$WORK/install-$CORE_DB.log"
        "${ODOO_CMD[@]}" -d "$CORE_DB" --db-filter="^${CORE_DB}\$" \
            --addons-path="$ODOO_ADDONS_PATH" --data-dir="$DATA_DIR" --max-cron-threads=0 \
            "${ODOO_DB_ARGS[@]}" -i "$core_deps" --stop-after-init --log-level=warn \
            --logfile="$core_install_log"
        "$PYTHON" tools/core_tests.py -d "$CORE_DB" "${core_args[@]}" \
            --baseline-of "$core_json" >"$WORK/core-tests-baseline.log" 2>&1
        rc=$?
        grep -E '^core_tests: ' "$WORK/core-tests-baseline.log"
        not_passed=$(core_count failed error)
        if [ $rc -eq 0 ]; then
            # they fail on plain Odoo here too: this machine's, counted as skipped
            echo "test: the $not_passed core tests that did not pass fail without our addons too"
            SKIPPED=$((SKIPPED + not_passed))
        else
            FAILED=$((FAILED + not_passed))
            FAILED_STEPS+=(core-tests)
            odoo_log_blocks 'ERROR|CRITICAL' "$WORK/core-tests.log"
            echo "test: logs: $WORK/core-tests.log, $WORK/core-tests-baseline.log (KEEP_DB=1 keeps them)"
        fi
    fi
fi

# --- 6. races under Odoo's runner ------------------------------------------------------
# The race tests commit two real transactions; OCA's CI runs tests with Odoo's runner,
# which holds the registry lock while they run: they must pass there as under pytest.
step "6/8 race tests (tag parcours_race) with Odoo's test runner"
races_log="$WORK/races.log"
timeout --signal=INT 900 "${ODOO_CMD[@]}" "${odoo_common[@]}" --test-enable \
    --test-tags=parcours_race --stop-after-init --http-interface=127.0.0.1 \
    --http-port="$(free_port)" --gevent-port="$(free_port)" --log-level=info \
    --logfile="$races_log"
rc=$?
stats="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$races_log" | tail -n 1)"
read -r r_failed r_errors r_total < <(echo "$stats" |
    sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests/\1 \2 \3/')
r_failed=${r_failed:-0} r_errors=${r_errors:-0} r_total=${r_total:-0}
grep -E ' odoo\.addons\.[a-z0-9_]+\.tests\.[a-z0-9_.]+: (Starting|FAIL|ERROR|skipped)' \
    "$races_log" | head -n 50
FAILED=$((FAILED + r_failed + r_errors))
PASSED=$((PASSED + r_total - r_failed - r_errors))
if [ $rc -ne 0 ] || [ "$r_total" -eq 0 ] || [ $((r_failed + r_errors)) -gt 0 ] \
    || odoo_errors "$races_log" >/dev/null; then
    [ $rc -ne 124 ] || echo "test: the races did not end within 15 minutes: one hangs"
    echo "test: races failed under Odoo's runner (exit code $rc, ${stats:-no test report})"
    odoo_log_blocks 'ERROR|CRITICAL' "$races_log"
    FAILED_STEPS+=(races)
    [ $((r_failed + r_errors)) -gt 0 ] || FAILED=$((FAILED + 1))
else
    echo "test: races: $stats"
fi

# --- 7. tours ----------------------------------------------------------------------
step "7/8 browser tours (tag parcours_tour) with Odoo's test runner"
tours_log="$WORK/tours.log"
port="$(free_port)"
"${ODOO_CMD[@]}" "${odoo_common[@]}" --test-enable --test-tags=parcours_tour \
    --stop-after-init --http-interface=127.0.0.1 --http-port="$port" \
    --gevent-port="$(free_port)" --log-level=info --logfile="$tours_log"
rc=$?
# Odoo logs e.g. "0 failed, 0 error(s) of 3 tests when loading database 'x'", and
# "skipped <test> : <reason>" for a skipped test (no browser found, for instance).
stats="$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$tours_log" | tail -n 1)"
read -r t_failed t_errors t_total < <(echo "$stats" |
    sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests/\1 \2 \3/')
t_failed=${t_failed:-0} t_errors=${t_errors:-0} t_total=${t_total:-0}
t_skipped="$(grep -cE ' INFO [^ ]+ odoo\.addons\.[^ ]+: skipped ' "$tours_log")"
grep -E ' odoo\.addons\.[a-z0-9_]+\.tests\.[a-z0-9_.]+: (Starting|FAIL|ERROR|skipped)' \
    "$tours_log" | head -n 50
FAILED=$((FAILED + t_failed + t_errors))
SKIPPED=$((SKIPPED + t_skipped))
PASSED=$((PASSED + t_total - t_failed - t_errors - t_skipped))
if [ $rc -ne 0 ] || [ -z "$stats" ] || [ $((t_failed + t_errors + t_skipped)) -gt 0 ] \
    || odoo_errors "$tours_log" >/dev/null; then
    echo "test: tours failed (odoo exit code $rc, ${stats:-no test report})"
    [ "$t_skipped" -eq 0 ] || echo "test: $t_skipped tour(s) skipped, which fails" \
        "the run: is Chromium (or Google Chrome) on the PATH?"
    odoo_log_blocks 'ERROR|CRITICAL' "$tours_log"
    grep -oE 'Screenshot in: .*' "$tours_log" | sort -u
    FAILED_STEPS+=(tours)
    [ $((t_failed + t_errors)) -gt 0 ] || FAILED=$((FAILED + 1))
    echo "test: full log of the tours: $tours_log (KEEP_DB=1 keeps it)"
elif [ "$t_total" -eq 0 ]; then
    echo "test: no tour yet (no test tagged parcours_tour)"
else
    echo "test: tours: $stats"
fi

# --- 8. lint -----------------------------------------------------------------------
if [ "${SKIP_LINT:-0}" = 1 ]; then
    step "8/8 lint skipped (SKIP_LINT=1)"
else
    step "8/8 lint (pre-commit run --all-files)"
    if ! pre-commit run --all-files --show-diff-on-failure; then
        fail_step lint
    fi
fi

summary
