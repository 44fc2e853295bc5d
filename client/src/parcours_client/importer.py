"""Send an import in chunks, all or nothing.

The rows go in at most ``MAX_CHUNKS`` chunks: all but the last are kept by the
server under one upload token (``upload``), the last one comes with the import
call, which takes them all and writes them in one transaction. So a chunk that
fails leaves nothing written, a server that stops mid-import writes nothing, and
the number of round trips stays the same whatever the size of the file.
"""

import math

MAX_CHUNKS = 10
MIN_CHUNK_ROWS = 20


def chunks(rows):
    """``rows`` cut into at most MAX_CHUNKS chunks of at least MIN_CHUNK_ROWS."""
    if not rows:
        return [[]]
    size = max(MIN_CHUNK_ROWS, math.ceil(len(rows) / MAX_CHUNKS))
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def send(server, kind, rows, dry_run=False, progress=None, **options):
    """Import ``rows`` of ``kind`` (lot, triage, refurbish); the server's report.

    ``progress(rows, writing)`` is called after each chunk the server has kept,
    then with ``writing`` true just before the import call, which sends the last
    chunk and has the server check and write everything.
    """
    parts = chunks(rows)
    upload = None
    for part in parts[:-1]:
        upload = server.upload(part, upload=upload)
        if progress:
            progress(len(part), False)
    if progress:
        progress(len(parts[-1]), True)
    return server.import_rows(
        kind, parts[-1], upload=upload, dry_run=dry_run, **options
    )
