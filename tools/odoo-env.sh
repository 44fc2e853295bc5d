# shellcheck shell=bash
# Sourced by the tools/*.sh scripts: how to call Odoo 18 on this machine.
#
# Inputs (environment, all optional):
#   PYTHON       python interpreter where `import odoo` works (default: python3)
#   ODOO         odoo command (default: "$PYTHON -m odoo")
#   PGHOST PGPORT PGUSER PGPASSWORD   PostgreSQL connection, as for psql; unset
#                values fall back to libpq's defaults (local socket, port 5432,
#                role named like the current user)
#   EXTRA_ADDONS_PATH  more addons directories, comma-separated, searched after ours
#
# Outputs:
#   REPO_ROOT          the repository root
#   MODULES            our addons, comma-separated, in install order
#   ODOO_CMD           array: the odoo command
#   ODOO_ADDONS_PATH   Odoo's own addons directories + our addons/
#   ODOO_DB_ARGS       array: --db_host/--db_port/--db_user/--db_password from PG*

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULES="parcours_devices,parcours_beneficiaries,parcours_training,parcours_dashboard"
PYTHON="${PYTHON:-python3}"
read -r -a ODOO_CMD <<<"${ODOO:-$PYTHON -m odoo}"

# Odoo's own addons: <odoo package>/addons (base, and every addon in a packaged
# install such as the odoo:18.0 image) and, for a source checkout, <checkout>/addons.
# Addons installed as wheels (odoo-addon-*, e.g. report_xlsx) live in the odoo.addons
# namespace package and need no entry here.
odoo_core_addons_path() {
    "$PYTHON" - <<'PY'
import os
import odoo

root = os.path.dirname(os.path.abspath(odoo.__file__))
candidates = [os.path.join(root, "addons"), os.path.join(os.path.dirname(root), "addons")]
print(",".join(p for p in candidates if os.path.isfile(os.path.join(p, "web", "__manifest__.py"))
               or os.path.isfile(os.path.join(p, "base", "__manifest__.py"))))
PY
}

ODOO_ADDONS_PATH="$(odoo_core_addons_path),$REPO_ROOT/addons${EXTRA_ADDONS_PATH:+,$EXTRA_ADDONS_PATH}"

ODOO_DB_ARGS=()
[ -n "${PGHOST:-}" ] && ODOO_DB_ARGS+=("--db_host=$PGHOST")
[ -n "${PGPORT:-}" ] && ODOO_DB_ARGS+=("--db_port=$PGPORT")
[ -n "${PGUSER:-}" ] && ODOO_DB_ARGS+=("--db_user=$PGUSER")
[ -n "${PGPASSWORD:-}" ] && ODOO_DB_ARGS+=("--db_password=$PGPASSWORD")

# psql/createdb/dropdb read PG* themselves; always talk to the maintenance db.
pg_ok() {
    PGCONNECT_TIMEOUT=3 timeout 6 psql -X -d postgres -tAc 'select 1' >/dev/null 2>&1
}

db_exists() {
    [ "$(PGCONNECT_TIMEOUT=3 psql -X -d postgres -tAc \
        "select 1 from pg_database where datname = '$1'" 2>/dev/null)" = "1" ]
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
