# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2
import psycopg2.errors

from odoo.exceptions import UserError


class TemporaryError(UserError):
    """The database failed the request for a moment: sending it again is safe.

    Raised in place of a database fault (connection lost, server restarting, a
    serialization failure that Odoo's own retries did not absorb), whose
    transaction was rolled back: nothing of the request was written. A client
    recognises it by its name, ``odoo.addons.parcours_base.exceptions.
    TemporaryError``, and may retry; a business refusal (``UserError``,
    ``ValidationError``, ``AccessError``) is never one.
    """

    def __init__(self, message):
        super().__init__(message)
        # The web client shows it as it shows a UserError: a warning dialog
        # with the message, not the "Oops" dialog with a traceback.
        self.context = {"exception_class": "odoo.exceptions.UserError"}


def temporary_fault(exception):
    """The database fault behind ``exception``, if it is a temporary one.

    Connection faults (``InterfaceError``, ``OperationalError``: connection
    lost, server shutting down or starting, too many clients) and concurrency
    failures (serialization failure, deadlock, lock not available) pass when
    the request is sent again. A query cancelled by a timeout would fail the
    same way again: it is not temporary.
    """
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, UserError):
            # a message of the code, even when it answers a fault: kept
            return None
        if isinstance(exception, psycopg2.InterfaceError) or (
            isinstance(exception, psycopg2.OperationalError)
            and not isinstance(exception, psycopg2.errors.QueryCanceled)
        ):
            return exception
        exception = exception.__cause__ or exception.__context__
    return None
