"""Reading partners' files and cutting imports in chunks (no server needed)."""

import datetime

import openpyxl
import pytest
from parcours_client import files, importer
from parcours_client.errors import BadFile


def test_xlsx_rows_keep_the_sheets_row_numbers_and_json_values(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Numéro de série", "Date", "Heures", "RAM"])
    sheet.append(["SN-1", datetime.datetime(2026, 11, 5), datetime.time(0, 30), 8])
    sheet.append([None, None, None, None])  # a blank row keeps its number
    sheet.append(["SN-2", datetime.datetime(2026, 11, 6, 14, 5), None, "  16 "])
    path = tmp_path / "file.xlsx"
    book.save(path)
    assert files.read_rows(path) == [
        {
            "row": 2,
            "Numéro de série": "SN-1",
            "Date": "2026-11-05",
            "Heures": "00:30:00",
            "RAM": 8,
        },
        {
            "row": 4,
            "Numéro de série": "SN-2",
            "Date": "2026-11-06T14:05:00",
            "RAM": "16",
        },
    ]


def test_csv_from_a_french_spreadsheet(tmp_path):
    path = tmp_path / "file.csv"
    path.write_bytes(
        "Série;Modèle;Poids\r\nA1;Dell;1,5\r\n;;\r\nA2;HP;\r\n".encode("cp1252")
    )
    assert files.read_rows(path) == [
        {"row": 2, "Série": "A1", "Modèle": "Dell", "Poids": "1,5"},
        {"row": 4, "Série": "A2", "Modèle": "HP"},
    ]


def test_unreadable_files(tmp_path):
    with pytest.raises(BadFile, match="no such file"):
        files.read_rows(tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_text("\n\n")
    with pytest.raises(BadFile, match="is empty"):
        files.read_rows(tmp_path / "empty.csv")


@pytest.mark.parametrize(
    "count, expected",
    [(0, 1), (5, 1), (45, 3), (200, 10), (2000, 10), (50000, 10)],
)
def test_an_import_takes_at_most_ten_chunks(count, expected):
    rows = list(range(count))
    chunks = importer.chunks(rows)
    assert len(chunks) == expected
    assert [row for chunk in chunks for row in chunk] == rows
