"""Partner accounts over RPC: each sees its own organisation's records only.

Drives the running server (``odoo_server`` fixture) with the demo logins, the
way a partner's own tool would: JSON-RPC with odoorpc, record rules applied.
"""

import odoorpc
import pytest


def _login(odoo_server, odoo_database, login):
    """Log in; return the client and the user's organisation as (id, name)."""
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    client.login(odoo_database, login, login)
    # read() the one field: browsing client.env.user would read every field of
    # the user, HR ones included, which a partner account may not read.
    [user] = client.env["res.users"].read(
        [client.env.uid], ["parcours_organisation_id"]
    )
    return client, tuple(user["parcours_organisation_id"])


def test_workshop_operator_sees_its_lots_and_no_beneficiary(odoo_server, odoo_database):
    client, (organisation_id, name) = _login(odoo_server, odoo_database, "esat")
    assert name == "ESAT Messidor"
    lots = client.env["parcours.donation.lot"].search_read([], ["workshop_id"])
    assert lots, "the demo ESAT has donation lots"
    assert {lot["workshop_id"][0] for lot in lots} == {organisation_id}
    beneficiaries = client.env["res.partner"].search(
        [("parcours_is_beneficiary", "=", True)]
    )
    assert beneficiaries == []
    with pytest.raises(odoorpc.error.RPCError, match="not allowed|Access"):
        client.env["parcours.loan.agreement"].search([])


def test_mediator_sees_her_third_place_only(odoo_server, odoo_database):
    client, (place_id, __) = _login(odoo_server, odoo_database, "mediatrice")
    beneficiaries = client.env["res.partner"].search_read(
        [("parcours_is_beneficiary", "=", True)], ["parcours_place_id"]
    )
    assert beneficiaries, "the demo third place of Crest follows beneficiaries"
    assert {b["parcours_place_id"][0] for b in beneficiaries} == {place_id}
    applications = client.env["parcours.application"].search_read([], ["place_id"])
    assert {a["place_id"][0] for a in applications} == {place_id}
    with pytest.raises(odoorpc.error.RPCError, match="not allowed|Access"):
        client.env["parcours.work.order"].search([])
