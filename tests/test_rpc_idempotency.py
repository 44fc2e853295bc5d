"""Writes of parcours.api sent again with their idempotency key, over RPC.

Drives the running server (``odoo_server`` fixture) with a demo login. What it
writes is an upload chunk of the ESAT's user, which the server drops after a day.
"""

import uuid

import odoorpc


def _login(odoo_server, odoo_database, login):
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    client.login(odoo_database, login, login)
    return client


def test_an_upload_sent_again_with_its_key_is_kept_once(odoo_server, odoo_database):
    client = _login(odoo_server, odoo_database, "esat")
    Api = client.env["parcours.api"]
    rows = [{"row": 2, "Numéro de série": "IDEM-1", "Modèle": "X"}]
    key = uuid.uuid4().hex
    token = Api.upload(rows=rows, idempotency_key=key)
    # The answer was lost: the client sends the same call again.
    assert Api.upload(rows=rows, idempotency_key=key) == token
    chunks = client.env["ir.attachment"].search(
        [("name", "=", f"parcours-upload-{token}.json")]
    )
    assert len(chunks) == 1
    # Another key is another write.
    assert Api.upload(rows=rows, idempotency_key=uuid.uuid4().hex) != token
