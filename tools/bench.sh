#!/usr/bin/env bash
# `make bench`: runs every bench/bench_*.py, each as
#   $PYTHON bench/bench_x.py --database DB --addons-path PATH [--db_host=... ...]
# with PARCOURS_DB_URL=postgresql://... in the environment. Benchmarks print figures
# and ratios; they never assert wall-clock times.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
ensure_tools run || exit 1
cd "$REPO_ROOT"
DB="${1:-parcours_demo}"
export PARCOURS_DB_URL="postgresql://${PGUSER:+$PGUSER${PGPASSWORD:+:$PGPASSWORD}@}${PGHOST:-}${PGPORT:+:$PGPORT}/$DB"

shopt -s nullglob
scripts=(bench/bench_*.py)
if [ ${#scripts[@]} -eq 0 ]; then
    echo "bench: no benchmark yet (bench/bench_*.py)"
    exit 0
fi
status=0
for script in "${scripts[@]}"; do
    echo "=== bench: $script ==="
    "$PYTHON" "$script" --database "$DB" --addons-path "$ODOO_ADDONS_PATH" \
        "${ODOO_DB_ARGS[@]}" || status=1
done
exit $status
