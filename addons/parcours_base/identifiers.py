# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Identifiers typed by people (voucher numbers, serials, references), compared
as one whatever the keyboard or spreadsheet added to them.

The one place where an identifier is normalised: every model, import and search
calls these, so that a voucher number with a zero-width space or a
non-breaking hyphen in it is the voucher already used, not a new one.
"""

import re
import unicodedata

# Every dash and hyphen of Unicode (category Pd) and the minus signs, as '-'.
_DASHES = {
    char
    for char in map(chr, range(0x2010, 0x2016))  # hyphen .. horizontal bar
}
_DASHES |= {"\u2212", "\ufe58", "\ufe63", "\uff0d", "\u2043", "\u02d7"}
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_SPACES = re.compile(r"\s+")
# Control characters a text column of PostgreSQL refuses (NUL) or that no one
# types on purpose (the others but tab, line feed and carriage return).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_identifier(text):
    """The identifier as it is shown and stored: NFKC, without format characters
    (zero-width space, joiners, marks of direction...), dashes as '-', spaces
    trimmed and collapsed. Case is kept; ``identifier_key`` folds it.
    """
    if text is None or text is False:
        return text
    text = unicodedata.normalize("NFKC", str(text)).translate(_DASH_TABLE)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return _SPACES.sub(" ", text).strip()


def identifier_key(text):
    """What two identifiers are compared on: normalised and case folded."""
    if not text:
        return ""
    return normalise_identifier(text).casefold()


def control_characters(text):
    """The control characters of ``text`` a record may not hold, named (U+0000)."""
    if not isinstance(text, str):
        return []
    return [f"U+{ord(char):04X}" for char in dict.fromkeys(_CONTROL.findall(text))]
