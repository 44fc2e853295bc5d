# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Values several Parcours models share: selections, their labels, sane ranges.

Each selection is defined here once and imported by every field that offers
it; ``selection_label`` is the one way to show the label of a value in a
message or an export.
"""

STORAGE_TYPES = [
    ("hdd", "HDD"),
    ("ssd", "SSD"),
    ("nvme", "NVMe SSD"),
    ("emmc", "eMMC"),
]
GRADES = [
    ("a", "A - as new"),
    ("b", "B - light wear"),
    ("c", "C - visible wear"),
]
WORK_TYPES = [
    ("triage", "Triage"),
    ("dismantle", "Dismantling"),
    ("refurbish", "Refurbishment"),
]
DEVICE_TYPES = [
    ("laptop", "Laptop"),
    ("desktop", "Desktop"),
    ("tablet", "Tablet"),
    ("screen", "Screen"),
    ("other", "Other"),
]

# What a value may be, whoever sends it: beyond these a number is a typing error
# (or would overflow its database column) and is refused with a clear message.
MAX_RAM_GB = 4096
MAX_STORAGE_GB = 1_000_000
MAX_DEVICE_WEIGHT = 500.0
MAX_LOT_WEIGHT = 1_000_000.0
MAX_LOT_QUANTITY = 1_000_000
MAX_HOURS_PER_DEVICE = 100.0
# What an integer column holds.
INTEGER_COLUMN = (-(2**31), 2**31 - 1)


def selection_label(record, field_name, value=None):
    """The label, in the user's language, of ``value`` (default: the record's)."""
    if value is None:
        record.ensure_one()
        value = record[field_name]
    field = record._fields[field_name]
    return dict(field._description_selection(record.env)).get(value, value or "")
