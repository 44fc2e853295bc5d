# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Values several Parcours models share: selections, their labels, sane ranges.

Each selection is defined here once and imported by every field that offers
it. ``selection_label`` (``parcours_base``) shows the label of a value.
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
