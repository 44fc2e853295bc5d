"""Send an import in chunks, all or nothing.

The file goes in at most ``MAX_CHUNKS`` chunks: all but the last are kept by the
server under one upload token (``upload``), the last one comes with the import
call, which joins them, parses the file and writes it in one transaction. So a
chunk that fails leaves nothing written, a server that stops mid-import writes
nothing, and the number of round trips stays the same whatever the size of the
file.
"""

import base64
import math

MAX_CHUNKS = 10
MIN_CHUNK_ROWS = 20
# A file is cut in pieces of at least this many bytes.
MIN_CHUNK_BYTES = 256 * 1024


def chunks(items, minimum=MIN_CHUNK_ROWS):
    """``items`` (rows, or bytes) cut into at most MAX_CHUNKS chunks of at
    least ``minimum`` items."""
    if not items:
        return [items[:0]]
    size = max(minimum, math.ceil(len(items) / MAX_CHUNKS))
    return [items[start : start + size] for start in range(0, len(items), size)]


def send(server, kind, filename, content, dry_run=False, progress=None, **options):
    """Import the file ``content`` (bytes) of ``kind`` (lot, triage,
    refurbish); the server's report.

    ``progress(size, writing)`` is called after each chunk the server has kept,
    then with ``writing`` true just before the import call, which sends the last
    chunk and has the server parse, check and write everything.
    """
    parts = chunks(content, minimum=MIN_CHUNK_BYTES)
    upload = None
    for part in parts[:-1]:
        upload = server.upload_file(_encoded(part), upload=upload)
        if progress:
            progress(len(part), False)
    if progress:
        progress(len(parts[-1]), True)
    return server.import_file(
        kind,
        _encoded(parts[-1]),
        filename,
        upload=upload,
        dry_run=dry_run,
        **options,
    )


def _encoded(part):
    return base64.b64encode(part).decode("ascii")
