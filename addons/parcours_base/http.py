# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Database faults reach JSON-RPC clients as one clean, retryable error.

The JSON dispatcher serves the web client (``/web/dataset/call_kw``) and the
external API (``/jsonrpc``). A fault of the database reaches it either from
``ir.http._handle_error`` (inside the request's transaction) or straight from
the WSGI application, when not even a cursor could be opened (the server is
restarting): only the dispatcher sees both. Odoo registers a dispatcher per
routing type, so this subclass serves every JSON route of the server.
"""

import logging

from odoo.http import JsonRPCDispatcher, request
from odoo.tools.translate import LazyTranslate

from .exceptions import TemporaryError, temporary_fault

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

TEMPORARY_MESSAGE = _lt(
    "The database is temporarily unavailable: nothing was saved. "
    "Try again in a few seconds."
)


def _request_lang():
    """The language of the caller, found without the database."""
    # the context sent with the call: execute_kw's (/jsonrpc), call_kw's (web client)
    params = request.params if isinstance(request.params, dict) else {}
    call = params.get("args") or []
    kwargs = params.get("kwargs") or (call[6] if len(call) > 6 else None)
    context = kwargs.get("context") if isinstance(kwargs, dict) else None
    lang = context.get("lang") if isinstance(context, dict) else None
    if not lang:
        try:
            lang = request.env.context.get("lang")  # the session's
        except Exception:  # noqa: BLE001 (no environment: the database is gone)
            _logger.debug("no environment to read the language from", exc_info=True)
    return lang or request.best_lang or "en_US"


def temporary_error():
    """The error a client gets for a temporary fault, in the caller's language."""
    # read from the addon's .po files: the database may be gone
    return TemporaryError(TEMPORARY_MESSAGE._translate(_request_lang()))


class ParcoursJsonRPCDispatcher(JsonRPCDispatcher):
    routing_type = "json"

    def handle_error(self, exc):
        fault = temporary_fault(exc)
        if fault is not None:
            _logger.warning("temporary database fault answered as such: %s", fault)
            clean = temporary_error()
            try:
                raise clean from exc
            except TemporaryError:
                # serialize_exception formats the exception being handled:
                # the client's traceback is the clean error's, caused by the fault
                return super().handle_error(clean)
        return super().handle_error(exc)
