"""Smoke test over RPC: a client logs in to a running server and reads the addons.

This drives a real Odoo server process (see the ``odoo_server`` fixture) the way an
external client does: JSON-RPC with odoorpc, a real login, access rights applied.
"""

import odoorpc
import pytest

MODULES = ("parcours_devices", "parcours_beneficiaries", "parcours_training")


def test_admin_logs_in_and_reads_installed_addons(odoo_server, odoo_database):
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    # the demo database that `-i` creates has the administrator admin / admin
    client.login(odoo_database, "admin", "admin")
    assert client.env.user.login == "admin"

    modules = client.env["ir.module.module"].search_read(
        [("name", "in", list(MODULES))], ["name", "state"]
    )
    assert {module["name"]: module["state"] for module in modules} == {
        name: "installed" for name in MODULES
    }


def test_wrong_password_is_refused(odoo_server, odoo_database):
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    with pytest.raises(odoorpc.error.RPCError, match="Wrong login ID or password"):
        client.login(odoo_database, "admin", "not the password")
    with pytest.raises(odoorpc.error.InternalError, match="Login required"):
        client.env  # noqa: B018  (no session was opened)
