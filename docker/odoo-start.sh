#!/bin/bash
# Starts Odoo on the database parcours_demo, creating it on the first start with the
# parcours addons and their demo data. `-i` is added only while the addons are
# not installed (first start, or a first start that was interrupted): on a database
# where they are, it would reload their data at every start.
set -euo pipefail

# the same settings, and defaults, as the image's /entrypoint.sh
: "${HOST:=${PGHOST:=db}}"
: "${PORT:=${PGPORT:=5432}}"
: "${USER:=${PGUSER:=odoo}}"
: "${PASSWORD:=${PGPASSWORD:=odoo}}"
DB="${DEMO_DB:-parcours_demo}"
MODULES="parcours_devices,parcours_beneficiaries,parcours_training,parcours_dashboard"

wait-for-psql.py --db_host="$HOST" --db_port="$PORT" --db_user="$USER" \
    --db_password="$PASSWORD" --timeout=60

state="$(PGPASSWORD="$PASSWORD" psql -h "$HOST" -p "$PORT" -U "$USER" -d "$DB" -tAc \
    "select state from ir_module_module where name = 'parcours_dashboard'" \
    2>/dev/null || true)"
args=(--database="$DB" --db-filter="^${DB}\$")
if [ "$state" != installed ]; then
    echo "parcours: installing $MODULES with demo data in $DB (first start: a few minutes)"
    # French first: each addon's terms load with it, the demo logins speak French;
    # l10n_fr_account: the French chart, in euros, that the demo data puts the
    # Département de la Drôme (the main company) on
    args+=(--init="l10n_fr_account,$MODULES" --load-language=fr_FR)
fi
echo "parcours: Odoo on http://localhost:8069 (database $DB; demo login admin, password admin)"
# the image's entrypoint adds --db_host/--db_port/--db_user/--db_password
exec /entrypoint.sh odoo "${args[@]}" "$@"
