"""A database fault during a request reaches the client as one clean, retryable error.

A real server (the ``odoo_server`` fixture) serves a request whose query waits
for a table lock held by the test; the test then terminates the request's
PostgreSQL backend (``pg_terminate_backend``), as a restart of the database
does. The client must get the error named ``TemporaryError``, with its message
in the caller's language, over ``/jsonrpc`` and over the web client's
``/web/dataset/call_kw``; and the next request must pass.
"""

import http.cookiejar
import json
import threading
import time
import urllib.request

import psycopg2
import pytest

from odoo.sql_db import connection_info_for

TEMPORARY = "odoo.addons.parcours_base.exceptions.TemporaryError"
ENGLISH = (
    "The database is temporarily unavailable: nothing was saved. "
    "Try again in a few seconds."
)
FRENCH = (
    "La base de données est momentanément indisponible : rien n'a été "
    "enregistré. Réessayez dans quelques secondes."
)
# a demo login whose job reads donation lots (the workshop)
LOGIN = PASSWORD = "esat"


class Client:
    """JSON-RPC as a partner's script (/jsonrpc) or the web client sends it."""

    def __init__(self, host, port, database):
        self.url = f"http://{host}:{port}"
        self.database = database
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            return json.load(response)

    def execute_kw(self, uid, model, method, args, kwargs):
        return self.post(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [self.database, uid, PASSWORD, model, method, args, kwargs],
            },
        )

    def login(self):
        reply = self.post(
            "/jsonrpc",
            {
                "service": "common",
                "method": "login",
                "args": [self.database, LOGIN, PASSWORD],
            },
        )
        assert reply.get("result"), reply
        return reply["result"]

    def web_login(self):
        reply = self.post(
            "/web/session/authenticate",
            {"db": self.database, "login": LOGIN, "password": PASSWORD},
        )
        assert reply.get("result", {}).get("uid"), reply

    def call_kw(self, model, method, args, kwargs):
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )


@pytest.fixture
def locker(odoo_database):
    """A connection of its own that holds a lock, and kills whoever waits on it."""
    connection = psycopg2.connect(**connection_info_for(odoo_database)[1])
    yield connection
    connection.rollback()
    connection.close()


def _with_backend_killed(locker, database, call):
    """Run ``call`` while the table it reads is locked, kill its backend, return
    its reply."""
    cr = locker.cursor()
    cr.execute("LOCK TABLE parcours_donation_lot IN ACCESS EXCLUSIVE MODE")
    result = {}
    thread = threading.Thread(target=lambda: result.update(reply=call()))
    thread.start()
    try:
        deadline = time.monotonic() + 90
        victims = []
        while not victims and time.monotonic() < deadline:
            time.sleep(0.2)
            # pg_stat_activity is read once per transaction, unless told again
            cr.execute("SELECT pg_stat_clear_snapshot()")
            cr.execute(
                """SELECT pid FROM pg_stat_activity
                    WHERE datname = %s AND pid != pg_backend_pid()
                      AND wait_event_type = 'Lock'
                      AND query ILIKE '%%parcours_donation_lot%%'""",
                [database],
            )
            victims = [pid for (pid,) in cr.fetchall()]
        if not victims:
            cr.execute(
                "SELECT pid, state, wait_event_type, query FROM pg_stat_activity"
                " WHERE datname = %s",
                [database],
            )
            pytest.fail(f"the request never waited on the lock: {cr.fetchall()}")
        for pid in victims:
            cr.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        locker.rollback()
        thread.join(120)
    assert "reply" in result, "the request did not answer"
    return result["reply"]


def _assert_temporary(reply, message):
    assert "error" in reply, reply
    data = reply["error"]["data"]
    assert data["name"] == TEMPORARY, data
    assert data["message"] == message
    # the web client shows it as a warning, without the "Oops" traceback dialog
    assert data["context"] == {"exception_class": "odoo.exceptions.UserError"}


def test_jsonrpc_gets_a_temporary_error_in_its_language(
    odoo_server, odoo_database, locker
):
    client = Client(*odoo_server, odoo_database)
    uid = client.login()
    search = ("parcours.donation.lot", "search_read", [[]])

    reply = _with_backend_killed(
        locker,
        odoo_database,
        lambda: client.execute_kw(uid, *search, {"fields": ["name"], "limit": 1}),
    )
    _assert_temporary(reply, ENGLISH)

    reply = _with_backend_killed(
        locker,
        odoo_database,
        lambda: client.execute_kw(
            uid, *search, {"fields": ["name"], "context": {"lang": "fr_FR"}}
        ),
    )
    _assert_temporary(reply, FRENCH)

    # the fault is over: the same request passes, on the same server
    reply = client.execute_kw(uid, *search, {"fields": ["name"], "limit": 1})
    assert reply.get("result"), reply


def test_web_client_gets_a_temporary_error(odoo_server, odoo_database, locker):
    client = Client(*odoo_server, odoo_database)
    client.web_login()
    reply = _with_backend_killed(
        locker,
        odoo_database,
        lambda: client.call_kw(
            "parcours.donation.lot", "search_read", [[]], {"fields": ["name"]}
        ),
    )
    _assert_temporary(reply, ENGLISH)
    reply = client.call_kw(
        "parcours.donation.lot", "search_read", [[]], {"fields": ["name"]}
    )
    assert reply.get("result"), reply


def test_a_business_refusal_is_not_temporary(odoo_server, odoo_database):
    """A refusal of the code keeps its own name: a client must not retry it."""
    client = Client(*odoo_server, odoo_database)
    uid = client.login()
    # the workshop may not create organisations
    reply = client.execute_kw(
        uid, "parcours.organisation", "create", [{"name": "X", "role": "donor"}], {}
    )
    assert reply["error"]["data"]["name"] == "odoo.exceptions.AccessError", reply
