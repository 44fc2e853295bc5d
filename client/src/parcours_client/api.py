"""Every call the client makes to the Parcours server, and nothing else.

The server side is the abstract model ``parcours.api`` of the addon
``parcours_devices``: one method per job, keyword arguments in, plain values out.
The calls go through odoorpc's JSON-RPC connector to Odoo's ``/jsonrpc`` endpoint,
the one where Odoo accepts an API key in place of the password (odoorpc's own
``login()`` opens a web session, which Odoo 18 opens with a password only). Moving
to Odoo's JSON-2 API (Odoo 19 and later: ``POST /json/2/<model>/<method>`` with the
key as a bearer token) changes this module only.

Odoo 18 runs every ``/jsonrpc`` call on the primary database: the server's
``@api.readonly`` methods (lists, figures, exports) reach a replica only through
a route that honours them (README, "Reads on the replica").
"""

import http.client
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import odoorpc

from .errors import (
    AccessDenied,
    ParcoursError,
    RuleBroken,
    Unreachable,
    WrongCredentials,
)
from .i18n import _

API_MODEL = "parcours.api"
IMPORT_METHODS = {
    "lot": "import_lot",
    "triage": "import_triage",
    "refurbish": "import_refurbishment",
}
# The server's answer to a database fault (connection lost, database restarting, a
# transaction that lost a race): nothing was written, the same call may be sent again.
TEMPORARY_ERROR = "odoo.addons.parcours_base.exceptions.TemporaryError"
# HTTP statuses of a proxy whose Odoo is restarting: the call did not reach it.
RETRY_STATUSES = (502, 503)
# Calls sent at most, and the first wait in seconds (doubled at each try, with
# jitter, at most MAX_DELAY): PARCOURS_RETRIES and PARCOURS_RETRY_DELAY change them.
RETRIES = 5
RETRY_DELAY = 1.0
MAX_DELAY = 30.0
# Odoo exceptions the user can act on, by the name the server sends.
USER_ERRORS = {
    "odoo.exceptions.AccessError": AccessDenied,
    "odoo.exceptions.UserError": RuleBroken,
    "odoo.exceptions.ValidationError": RuleBroken,
    "odoo.exceptions.MissingError": RuleBroken,
    "odoo.exceptions.RedirectWarning": RuleBroken,
}


class _RoundTripCounter(urllib.request.BaseHandler):
    """Counts the HTTP requests sent: the benchmark prints the figure."""

    def __init__(self, server):
        self.server = server

    def http_request(self, request):
        self.server.round_trips += 1
        return request

    https_request = http_request


def parse_url(url):
    """(protocol, host, port) of ``https://host[:port]`` for odoorpc."""
    if "://" not in url:
        url = "https://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WrongCredentials(
            f"{url} is not a server address: write it https://host or http://host:port"
        )
    if parts.path.strip("/"):
        raise WrongCredentials(
            f"{url}: give the server's address without a path "
            f"({parts.scheme}://{parts.netloc})"
        )
    secure = parts.scheme == "https"
    try:
        port = parts.port or (443 if secure else 80)
    except ValueError as error:
        raise WrongCredentials(f"{url}: the port is not a number") from error
    return ("jsonrpc+ssl" if secure else "jsonrpc"), parts.hostname, port


class _Retry(Exception):
    """A call that failed before anything was written: send it again."""

    def __init__(self, reason, error):
        super().__init__(reason)
        self.reason = reason
        self.error = error


def _setting(name, default, kind):
    try:
        return kind(os.environ.get(name, default))
    except ValueError:
        return default


