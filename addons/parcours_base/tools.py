# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers every Parcours addon shares, importable without the registry."""

import unicodedata

# What an integer column holds.
INTEGER_COLUMN = (-(2**31), 2**31 - 1)


def selection_label(record, field_name, value=None):
    """The label, in the user's language, of ``value`` (default: the record's)."""
    if value is None:
        record.ensure_one()
        value = record[field_name]
    field = record._fields[field_name]
    return dict(field._description_selection(record.env)).get(value, value or "")


def french_of(name):
    """``name`` after the French preposition "de", elided before a vowel or an h.

    "d'ESAT Messidor", "d'Atelier de Die", "de PIHC". The French catalogue uses it
    where a name follows "de", as the ``of_name`` placeholders.
    """
    name = (name or "").strip()
    first = unicodedata.normalize("NFD", name[:1])[:1].lower()
    if first and first in "aeiouyh":
        return "d'%s" % name
    return "de %s" % name
