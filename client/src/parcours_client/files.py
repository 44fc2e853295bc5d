"""Read a partner's spreadsheet (XLSX or CSV) into rows for the server.

Each row is a dict keyed by the file's own headers, with ``row``, its number in
the file, so that the server's report names the rows and columns as the partner
sees them. Which headers mean what (English or French) is the server's business.
"""

import csv
import datetime
import io
import zipfile
from pathlib import Path

import openpyxl

from .errors import BadFile


def read_rows(path):
    """The rows of the file's first sheet, below its header row."""
    path = Path(path)
    if not path.is_file():
        raise BadFile(f"{path}: no such file")
    content = path.read_bytes()
    if content[:2] == b"PK" or path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, content)
    else:
        table = _read_csv(path, content)
    return _rows(path, table)


def _read_xlsx(path, content):
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise BadFile(
            f"{path} cannot be read as an XLSX spreadsheet ({error}): save it as "
            "XLSX or CSV"
        ) from error
    try:
        sheet = book.worksheets[0]
        return [
            (number, [_cell(value) for value in cells])
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def _read_csv(path, content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BadFile(f"{path} is neither UTF-8 nor Windows text: save it as UTF-8")
    first_line = text.splitlines()[0] if text else ""
    try:
        dialect = csv.Sniffer().sniff(first_line, ";,\t")
    except csv.Error:
        dialect = csv.excel  # one column: nothing to sniff
    return list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))


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


def _rows(path, table):
    lines = [(number, cells) for number, cells in table if not all(map(_blank, cells))]
    if not lines:
        raise BadFile(f"{path} is empty: it needs a header row, then one row a line")
    header_number, header = lines[0]
    headers = [None if _blank(cell) else str(cell).strip() for cell in header]
    if not any(headers):
        raise BadFile(f"{path}: row {header_number} has no header")
    rows = []
    for number, cells in lines[1:]:
        row = {"row": number}
        for name, value in zip(headers, cells, strict=False):
            if name and name not in row and not _blank(value):
                row[name] = value.strip() if isinstance(value, str) else value
        rows.append(row)
    return rows
