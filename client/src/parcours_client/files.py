"""Read a partner's file as it is, for the server to parse.

The client has no parser of its own: the server's import engine reads XLSX and
CSV (UTF-8, Windows, UTF-16), names every bad cell by its row and column and
knows which headers mean what, in English and French. The client only checks
that there is a file and that it is not empty.
"""

from pathlib import Path

from .errors import BadFile
from .i18n import _


def read_file(path):
    """The content of the file at ``path`` (bytes)."""
    path = Path(path)
    if not path.is_file():
        raise BadFile(_("%(path)s: no such file") % {"path": path})
    try:
        content = path.read_bytes()
    except OSError as error:
        raise BadFile(
            _("%(path)s cannot be read (%(reason)s)")
            % {"path": path, "reason": error.strerror}
        ) from error
    if not content.strip():
        raise BadFile(
            _("%(path)s is empty: it needs a header row, then one row a line")
            % {"path": path}
        )
    return content
