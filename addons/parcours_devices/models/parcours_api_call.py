# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import json_default

# How long the answer to a write is kept for a client that sends it again.
CALLS_KEPT = datetime.timedelta(days=7)
MAX_KEY_LENGTH = 128


class ParcoursApiCall(models.Model):
    """A write of ``parcours.api`` already done, by its idempotency key.

    A client that lost the answer to a write (time-out, connection cut, server
    restarted) sends the same call again with the same key: it gets the first
    answer, and nothing is written twice. The key and the answer must outlive
    the request and a restart, and be unique per user in the database, which
    no core model offers (``ir.attachment`` or ``ir.config_parameter`` have no
    unique index on such a pair). Only the server reads and writes these rows.
    """

    _name = "parcours.api.call"
    _description = "Parcours API write already done"
    _log_access = False

    key = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, ondelete="cascade"
    )
    command = fields.Char(required=True, readonly=True)
    result = fields.Json(readonly=True)
    create_date = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "key_user_uniq",
            "UNIQUE (key, user_id)",
            "This idempotency key was already used.",
        )
    ]

    @api.model
    def _parcours_once(self, key, command, call):
        """``call()``'s answer, or the answer of the first call with ``key``.

        The key is taken by an insert before the write: a second call with the
        same key waits for the first one's transaction. If the first one
        commits, the second one's snapshot no longer holds and PostgreSQL asks
        for a retry, which Odoo makes: the retry finds the answer. If the first
        one fails, its key goes with it, and the second one does the write.
        """
        if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
            raise UserError(
                self.env._(
                    "The idempotency key is a text of at most %(max)s characters, "
                    "one per command: send a new one, such as a UUID.",
                    max=MAX_KEY_LENGTH,
                )
            )
        cr = self.env.cr
        cr.execute(
            """INSERT INTO parcours_api_call (key, user_id, command, create_date)
                    VALUES (%s, %s, %s, now() AT TIME ZONE 'UTC')
               ON CONFLICT (key, user_id) DO NOTHING
                 RETURNING id""",
            (key, self.env.uid, command),
            # a concurrent duplicate is retried by Odoo, not an error
            log_exceptions=False,
        )
        row = cr.fetchone()
        if not row:
            cr.execute(
                "SELECT command, result FROM parcours_api_call "
                "WHERE key = %s AND user_id = %s",
                (key, self.env.uid),
            )
            first_command, result = cr.fetchone()
            if first_command != command:
                raise UserError(
                    self.env._(
                        "This idempotency key was already used for %(command)s: "
                        "send a new key with each command.",
                        command=first_command,
                    )
                )
            return result
        result = call()
        cr.execute(
            "UPDATE parcours_api_call SET result = %s WHERE id = %s",
            (json.dumps(result, default=json_default), row[0]),
        )
        return result

    @api.autovacuum
    def _gc_parcours_api_calls(self):
        self.env.cr.execute(
            "DELETE FROM parcours_api_call WHERE create_date < %s",
            (fields.Datetime.now() - CALLS_KEPT,),
        )
