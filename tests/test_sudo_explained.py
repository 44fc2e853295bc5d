"""Every elevation of rights in the addons says why it is needed.

Steps run as the user, under the access rights and record rules. A ``sudo()``
(or ``_parcours_sudo_env()``, the superuser environment of a checked step)
remains only for a named side effect the user may not do alone, after the
check, with a comment ``# sudo: <why>`` right above the statement (or inside
it, before the call). Tests and demo data are not concerned.

Reads the source only: no database is needed.
"""

import ast
from pathlib import Path

ADDONS = Path(__file__).resolve().parent.parent / "addons"
ELEVATIONS = {"sudo", "_parcours_sudo_env"}
MARK = "# sudo:"


def _sources():
    for path in sorted(ADDONS.rglob("*.py")):
        parts = set(path.relative_to(ADDONS).parts)
        if parts & {"tests", "demo"}:
            continue
        yield path


def _elevations(tree):
    """(call line, innermost statement line) of every elevation in ``tree``."""
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ELEVATIONS
        ):
            continue
        start = max(
            stmt.lineno
            for stmt in statements
            if stmt.lineno <= node.lineno <= stmt.end_lineno
        )
        yield node.lineno, start


def _explained(lines, call_line, statement_line):
    """A ``# sudo:`` comment above the statement, or in it before the call."""
    # inside the statement, on the lines before the call (a multi-line call chain)
    for number in range(statement_line, call_line):
        if lines[number - 1].strip().startswith(MARK):
            return True
    # the block of comment lines right above the statement
    number = statement_line - 1
    while number >= 1 and lines[number - 1].strip().startswith("#"):
        if lines[number - 1].strip().startswith(MARK):
            return True
        number -= 1
    return False


def unexplained():
    """``path:line`` of every elevation without its ``# sudo:`` comment."""
    missing = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for call_line, statement_line in _elevations(ast.parse(text)):
            if not _explained(lines, call_line, statement_line):
                missing.append(f"{path.relative_to(ADDONS.parent)}:{call_line}")
    return missing


def test_every_sudo_says_why():
    missing = unexplained()
    assert not missing, (
        "sudo() without a '# sudo: <why>' comment right above its statement "
        "(run the step as the user, or name the side effect the user may not do "
        "alone):\n" + "\n".join(missing)
    )


def test_the_check_finds_an_unexplained_sudo():
    """The check is not blind: it catches a bare sudo(), accepts a named one."""
    bare = "def step(self):\n    self.x()\n    return self.sudo().write({})\n"
    named = (
        "def step(self):\n"
        "    # sudo: posting the invoice, which the mediator may not do\n"
        "    return self.sudo().write({})\n"
    )
    chained = (
        "def step(self):\n"
        "    picking = (\n"
        "        # sudo: moving the quants\n"
        "        self.env['stock.picking']\n"
        "        .sudo()\n"
        "        .create({})\n"
        "    )\n"
    )
    for source, expected in ((bare, False), (named, True), (chained, True)):
        lines = source.splitlines()
        found = list(_elevations(ast.parse(source)))
        assert len(found) == 1
        assert _explained(lines, *found[0]) is expected, source
