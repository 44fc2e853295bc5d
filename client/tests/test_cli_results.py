"""``parcours triage import`` and ``parcours refurbish import``: results files."""

import csv

from client_support import odoo_env


def _csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _stages(database, serials):
    with odoo_env(database) as env:
        devices = env["stock.lot"].search([("name", "in", serials)])
        return {device.name: device.parcours_stage for device in devices}


def test_lot_then_its_triage(parcours, world, new_lot, odoo_database, tmp_path):
    reference = new_lot()
    serials = [f"TRI{world.tag}-{index}" for index in range(4)]
    lot_file = _csv(
        tmp_path / "lot.csv",
        ("serial", "model"),
        [(serial, world.ids["laptop_code"]) for serial in serials],
    )
    received = parcours("esat", "lot", "import", str(lot_file), "--lot", reference)
    assert received.returncode == 0, received.stderr

    triage_file = _csv(
        tmp_path / "triage.csv",
        ("Numéro de série", "Verdict", "Motif", "Intervenant", "Heures"),
        [
            (serials[0], "Rebut", "Ne s'allume pas", world.ids["worker"], "0:20"),
            *(
                (serial, "OK", "", world.ids["worker"], "0,25")
                for serial in serials[1:]
            ),
        ],
    )
    result = parcours("esat", "triage", "import", str(triage_file))
    assert result.returncode == 0, result.stderr
    assert "Devices recorded: 4." in result.stdout
    assert "validated." in result.stdout
    assert _stages(odoo_database, serials) == {
        serials[0]: "to_recycle",
        **{serial: "to_refurbish" for serial in serials[1:]},
    }
    with odoo_env(odoo_database) as env:
        lines = env["parcours.work.order.line"].search(
            [("lot_id.name", "in", serials), ("work_type", "=", "triage")]
        )
        assert sorted(lines.mapped("duration")) == [0.25, 0.25, 0.25, 0.3333]
        assert set(lines.order_id.mapped("state")) == {"done"}


def test_triage_of_another_organisations_devices_is_refused(
    parcours, world, odoo_database, tmp_path
):
    """The refurbisher's devices are not the workshop's: each row is named."""
    serials = world.ids["refurbish_serials"]
    path = _csv(
        tmp_path / "triage.csv",
        ("serial", "verdict", "worker"),
        [(serial, "pass", world.ids["worker"]) for serial in serials],
    )
    result = parcours("esat", "triage", "import", str(path))
    assert result.returncode == 3
    for row, serial in enumerate(serials, start=2):
        assert (
            f"row {row}, column serial: no device {serial} among those your "
            "organisation holds" in result.stdout
        )
    assert set(_stages(odoo_database, serials).values()) == {"to_refurbish"}


def test_refurbishment_with_one_row_per_disk(parcours, world, odoo_database, tmp_path):
    serials = world.ids["refurbish_serials"]
    technician = world.ids["technician"]
    header = (
        "serial",
        "tests",
        "disk",
        "level",
        "method",
        "tool",
        "operator",
        "verification",
        "certificate",
        "os",
        "grade",
        "worker",
        "hours",
    )
    device = ("yes", "Linux Mint 22", "B", technician, "3")
    rows = []
    for serial in serials:
        disk = ("Purge", "ata sanitize", "nwipe 0.35", technician, "verified")
        rows.append(
            (serial, device[0], f"D1-{serial}", *disk, f"C-{serial}", *device[1:])
        )
    # The first device has a second disk; its own cells are not repeated.
    rows.append(
        (serials[0], "", f"D2-{serials[0]}", "clear", "overwrite", "nwipe 0.35")
        + (technician, "ok", "", "", "", "", "")
    )
    path = _csv(tmp_path / "refurbish.csv", header, rows)
    dry = parcours("pihc", "refurbish", "import", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert set(_stages(odoo_database, serials).values()) == {"to_refurbish"}

    result = parcours("pihc", "refurbish", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Erasures recorded: 4." in result.stdout
    assert set(_stages(odoo_database, serials).values()) == {"ready"}
    with odoo_env(odoo_database) as env:
        devices = env["stock.lot"].search([("name", "in", serials)])
        assert set(devices.mapped("parcours_grade")) == {"b"}
        assert set(devices.mapped("parcours_os")) == {"Linux Mint 22"}
        erasures = devices.parcours_erasure_ids
        assert len(erasures) == 4
        assert set(erasures.mapped("result")) == {"passed"}
        assert set(erasures.mapped("employee_id.name")) == {technician}
