#!/usr/bin/env bash
# Checks that Odoo 18 is importable and PostgreSQL answers. Prints nothing and exits
# 0 when both hold; otherwise prints ONE line saying what to do, and exits 1.
set -uo pipefail
PYTHON="${PYTHON:-python3}"

if ! timeout 30 "$PYTHON" -c \
    "import odoo.release as r, sys; sys.exit(r.version_info[:2] != (18, 0))" \
    >/dev/null 2>&1; then
    echo "Odoo 18 is not importable by $PYTHON: install it (see README, \"Without Docker\") or use the Docker commands"
    exit 1
fi

if ! PGCONNECT_TIMEOUT=3 timeout 6 psql -X -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    echo "PostgreSQL does not answer on ${PGHOST:-local socket}:${PGPORT:-5432} (role ${PGUSER:-$(id -un)}): start it (pg_ctlcluster ${version:-<version>} main start) or set PGHOST/PGPORT/PGUSER"
    exit 1
fi