class Server:
    """A connection to one database of a Parcours server, as one user.

    A call that the server could not serve for a moment (its database restarting,
    a connection lost, a race lost: the server says so, and has written nothing;
    or its proxy answering 502 or 503) is sent again after a wait that doubles
    each time, up to ``retries`` calls. A call without answer (time-out,
    connection cut while it ran) is not sent again: the server may have written
    it. Nor is one to a server that does not listen: the address may be wrong.
    """

    def __init__(self, url, database, login, api_key, timeout=600, retries=None):
        self.url = url.rstrip("/")
        self.database = database
        self.login_name = login
        self._api_key = api_key
        self.uid = None
        self.round_trips = 0
        self.retries = max(1, retries or _setting("PARCOURS_RETRIES", RETRIES, int))
        self.retry_delay = _setting("PARCOURS_RETRY_DELAY", RETRY_DELAY, float)
        protocol, host, port = parse_url(url)
        opener = urllib.request.build_opener(_RoundTripCounter(self))
        # The version is given so that odoorpc does not ask for it.
        self._odoo = odoorpc.ODOO(
            host,
            protocol=protocol,
            port=port,
            timeout=timeout,
            version="18.0",
            opener=opener,
        )

    # ------------------------------------------------------------ transport
    def _call(self, service, method, *args):
        """One JSON-RPC call, sent again while the server says it may be."""
        for attempt in range(1, self.retries + 1):
            try:
                return self._call_once(service, method, *args)
            except _Retry as retry:
                if attempt == self.retries:
                    raise Unreachable(
                        f"{self.url} is still unavailable after {attempt} tries "
                        f"({retry.reason}): nothing was saved. Try again later."
                    ) from retry.error
                delay = min(MAX_DELAY, self.retry_delay * 2 ** (attempt - 1))
                delay *= random.uniform(0.8, 1.2)  # clients retrying apart
                print(
                    f"parcours: {retry.reason}; trying again in {delay:.1f} s "
                    f"({attempt + 1}/{self.retries})",
                    file=sys.stderr,
                )
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _call_once(self, service, method, *args):
        try:
            answer = self._odoo.json(
                "/jsonrpc", {"service": service, "method": method, "args": list(args)}
            )
        except odoorpc.error.RPCError as error:
            name = _error_data(error).get("name")
            if name == "odoo.exceptions.AccessDenied":
                raise self._refused() from error
            if name == TEMPORARY_ERROR:
                raise _Retry("the server is temporarily unavailable", error) from error
            raise _server_error(error) from error
        except urllib.error.HTTPError as error:
            if error.code in RETRY_STATUSES:
                raise _Retry(f"{self.url} answered HTTP {error.code}", error) from error
            raise Unreachable(
                _(
                    "%(url)s answered HTTP %(code)s: is it the address of the "
                    "Parcours server?"
                )
                % {"url": self.url, "code": error.code}
            ) from error
        except (
            TimeoutError,
            ConnectionError,
            urllib.error.URLError,
            http.client.HTTPException,
        ) as error:
            reason = getattr(error, "reason", None) or error
            raise Unreachable(
                _("no answer from %(url)s (%(reason)s)")
                % {"url": self.url, "reason": reason}
            ) from error
        except json.JSONDecodeError as error:
            raise Unreachable(
                _("%(url)s did not answer as an Odoo server: check the address")
                % {"url": self.url}
            ) from error
        return answer["result"]

    def _execute(self, method, **kwargs):
        if self.uid is None:
            self.authenticate()
        return self._call(
            "object",
            "execute_kw",
            self.database,
            self.uid,
            self._api_key,
            API_MODEL,
            method,
            [],
            kwargs,
        )

    def authenticate(self):
        """Check the login and the API key; raise WrongCredentials if refused."""
        uid = self._call(
            "common", "login", self.database, self.login_name, self._api_key
        )
        if not uid:
            raise self._refused()
        self.uid = uid
        return uid

    def _refused(self):
        return WrongCredentials(
            _(
                "%(url)s refused user %(login)s with this API key on database "
                "%(database)s: the key may be revoked or expired. Create a new one "
                "in Odoo (My Profile > Account Security > New API Key) and run "
                "parcours login again."
            )
            % {"url": self.url, "login": self.login_name, "database": self.database}
        )

    # ------------------------------------------------------------ the API
    def whoami(self):
        return self._execute("whoami")

    def commands(self):
        return self._execute("commands")

    # Each write goes with a key of its own, the same for all its tries: the
    # server answers a try it already wrote with the first answer.
    def upload(self, rows, upload=None):
        return self._execute(
            "upload", rows=rows, upload=upload, idempotency_key=_new_key()
        )

    def upload_file(self, piece, upload=None):
        return self._execute(
            "upload", file=piece, upload=upload, idempotency_key=_new_key()
        )

    def import_rows(self, kind, rows, upload=None, dry_run=False, **options):
        return self._execute(
            IMPORT_METHODS[kind],
            rows=rows,
            upload=upload,
            dry_run=dry_run,
            idempotency_key=_new_key(),
            **options,
        )

    def import_file(self, kind, piece, filename, upload=None, dry_run=False, **options):
        return self._execute(
            IMPORT_METHODS[kind],
            file=piece,
            filename=filename,
            upload=upload,
            dry_run=dry_run,
            idempotency_key=_new_key(),
            **options,
        )

    def devices(self, stage=None):
        return self._execute("devices", stage=stage)

    def lots(self):
        return self._execute("lots")

    def export_kinds(self):
        return self._execute("export_kinds")

    def export(self, kind, period):
        return self._execute("export", kind=kind, period=period)

    def dashboard(self):
        return self._execute("dashboard")


def _new_key():
    """An idempotency key: one per write, kept for its retries."""
    return uuid.uuid4().hex


def _error_data(error):
    info = error.info if isinstance(error.info, dict) else {}
    return info.get("data") or {}


def _server_error(error):
    """The client's error for an error the server sent back."""
    data = _error_data(error)
    name = data.get("name", "")
    message = data.get("message") or str(error)
    if name in USER_ERRORS:
        return USER_ERRORS[name](message)
    if "does not exist" in message and "database" in message:
        return WrongCredentials(f"the server has no such database ({message})")
    return ParcoursError(_("the server failed: %(message)s") % {"message": message})
