# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which sanitisation technique reaches which category on which media.

Sources: NIST SP 800-88 Rev. 2 (September 2025), "Guidelines for Media
Sanitization", which keeps the three categories Clear, Purge and Destroy and
refers to IEEE Std 2883-2022 for the techniques of each media; NIST SP 800-88
Rev. 1 (December 2014), Appendix A (minimum sanitisation per media: ATA hard
disk drives, ATA and NVMe solid state drives, eMMC and other flash memory) and
Appendix G (the sample certificate of sanitisation whose fields the erasure
record keeps).

What the table says, in short:
- a software overwrite of the addressable blocks is a Clear on every media,
  a Purge on none: on flash, worn or over-provisioned blocks keep old data;
- degaussing only acts on magnetic media: it is a Purge of an HDD and does
  nothing to flash;
- the Sanitize commands (ATA SANITIZE, NVMe Sanitize: block erase, crypto
  erase) are the Purge of solid state media; the legacy ATA SECURITY ERASE
  UNIT is kept as a Purge of HDDs only, as Rev. 2 no longer trusts it on flash;
- Destroy is physical destruction (shredding, disintegration), whatever the
  media.
"""

MEDIA_TYPES = [
    ("hdd", "HDD"),
    ("ssd", "SATA SSD"),
    ("nvme", "NVMe SSD"),
    ("emmc", "eMMC"),
    ("flash", "Other flash"),
]
CATEGORIES = [("clear", "Clear"), ("purge", "Purge"), ("destroy", "Destroy")]
TECHNIQUES = [
    ("overwrite", "Overwrite"),
    ("block_erase", "Block erase"),
    ("crypto_erase", "Cryptographic erase"),
    ("ata_sanitize", "ATA sanitize command"),
    ("nvme_sanitize", "NVMe sanitize command"),
    ("secure_erase", "Legacy ATA secure erase"),
    ("degauss", "Degaussing"),
    ("shred", "Physical destruction"),
]
# Techniques that leave no usable disk: its destination can only be destroyed.
DESTRUCTIVE_TECHNIQUES = frozenset({"degauss", "shred"})

_DESTROY = frozenset({"shred"})
# {media: {category: techniques that reach it}}
VALID_TECHNIQUES = {
    "hdd": {
        "clear": frozenset(
            {"overwrite", "ata_sanitize", "secure_erase", "crypto_erase"}
        ),
        "purge": frozenset({"ata_sanitize", "secure_erase", "crypto_erase", "degauss"}),
        "destroy": _DESTROY,
    },
    "ssd": {
        "clear": frozenset(
            {"overwrite", "ata_sanitize", "block_erase", "crypto_erase", "secure_erase"}
        ),
        "purge": frozenset({"ata_sanitize", "block_erase", "crypto_erase"}),
        "destroy": _DESTROY,
    },
    "nvme": {
        "clear": frozenset(
            {"overwrite", "nvme_sanitize", "block_erase", "crypto_erase"}
        ),
        "purge": frozenset({"nvme_sanitize", "block_erase", "crypto_erase"}),
        "destroy": _DESTROY,
    },
    "emmc": {
        "clear": frozenset({"overwrite", "block_erase"}),
        "purge": frozenset({"block_erase", "crypto_erase"}),
        "destroy": _DESTROY,
    },
    "flash": {
        "clear": frozenset({"overwrite"}),
        "purge": frozenset({"crypto_erase"}),
        "destroy": _DESTROY,
    },
}
