# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers every Parcours addon shares, importable without the registry."""

# What an integer column holds.
INTEGER_COLUMN = (-(2**31), 2**31 - 1)


def selection_label(record, field_name, value=None):
    """The label, in the user's language, of ``value`` (default: the record's)."""
    if value is None:
        record.ensure_one()
        value = record[field_name]
    field = record._fields[field_name]
    return dict(field._description_selection(record.env)).get(value, value or "")
