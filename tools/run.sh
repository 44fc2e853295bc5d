#!/usr/bin/env bash
# `make run`: Odoo on http://localhost:8069 with the database parcours_demo, created
# on first start with the addons and their demo data: the Département de la Drôme,
# in French and in euros on Odoo's French chart of accounts (l10n_fr_account).
#   DEMO_DB    database name (default parcours_demo)
#   HTTP_PORT  port (default 8069)
# Environment: see tools/odoo-env.sh (PYTHON, ODOO, PG*).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"
ensure_tools run || exit 1

DB="${DEMO_DB:-parcours_demo}"
PORT="${HTTP_PORT:-8069}"
args=(-d "$DB" --db-filter="^${DB}\$" --addons-path="$ODOO_ADDONS_PATH"
    --http-port="$PORT" "${ODOO_DB_ARGS[@]}")

# Install only when the addons are not there yet: a first start, or a first start
# that was interrupted. `-i` on a database where they are installed would reload
# their data for nothing.
state=""
if db_exists "$DB"; then
    state="$(psql -X -d "$DB" -tAc "select state from ir_module_module
        where name = 'parcours_dashboard'" 2>/dev/null || true)"
fi
if [ "$state" != installed ]; then
    echo "run: installing $MODULES with demo data in database $DB (first start: a few minutes)"
    # French loaded first, so that each addon's French terms load as it installs
    # and the demo logins speak French (the users of the Parcours do).
    # l10n_fr_account: Odoo's French chart of accounts, in euros. The demo data
    # moves the main company onto it, as the Département de la Drôme; the addons
    # do not depend on it (a real département installs its localisation itself).
    args+=(-i "l10n_fr_account,$MODULES" --load-language=fr_FR)
fi
echo "run: Odoo on http://localhost:$PORT (database $DB; demo login admin, password admin)"
exec "${ODOO_CMD[@]}" "${args[@]}" "$@"
