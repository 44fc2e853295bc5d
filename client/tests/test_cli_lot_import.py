"""``parcours lot import`` against a real server: all or nothing, row by row."""

import csv
import json
import os
import signal
import subprocess
import time

import openpyxl
from client_support import odoo_env, running_odoo_server

FRENCH = (
    "Numéro de série",
    "Modèle",
    "Processeur",
    "RAM (Go)",
    "Stockage (Go)",
    "Poids (kg)",
)
ENGLISH = ("serial", "model", "cpu", "ram", "storage", "weight")


def _rows(world, count, prefix):
    return [
        [
            f"{prefix}-{index:05d}",
            world.ids["laptop_code"],
            "Intel Core i5",
            8,
            256,
            "1,6",
        ]
        for index in range(count)
    ]


def _xlsx(path, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _lot_state(database, reference, prefix):
    """(state, number of devices of the lot, serials of ``prefix`` anywhere)."""
    with odoo_env(database) as env:
        lot = env["parcours.donation.lot"].search([("name", "=", reference)])
        serials = env["stock.lot"].search_count([("name", "=like", f"{prefix}-%")])
        return lot.state, len(lot.device_ids), serials


def test_good_xlsx_with_french_headers(
    parcours, world, new_lot, odoo_database, tmp_path
):
    reference = new_lot()
    prefix = f"GOOD{world.tag}"
    path = _xlsx(tmp_path / "lot.xlsx", FRENCH, _rows(world, 45, prefix))
    result = parcours("esat", "lot", "import", str(path), "--lot", reference)
    assert result.returncode == 0, result.stderr
    assert "lot.xlsx: 45 row(s) read." in result.stdout
    assert f"Devices received in lot {reference}: 45" in result.stdout
    assert _lot_state(odoo_database, reference, prefix) == ("received", 45, 45)

    listed = parcours("esat", "devices", "--stage", "received", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    devices = [d for d in json.loads(listed.stdout) if d["lot"] == reference]
    assert len(devices) == 45
    assert {d["holder"] for d in devices} == {f"ESAT Client {world.tag}"}
    lots = parcours("esat", "lots", "--format", "csv")
    assert f"{reference},Donor Client {world.tag}" in lots.stdout


def test_one_bad_row_writes_nothing_and_names_it(
    parcours, world, new_lot, odoo_database, tmp_path
):
    reference = new_lot()
    prefix = f"BAD{world.tag}"
    rows = _rows(world, 30, prefix)
    rows[5][3] = "eight"  # spreadsheet row 7: the header is row 1
    path = _csv(tmp_path / "lot.csv", ENGLISH, rows)
    result = parcours("esat", "lot", "import", str(path), "--lot", reference)
    assert result.returncode == 3
    assert "row 7, column ram: a whole number is expected, not eight" in result.stdout
    assert (
        result.stderr.strip() == "parcours: 1 error(s) in lot.csv: nothing was written"
    )
    assert _lot_state(odoo_database, reference, prefix) == ("draft", 0, 0)


def test_dry_run_writes_nothing_then_the_import_goes_through(
    parcours, world, new_lot, odoo_database, tmp_path
):
    reference = new_lot()
    prefix = f"DRY{world.tag}"
    path = _xlsx(tmp_path / "lot.xlsx", ENGLISH, _rows(world, 25, prefix))
    dry = parcours("esat", "lot", "import", str(path), "--lot", reference, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Dry run: every row checks out; nothing was written." in dry.stdout
    assert _lot_state(odoo_database, reference, prefix) == ("draft", 0, 0)
    real = parcours("esat", "lot", "import", str(path), "--lot", reference)
    assert real.returncode == 0, real.stderr
    assert _lot_state(odoo_database, reference, prefix) == ("received", 25, 25)


def test_lot_of_another_organisation_is_refused(
    parcours, world, new_lot, odoo_database, tmp_path
):
    reference = new_lot("other")
    prefix = f"OTHER{world.tag}"
    path = _csv(tmp_path / "lot.csv", ENGLISH, _rows(world, 3, prefix))
    result = parcours("esat", "lot", "import", str(path), "--lot", reference)
    assert result.returncode == 4
    assert result.stderr.startswith(
        f"parcours: There is no donation lot {reference} among the lots you may see"
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert _lot_state(odoo_database, reference, prefix) == ("draft", 0, 0)


def _inserting_devices(database):
    """Whether a transaction is inserting serials right now (uncommitted)."""
    with odoo_env(database) as env:
        env.cr.execute(
            """SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = 'stock_lot' AND l.mode = 'RowExclusiveLock'
                  AND l.pid != pg_backend_pid()
                  -- databases copied from one template share their tables' oids
                  AND l.database = (
                      SELECT oid FROM pg_database WHERE datname = current_database()
                  )"""
        )
        return bool(env.cr.fetchall())


def test_server_stopped_mid_import_leaves_nothing_half_written(
    parcours, world, new_lot, odoo_database, tmp_path
):
    reference = new_lot()
    prefix = f"KILL{world.tag}"
    path = _csv(tmp_path / "lot.csv", ENGLISH, _rows(world, 1500, prefix))
    with running_odoo_server(odoo_database, tmp_path) as (process, host, port):
        argv, env = parcours.prepare("esat", url=f"http://{host}:{port}")
        command = subprocess.Popen(
            [*argv, "lot", "import", str(path), "--lot", reference],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 300
        while not _inserting_devices(odoo_database):
            assert command.poll() is None, command.communicate()
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        stdout, stderr = command.communicate(timeout=120)
    assert command.returncode == 7, (stdout, stderr)
    assert "whole or not at all" in stderr
    deadline = time.monotonic() + 60
    while _inserting_devices(odoo_database) and time.monotonic() < deadline:
        time.sleep(0.2)  # PostgreSQL rolls back the killed server's transaction
    assert _lot_state(odoo_database, reference, prefix) == ("draft", 0, 0)


def test_control_characters_and_serials_typed_differently(
    parcours, world, new_lot, odoo_database, tmp_path
):
    """The server parses the file: a NUL is named by row and column, and a
    serial with a zero-width space or a non-breaking hyphen is a serial seen."""
    reference = new_lot()
    prefix = f"NUL{world.tag}"
    rows = _rows(world, 3, prefix)
    path = tmp_path / "lot.csv"
    _csv(path, ENGLISH, rows)
    path.write_bytes(path.read_bytes().replace(b"-00001", b"-0\x000001"))
    result = parcours("esat", "lot", "import", str(path), "--lot", reference)
    assert result.returncode == 3
    assert "row 3, column serial" in result.stdout
    assert "U+0000" in result.stdout
    assert "Traceback" not in result.stderr
    assert _lot_state(odoo_database, reference, prefix) == ("draft", 0, 0)

    rows[2][0] = rows[0][0].replace("-", "\u2011") + "\u200b"
    path = _xlsx(tmp_path / "lot.xlsx", ENGLISH, rows)
    result = parcours("esat", "lot", "import", str(path), "--lot", reference)
    assert result.returncode == 3
    assert "row 4, column serial" in result.stdout
    assert "typed twice in this lot, on row 2 already" in result.stdout
    assert _lot_state(odoo_database, reference, prefix) == ("draft", 0, 0)
