"""Logging in, keys revoked, servers unreachable, accounts refused, exports."""

import datetime
import io
import json
import stat

import openpyxl
from client_support import new_api_key, odoo_env


def test_login_stores_the_key_for_its_owner_only(
    parcours, world, server_url, odoo_database
):
    account = world.accounts["esat"]
    result = parcours(
        "esat",
        "login",
        "--url",
        server_url,
        "--database",
        odoo_database,
        "--user",
        account.login,
        "--api-key-stdin",
        stdin=account.api_key + "\n",
        environment=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"Logged in as ESAT operator (ESAT Client {world.tag})" in result.stdout
    [path] = (parcours.home / ".config").rglob("credentials.ini")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert account.api_key in path.read_text()

    # The stored login serves the next commands, without any variable.
    whoami = parcours("esat", "whoami", environment=False)
    assert whoami.returncode == 0, whoami.stderr
    assert f"Organisation: ESAT Client {world.tag} (workshop)" in whoami.stdout

    assert parcours("esat", "logout", environment=False).returncode == 0
    assert not path.exists()
    again = parcours("esat", "whoami", environment=False)
    assert again.returncode == 6
    assert again.stderr.startswith("parcours: not logged in: run parcours login")


def test_revoked_api_key_is_refused(parcours, world, odoo_database):
    with odoo_env(odoo_database) as env:
        user = env["res.users"].search([("login", "=", world.accounts["esat"].login)])
        name, key = new_api_key(env, user, world.tag, purpose="revoked")
    assert parcours("esat", "lots", api_key=key).returncode == 0
    with odoo_env(odoo_database) as env:
        env["res.users.apikeys"].search([("name", "=", name)])._remove()
    result = parcours("esat", "lots", api_key=key)
    assert result.returncode == 6
    assert "refused user" in result.stderr
    assert "revoked or expired" in result.stderr
    assert "Traceback" not in result.stderr
    # The other key of the same user still works.
    assert parcours("esat", "lots").returncode == 0


def test_unreachable_server_is_one_line_and_debug_shows_the_traceback(parcours):
    url = "http://127.0.0.1:9"  # the discard port: nothing listens there
    result = parcours("esat", "devices", url=url)
    assert result.returncode == 7
    assert result.stderr.startswith(f"parcours: no answer from {url}")
    assert len(result.stderr.strip().splitlines()) == 1
    debug = parcours("esat", "--debug", "devices", url=url)
    assert debug.returncode == 7
    assert "Traceback (most recent call last)" in debug.stderr


def test_bad_file_and_access_denied(parcours, tmp_path):
    (tmp_path / "lot.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    result = parcours("esat", "lot", "import", str(tmp_path / "lot.xlsx"), "--lot", "X")
    assert result.returncode == 3
    assert "cannot be read as an XLSX spreadsheet" in result.stderr
    # A refurbisher sees no donation lot at all.
    refused = parcours("pihc", "lots")
    assert refused.returncode == 5
    assert refused.stderr.startswith("parcours: ")
    assert len(refused.stderr.strip().splitlines()) == 1


def test_each_role_sees_the_commands_it_may_use(parcours):
    esat = parcours("esat", "commands", "--format", "json")
    assert esat.returncode == 0, esat.stderr
    offered = {command["command"] for command in json.loads(esat.stdout)}
    assert {"lot import", "triage import", "lots", "devices"} <= offered
    assert "refurbish import" not in offered
    pihc = parcours("pihc", "commands")
    assert pihc.returncode == 0, pihc.stderr
    assert "refurbish import" in pihc.stdout
    assert "Not for your role (the server refuses them): lot import" in pihc.stdout
    # What is not offered is refused in plain words, not as a raw access error.
    refused = parcours("pihc", "lots")
    assert refused.returncode == 5
    assert refused.stderr.startswith("parcours: The command lots")
    assert "'parcours commands' lists those you may use" in refused.stderr


def test_every_export_read_back(parcours, world, tmp_path):
    kinds = parcours("accountant", "export", "--format", "json")
    assert kinds.returncode == 0, kinds.stderr
    kind_names = [kind["kind"] for kind in json.loads(kinds.stdout)]
    assert "hours" in kind_names
    period = datetime.date.today().strftime("%Y-%m")
    for kind in kind_names:
        target = tmp_path / f"{kind}.xlsx"
        result = parcours(
            "accountant", "export", kind, "--period", period, "-o", str(target)
        )
        assert result.returncode == 0, result.stderr
        book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
        assert book.worksheets and book.worksheets[0].max_row >= 1
    book = openpyxl.load_workbook(tmp_path / "hours.xlsx")
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[0][:4] == ("Organisation", "Worker", "Worker type", "Month")
    assert (f"ESAT Client {world.tag}", f"Worker {world.tag}") in {
        row[:2] for row in summary[1:]
    }
    # The workshop's operator may not download the accountants' exports.
    refused = parcours("esat", "export", "hours", "--period", period)
    assert refused.returncode == 5
    assert "You may not download the export" in refused.stderr


def test_dashboard_as_json(parcours, world):
    result = parcours("pihc", "dashboard", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"section": "Devices"' in result.stdout
