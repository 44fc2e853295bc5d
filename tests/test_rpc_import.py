"""Imports and identifiers over RPC, as the partners' own tools send them.

Drives the running server (``odoo_server`` fixture) with the demo logins. Nothing
is written: every call here is refused, or a dry run.
"""

import odoorpc
import pytest


def _login(odoo_server, odoo_database, login):
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    client.login(odoo_database, login, login)
    return client


def test_a_pass_used_already_is_refused_however_it_is_typed(odoo_server, odoo_database):
    client = _login(odoo_server, odoo_database, "mediatrice")
    Pass = client.env["parcours.pass"]
    [used] = Pass.search_read([], ["name"], limit=1)
    number = used["name"]
    # A registration of her place without a pass, to a workshop a pass pays for.
    registrations = client.env["event.registration"].search_read(
        [
            ("parcours_place_id", "!=", False),
            ("parcours_pass_ids", "=", False),
            ("state", "in", ["open", "done"]),
            ("event_id.parcours_duration", "<=", 2),
        ],
        ["id"],
        limit=1,
    )
    assert registrations, "the demo third place has registrations without a pass"
    registration_id = registrations[0]["id"]
    typed_ways = (
        number[:3] + "\u200b" + number[3:],  # zero-width space
        number.replace("-", "\u2011") if "-" in number else number + "\u2060",
        "\ufeff" + number.lower(),
    )
    for typed in typed_ways:
        with pytest.raises(odoorpc.error.RPCError, match="already been used"):
            Pass.create({"name": typed, "registration_id": registration_id})
        # and she finds the pass used however she types it
        assert Pass.search([("name", "=", typed)]) == [used["id"]]


def test_a_control_character_is_a_row_and_column_error(odoo_server, odoo_database):
    client = _login(odoo_server, odoo_database, "esat")
    [lot] = client.env["parcours.donation.lot"].search_read([], ["name"], limit=1)
    report = client.env["parcours.api"].import_lot(
        lot=lot["name"],
        rows=[
            {"row": 2, "Numéro de série": "RPC\x00-1", "Modèle": "X"},
            {"row": 3, "Numéro de série": "RPC-2", "Modèle": "X", "Système": "\x1b"},
        ],
        dry_run=True,
    )
    assert not report["written"]
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (2, "Numéro de série"),
        (2, "Modèle"),
        (3, "Système"),
        (3, "Modèle"),
    ]
    assert "U+0000" in report["errors"][0]["message"]
    assert "U+001B" in report["errors"][2]["message"]


def test_each_role_is_offered_its_commands_and_told_about_the_others(
    odoo_server, odoo_database
):
    client = _login(odoo_server, odoo_database, "pihc")
    Api = client.env["parcours.api"]
    offered = {c["command"] for c in Api.commands() if c["offered"]}
    assert "refurbish import" in offered
    assert "lots" not in offered
    with pytest.raises(odoorpc.error.RPCError, match="The command lots") as caught:
        Api.lots()
    assert "parcours commands" in str(caught.value)
