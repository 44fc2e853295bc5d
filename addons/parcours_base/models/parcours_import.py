# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..importing import Sheet


class ParcoursImport(models.AbstractModel):
    """The one import engine: every import of the Parcours goes through it.

    ``base_import`` imports one model's fields as they are named in the
    database; the partners' files name business columns (a serial, a verdict,
    a disk erased) that become several records of several models through the
    business methods, checked as the user. So each kind of import declares its
    columns, with their English and French headers, and one method that reads
    the sheet and returns what it would write: the engine reads the file (XLSX,
    CSV, UTF-16) or the cells sent, lists every bad cell by row and column, and
    writes only when there is none, in a savepoint (rolled back on a dry run).

    The layers add their kinds to ``_parcours_import_kinds``.
    """

    _name = "parcours.import"
    _description = "Parcours import engine"

    @api.model
    def _parcours_import_kinds(self):
        """{kind: {"label", "columns", "method", "model"}}; what the layers extend.

        ``columns`` maps each column key to the headers it accepts (compared
        without case nor accents). ``method(sheet, **options)`` is a method of
        ``model`` (by default this one): it reads the sheet, recording the
        errors of its cells, and returns a function that writes the import and
        returns its summary (lines of text), or None when there is nothing to
        write.
        """
        return {}

    @api.model
    def _parcours_import_spec(self, kind):
        kinds = self._parcours_import_kinds()
        if kind not in kinds:
            raise UserError(
                self.env._(
                    "There is no import %(kind)s: choose one of %(kinds)s.",
                    kind=kind,
                    kinds=", ".join(kinds),
                )
            )
        return kinds[kind]

    @api.model
    def _parcours_import_sheet(self, kind, file=None, filename=None, rows=None):
        """The sheet of ``file`` (its content, in base64) or of ``rows`` (dicts
        keyed by the file's headers, with ``row``, the row's number)."""
        columns = self._parcours_import_spec(kind)["columns"]
        if file:
            try:
                content = base64.b64decode(file, validate=True)
            except (binascii.Error, TypeError, ValueError) as error:
                raise UserError(
                    self.env._(
                        "The file %(file)s did not arrive whole: send it again.",
                        file=filename or "",
                    )
                ) from error
            return Sheet.from_file(self.env, content, filename, columns)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise UserError(
                self.env._("The rows are sent as a list of dicts, one per row.")
            )
        return Sheet(self.env, rows, columns)

    @api.model
    def _parcours_import_read(self, kind, sheet, **options):
        """The function that writes ``sheet`` (see ``_parcours_import_kinds``)."""
        spec = self._parcours_import_spec(kind)
        reader = self.env[spec.get("model", self._name)]
        return getattr(reader, spec["method"])(sheet, **options)

    @api.model
    def _parcours_import(self, kind, sheet, dry_run=False, **options):
        """Read then write ``sheet`` unless it has errors; the import's report.

        The business methods may still refuse (a rule the rows alone do not
        show): their message joins the report and nothing is written.
        """
        if sheet.unreadable:
            return sheet.report(dry_run)
        write = self._parcours_import_read(kind, sheet, **options)
        if not sheet.rows and not sheet.errors:
            sheet.error(None, None, self.env._("The file has no row to import."))
        if sheet.errors:
            return sheet.report(dry_run)
        try:
            with self.env.cr.savepoint() as savepoint:
                summary = write() if write else []
                if dry_run:
                    self.env.flush_all()
                    savepoint.close(rollback=True)
        except AccessError:
            raise
        except UserError as error:
            sheet.error(None, None, error.args[0])
            return sheet.report(dry_run)
        return sheet.report(dry_run, written=not dry_run, summary=summary)
