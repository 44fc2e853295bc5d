# shellcheck shell=bash
# Sourced by tools/run.sh and tools/test.sh: installs what they need and is missing,
# saying so in one line; a second run installs nothing.
#   ensure_tools run    the OCA addons our addons depend on (odoo-addon-* lines)
#   ensure_tools test   everything of requirements-test.txt, and npm ci (prettier)
# Odoo itself is never installed from here, and pip must not replace it.
ensure_tools() {
    local mode="$1" missing
    cd "$REPO_ROOT" || return 1
    if [ "$mode" = run ]; then
        missing="$("$PYTHON" tools/missing_requirements.py requirements-test.txt \
            --only odoo-addon-)"
    else
        missing="$("$PYTHON" tools/missing_requirements.py requirements-test.txt)"
    fi
    if [ -n "$missing" ]; then
        echo "$mode: installing with pip: $(echo "$missing" | paste -sd ' ')"
        if [ "$mode" = run ]; then
            # shellcheck disable=SC2086
            "$PYTHON" -m pip install --quiet --disable-pip-version-check $missing \
                || return 1
        else
            "$PYTHON" -m pip install --quiet --disable-pip-version-check \
                -r requirements-test.txt || return 1
        fi
        "$PYTHON" -c "import odoo.release as r, sys; sys.exit(r.version_info[:2] != (18, 0))" \
            || { echo "$mode: Odoo 18 is no longer importable after pip install"; return 1; }
    fi
    if [ "$mode" = test ] && ! npm ls --silent >/dev/null 2>&1; then
        echo "$mode: installing prettier and its XML plugin (npm ci)"
        npm ci --no-audit --no-fund --loglevel=error >/dev/null || return 1
    fi
}
