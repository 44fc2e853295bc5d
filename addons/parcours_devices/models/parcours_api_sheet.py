# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rows of a spreadsheet sent to ``parcours.api``, and what is wrong with them.

Not a model: the API reads the rows a partner sends, cell by cell, and names every
bad cell by its row and column before any business method runs.
"""

import datetime
import unicodedata

from odoo import fields

# Cell values read as yes or no, in English and French, once normalised.
YES = {"1", "yes", "y", "true", "x", "ok", "pass", "passed", "oui", "o", "vrai"}
NO = {"0", "no", "n", "false", "ko", "fail", "failed", "non", "faux"}


def normalise(text):
    """Lower case, without accents nor repeated spaces: how names are compared."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().replace("’", "'").split())


def selection_choices(env, field, aliases=None):
    """Names of the values of a selection field, normalised: its keys, its labels
    in English and in the user's language, and ``aliases`` ({key: names})."""
    choices = {}
    for lang_env in (env, env(context=dict(env.context, lang="en_US"))):
        for key, label in field._description_selection(lang_env):
            choices.setdefault(normalise(key), key)
            choices.setdefault(normalise(label), key)
    for key, names in (aliases or {}).items():
        for name in names:
            choices.setdefault(normalise(name), key)
    return choices


class CellError(ValueError):
    """A cell that cannot be read; its message says what is expected."""


class Sheet:
    """Rows as sent by a client, read against the columns an import accepts.

    ``rows`` are dicts keyed by the file's headers (English or French, in any
    case, or the column keys themselves); the key ``row`` is the row's number in
    the file. ``columns`` maps each column key to the headers it accepts.
    Errors are collected as ``{"row", "column", "message"}``, the column named
    as the file names it.
    """

    def __init__(self, env, rows, columns):
        self.env = env
        self.columns = columns
        lookup = {}
        for key, aliases in columns.items():
            for alias in (key, *aliases):
                lookup.setdefault(normalise(alias), key)
        self.errors = []
        self.headers = {}
        self.ignored = []
        self.rows = []
        for index, cells in enumerate(rows, start=2):  # row 1 holds the headers
            values = {}
            for name, value in cells.items():
                if name == "row":
                    continue
                key = lookup.get(normalise(name))
                if key is None:
                    if name not in self.ignored:
                        self.ignored.append(name)
                    continue
                self.headers.setdefault(key, str(name))
                if isinstance(value, str):
                    value = value.strip()
                if value is not None and value != "":
                    values[key] = value
            if values:
                number = cells.get("row")
                if not isinstance(number, int) or isinstance(number, bool):
                    number = index
                self.rows.append(Row(self, number, values))

    def __iter__(self):
        return iter(self.rows)

    def error(self, number, key, message):
        column = self.headers.get(key, key) if key else None
        self.errors.append({"row": number, "column": column, "message": message})

    def require(self, *keys):
        """Report the required columns the file lacks; True when it has them all."""
        missing = [key for key in keys if key not in self.headers]
        for key in missing:
            self.error(
                None,
                key,
                self.env._(
                    "the file has no such column: name one of its headers %(names)s",
                    names=" / ".join(
                        dict.fromkeys((key, *self.columns[key][:3])).keys()
                    ),
                ),
            )
        return not missing

    def report(self, dry_run, written=False, summary=()):
        return {
            "rows": len(self.rows),
            # by row, in the order of the columns checked (stable sort)
            "errors": sorted(self.errors, key=lambda error: error["row"] or 0),
            "ignored_columns": self.ignored,
            "dry_run": bool(dry_run),
            "written": written,
            "summary": list(summary),
        }

    # ------------------------------------------------------------ converters
    # Each returns a function of a cell value that raises CellError.
    def text(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a serial typed as a number in a spreadsheet
        return str(value).strip()

    def number(self, minimum=None, maximum=None, integer=False):
        def convert(value):
            if isinstance(value, bool):
                raise CellError(self._number_expected(value, integer))
            try:
                number = float(str(value).replace(",", ".").replace(" ", ""))
            except ValueError as error:
                raise CellError(self._number_expected(value, integer)) from error
            if integer and not number.is_integer():
                raise CellError(self._number_expected(value, integer))
            self._check_range(number, minimum, maximum)
            return int(number) if integer else number

        return convert

    def hours(self, value):
        """Hours as a number (1.5, "1,5") or a duration "h:mm" (1:30)."""
        text = str(value).strip()
        if ":" in text:
            try:
                parts = [int(part) for part in text.split(":")]
            except ValueError:
                parts = []
            if len(parts) in (2, 3) and all(part >= 0 for part in parts):
                return round(sum(p / 60**i for i, p in enumerate(parts)), 4)
            raise CellError(
                self.env._(
                    "hours as a number (1.5) or a duration (1:30) are expected, "
                    "not %(value)s",
                    value=text,
                )
            )
        return self.number(minimum=0)(value)

    def boolean(self, value):
        if isinstance(value, bool):
            return value
        word = normalise(self.text(value))
        if word in YES:
            return True
        if word in NO:
            return False
        raise CellError(self.env._("yes or no is expected, not %(value)s", value=value))

    def date(self, value):
        text = str(value).strip()[:10]
        for parse in (fields.Date.to_date, self._french_date):
            try:
                return parse(text)
            except ValueError:
                continue
        raise CellError(
            self.env._(
                "a date is expected (2026-11-05 or 05/11/2026), not %(value)s",
                value=value,
            )
        )

    def choice(self, choices):
        """``choices`` maps normalised names to values; the first name is shown."""

        def convert(value):
            key = choices.get(normalise(self.text(value)))
            if key is None:
                raise CellError(
                    self.env._(
                        "one of %(choices)s is expected, not %(value)s",
                        choices=", ".join(dict.fromkeys(choices.values())),
                        value=value,
                    )
                )
            return key

        return convert

    def selection_choices(self, field, aliases=None):
        return selection_choices(self.env, field, aliases)

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _french_date(text):
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()

    def _number_expected(self, value, integer):
        if integer:
            return self.env._("a whole number is expected, not %(value)s", value=value)
        return self.env._("a number is expected, not %(value)s", value=value)

    def _check_range(self, number, minimum, maximum):
        if minimum is not None and number < minimum:
            if minimum == 0:
                raise CellError(self.env._("cannot be negative"))
            raise CellError(self.env._("must be at least %(minimum)s", minimum=minimum))
        if maximum is not None and number > maximum:
            raise CellError(
                self.env._(
                    "must be between %(minimum)s and %(maximum)s",
                    minimum=minimum or 0,
                    maximum=maximum,
                )
            )


class Row:
    """One row of a ``Sheet``: its number in the file and its non-empty cells."""

    def __init__(self, sheet, number, values):
        self.sheet = sheet
        self.number = number
        self.values = values

    def error(self, key, message):
        self.sheet.error(self.number, key, message)

    def get(self, key, convert=None, required=False, default=None):
        """The cell ``key`` converted, or ``default`` (the error is recorded)."""
        if key not in self.values:
            if required:
                self.error(key, self.sheet.env._("this cell is empty: fill it in"))
            return default
        try:
            return (convert or self.sheet.text)(self.values[key])
        except CellError as error:
            self.error(key, str(error))
            return default
