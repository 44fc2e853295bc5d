"""Reading partners' files and cutting imports in chunks (no server needed).

The files are parsed by the server's import engine: its readers' tests (row
numbers, JSON values, French CSV) are in parcours_devices/tests/test_import_engine.py.
"""

import base64

import pytest
from parcours_client import files, importer
from parcours_client.errors import BadFile


def test_unreadable_files(tmp_path):
    with pytest.raises(BadFile, match="no such file"):
        files.read_file(tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_text("\n\n")
    with pytest.raises(BadFile, match="is empty"):
        files.read_file(tmp_path / "empty.csv")


@pytest.mark.parametrize(
    "count, expected",
    [(0, 1), (5, 1), (45, 3), (200, 10), (2000, 10), (50000, 10)],
)
def test_an_import_takes_at_most_ten_chunks(count, expected):
    rows = list(range(count))
    chunks = importer.chunks(rows)
    assert len(chunks) == expected
    assert [row for chunk in chunks for row in chunk] == rows


def test_a_file_goes_whole_in_at_most_ten_pieces():
    content = bytes(range(256)) * 20000  # 5 MB
    pieces = importer.chunks(content, minimum=importer.MIN_CHUNK_BYTES)
    assert len(pieces) == 10
    assert b"".join(pieces) == content

    class Server:
        def __init__(self):
            self.pieces = []

        def upload_file(self, piece, upload=None):
            self.pieces.append(base64.b64decode(piece))
            return "token"

        def import_file(self, kind, piece, filename, upload=None, **options):
            self.pieces.append(base64.b64decode(piece))
            return {"kind": kind, "filename": filename, "upload": upload, **options}

    server = Server()
    report = importer.send(server, "lot", "lot.csv", content, lot="DON/1")
    assert report == {
        "kind": "lot",
        "filename": "lot.csv",
        "upload": "token",
        "dry_run": False,
        "lot": "DON/1",
    }
    assert b"".join(server.pieces) == content
