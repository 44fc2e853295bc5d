# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one import engine of the Parcours: a file or its cells in, and the report
of what is wrong with them, row by row and column by column.

Modelled on ``base_import``: readers for XLSX and for CSV in the encodings a
spreadsheet saves (UTF-8 with or without its mark, Windows cp1252, UTF-16), then
one column spec per kind of import with the English and French headers each
column accepts. Every bad cell is named by its row and column before any
business method runs; the model ``parcours.import`` then writes all or nothing.
Not a model itself: plain classes the readers of each kind use.
"""

import contextlib
import csv
import datetime
import io
import unicodedata
import zipfile

from odoo import fields
from odoo.exceptions import UserError

from .identifiers import control_characters

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


# Encodings a spreadsheet saved as CSV comes in, tried in this order: UTF-8 (with
# or without its mark), then what Excel writes on a French Windows. UTF-16 ("Unicode
# text") is told by its byte order mark.
CSV_ENCODINGS = ("utf-8-sig", "cp1252")
CSV_SEPARATORS = ";,\t"


class ImportFileError(UserError):
    """A file that cannot be read; ``row`` and ``column`` say where, if known."""

    def __init__(self, message, row=None, column=None):
        super().__init__(message)
        self.row = row
        self.column = column


def read_table(env, content, filename=""):
    """[(row number, [cells])] of the first sheet of an XLSX or CSV file.

    Row numbers are the file's own, blank rows counted; cells are values JSON
    can carry (dates as ISO text, durations as h:mm). A file that is no
    spreadsheet raises a ``UserError`` saying how to save it.
    """
    name = (filename or "").lower()
    if content[:2] == b"PK" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(env, content, filename)
    return _read_csv(env, content, filename)


def _read_xlsx(env, content, filename):
    import openpyxl

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError(
            env._(
                "The file %(file)s cannot be read as a spreadsheet: it cannot "
                "be read as an XLSX spreadsheet (%(error)s). Save it as XLSX or "
                "CSV and try again.",
                file=filename or "",
                error=error,
            )
        ) from error
    try:
        sheet = book.worksheets[0]
        return [
            (number, [_cell(value) for value in cells])
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def _read_csv(env, content, filename):
    text = _decode_text(env, content, filename)
    lines = text.splitlines()
    try:
        dialect = csv.Sniffer().sniff(lines[0] if lines else ",", CSV_SEPARATORS)
    except csv.Error:
        dialect = csv.excel  # one column: nothing to sniff
    try:
        return list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
    except csv.Error as error:
        raise ImportFileError(
            env._(
                "The file %(file)s cannot be read as CSV (%(error)s): open it in "
                "a spreadsheet, save it as CSV or XLSX and try again.",
                file=filename or "",
                error=error,
            )
        ) from error


def _decode_text(env, content, filename):
    """The text of a CSV file, or a message saying how to save it.

    A control character outside UTF-16 means the file is not text at all
    (a binary file renamed .csv): it is refused as a whole.
    """
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        with contextlib.suppress(UnicodeDecodeError):
            return _checked_text(env, content.decode("utf-16"), filename)
    else:
        for encoding in CSV_ENCODINGS:
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            if encoding == "utf-8-sig" or b"\x00" not in content:
                return _checked_text(env, text, filename)
    raise ImportFileError(
        env._(
            "The file %(file)s is not a spreadsheet saved as text: save it as CSV "
            "(UTF-8) or XLSX and try again.",
            file=filename or "",
        )
    )


def _checked_text(env, text, filename):
    """``text``, unless it holds a control character: then where it is.

    A text file has none (but tab and line ends); one is a cell typed wrong,
    or a binary file renamed .csv.
    """
    bad = next(
        (i for i, char in enumerate(text) if ord(char) < 32 and char not in "\t\r\n\f"),
        None,
    )
    if bad is None:
        return text
    start = text.rfind("\n", 0, bad) + 1
    row = text.count("\n", 0, bad) + 1
    line = text[start : text.find("\n", bad) if "\n" in text[bad:] else len(text)]
    lines = text.splitlines()
    try:
        dialect = csv.Sniffer().sniff(lines[0] if lines else ",", CSV_SEPARATORS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    column = line.count(delimiter, 0, bad - start) + 1
    header = next(csv.reader([lines[0]], delimiter=delimiter), []) if lines else []
    name = header[column - 1] if 0 < column <= len(header) else str(column)
    raise ImportFileError(
        env._(
            "The file %(file)s is not a spreadsheet saved as text: row %(row)s, "
            "column %(column)s holds a control character (%(char)s). Type the "
            "cell again, or save the file as CSV (UTF-8) or XLSX, and try again.",
            file=filename or "",
            row=row,
            column=name,
            char=f"U+{ord(text[bad]):04X}",
        ),
        row=row,
        column=name,
    )


def _cell(value):
    """A value JSON can carry: dates as ISO text, durations as h:mm:ss."""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, datetime.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return value


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def table_rows(table):
    """The rows of a table below its header row, as dicts keyed by the headers.

    Each dict has ``row``, the row's number in the file, and its non-blank
    cells; cells beyond the header row are kept under ``None`` so that the
    sheet reports them. Blank rows are left out.
    """
    lines = [(number, cells) for number, cells in table if not all(map(_blank, cells))]
    if not lines:
        return []
    __, header = lines[0]
    headers = [None if _blank(cell) else str(cell).strip() for cell in header]
    width = max((i + 1 for i, name in enumerate(headers) if name), default=0)
    rows = []
    for number, cells in lines[1:]:
        row = {"row": number}
        for name, value in zip(headers, cells, strict=False):
            if name and name not in row and not _blank(value):
                row[name] = value.strip() if isinstance(value, str) else value
        if any(not _blank(value) for value in cells[width:]):
            row[None] = width
        rows.append(row)
    if not rows:
        # the header alone: keep its names, so that missing columns are named
        rows.append({"row": None, **dict.fromkeys(filter(None, headers))})
    return rows


class CellError(ValueError):
    """A cell that cannot be read; its message says what is expected.

    ``lead``, if given, introduces the message in the lines of text of
    ``Sheet.error_lines`` (what the import expects of such cells).
    """

    def __init__(self, message, lead=None):
        super().__init__(message)
        self.lead = lead


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
        self.unreadable = False  # the file could not be read at all
        self.headers = {}
        self.found = []
        self.ignored = []
        self.rows = []
        for index, cells in enumerate(rows, start=2):  # row 1 holds the headers
            number = cells.get("row")
            if not isinstance(number, int) or isinstance(number, bool):
                number = index
            values, bad = {}, set()
            for name, value in cells.items():
                if name == "row":
                    continue
                if name is None:  # cells beyond the header row (table_rows)
                    self.error(
                        number,
                        None,
                        env._(
                            "row %(row)s has more cells than the header row "
                            "(%(count)s columns): check the separator, or put "
                            "quotes around a text that holds one",
                            row=number,
                            count=value,
                        ),
                    )
                    continue
                if str(name) not in self.found:
                    self.found.append(str(name))
                key = lookup.get(normalise(name))
                if key is None:
                    if name not in self.ignored:
                        self.ignored.append(name)
                    continue
                self.headers.setdefault(key, str(name))
                if isinstance(value, str):
                    value = value.strip()
                    if control_characters(value):
                        self.error(
                            number,
                            key,
                            env._(
                                "this cell holds a control character (%(chars)s) "
                                "that no text may hold: type the cell again",
                                chars=", ".join(control_characters(value)),
                            ),
                        )
                        bad.add(key)
                        continue
                if value is not None and value != "":
                    values[key] = value
            if values or bad:
                self.rows.append(Row(self, number, values, bad))

    @classmethod
    def from_file(cls, env, content, filename, columns):
        """The sheet of a file's content (bytes): see ``read_table``.

        A file that cannot be read gives a sheet without rows, with the error.
        """
        try:
            table = read_table(env, content, filename)
        except ImportFileError as error:
            sheet = cls(env, [], columns)
            sheet.error(error.row, error.column, error.args[0])
            sheet.unreadable = True
            return sheet
        return cls(env, table_rows(table), columns)

    def __iter__(self):
        return iter(self.rows)

    def error(self, number, key, message, lead=None):
        column = self.headers.get(key, key) if key else None
        error = {"row": number, "column": column, "message": message}
        if lead:
            error["lead"] = lead  # for error_lines only, not in the report
        self.errors.append(error)

    def require(self, *keys):
        """Report the required columns the file lacks; True when it has them all."""
        missing = [key for key in keys if key not in self.headers]
        for key in missing:
            self.error(
                None,
                key,
                self.env._(
                    "the file has no column '%(column)s' (found: %(found)s): name "
                    "one of its headers %(names)s",
                    column=key,
                    found=", ".join(self.found) or self.env._("nothing"),
                    names=" / ".join(
                        dict.fromkeys((key, *self.columns[key][:3])).keys()
                    ),
                ),
            )
        return not missing

    def error_lines(self):
        """The errors as lines of text, for a message in the web client."""
        lines = []
        for error in sorted(self.errors, key=lambda error: error["row"] or 0):
            if error["row"] and error["column"] and not self.unreadable:
                message = error["message"]
                if error.get("lead"):
                    message = f"{error['lead']}: {message}"
                line = self.env._(
                    "row %(row)s: %(message)s (column %(column)s)",
                    row=error["row"],
                    message=message,
                    column=error["column"],
                )
            else:  # a message of a row or of the file names its place itself
                line = error["message"]
            lines.append(line)
        return lines

    def report(self, dry_run, written=False, summary=()):
        return {
            "rows": len(self.rows),
            # by row, in the order of the columns checked (stable sort)
            "errors": [
                {key: error[key] for key in ("row", "column", "message")}
                for error in sorted(self.errors, key=lambda error: error["row"] or 0)
            ],
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

    def __init__(self, sheet, number, values, bad=()):
        self.sheet = sheet
        self.number = number
        self.values = values
        # the cells already reported as unreadable: not reported again
        self.bad = set(bad)

    def error(self, key, message, lead=None):
        self.sheet.error(self.number, key, message, lead=lead)

    def get(self, key, convert=None, required=False, default=None):
        """The cell ``key`` converted, or ``default`` (the error is recorded)."""
        if key not in self.values:
            if required and key not in self.bad:
                self.error(key, self.sheet.env._("this cell is empty: fill it in"))
            return default
        try:
            return (convert or self.sheet.text)(self.values[key])
        except CellError as error:
            self.error(key, str(error), lead=error.lead)
            return default
