#!/usr/bin/env bash
# `make check-env` (and the first step of `make run` / `make test`): checks what
# this repository cannot install by itself, before anything slow starts.
#   bash tools/check-env.sh [run|test]     (default: test)
# Prints nothing and exits 0 when all is there; otherwise prints ONE line naming
# everything missing and what to do, and exits 1. What pip and npm can install
# (test and lint tools, OCA addons, prettier) is not checked here: `make run` and
# `make test` install it when it is missing (tools/ensure-tools.sh).
set -uo pipefail
PYTHON="${PYTHON:-python3}"
MODE="${1:-test}"
missing=()

if ! timeout 30 "$PYTHON" -c \
    "import odoo.release as r, sys; sys.exit(r.version_info[:2] != (18, 0))" \
    >/dev/null 2>&1; then
    missing+=("Odoo 18 importable by $PYTHON (install it, see README \"Without Docker\", or use the Docker commands)")
fi
if ! PGCONNECT_TIMEOUT=3 timeout 6 psql -X -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    missing+=("PostgreSQL answering on ${PGHOST:-local socket}:${PGPORT:-5432} as ${PGUSER:-$(id -un)} (start it: pg_ctlcluster ${version:-<version>} main start, or set PGHOST/PGPORT/PGUSER; psql must be on the PATH)")
fi
"$PYTHON" -m pip --version >/dev/null 2>&1 || missing+=("pip for $PYTHON")
# Odoo prints every paper (loan agreement, receipts, slips...) with wkhtmltopdf
command -v wkhtmltopdf >/dev/null 2>&1 \
    || missing+=("wkhtmltopdf to print the papers as PDF (apt-get install wkhtmltopdf)")
if [ "$MODE" = test ]; then
    command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 \
        || missing+=("Node.js and npm (apt-get install nodejs npm)")
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1 \
        || missing+=("Chromium or Google Chrome for the browser tours (apt-get install chromium)")
    command -v git >/dev/null 2>&1 || missing+=("git (pre-commit needs it)")
    command -v pdftotext >/dev/null 2>&1 \
        || missing+=("pdftotext, the tests read the printed papers back (apt-get install poppler-utils)")
fi

if [ ${#missing[@]} -gt 0 ]; then
    line="check-env: missing: ${missing[0]}"
    for item in "${missing[@]:1}"; do line+="; $item"; done
    echo "$line"
    exit 1
fi
