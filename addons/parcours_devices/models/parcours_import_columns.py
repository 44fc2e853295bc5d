# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The columns of each import of devices and the values their cells may hold.

Headers and values are compared without case nor accents (``normalise``); each
column key names itself too. English first, then French.
"""

from .parcours_work_order_line import FUNCTIONAL_TESTS

# Column headers accepted in an imported spreadsheet, English or French.
LOT_COLUMNS = {
    "serial": (
        "serial",
        "serial number",
        "numéro de série",
        "numero de serie",
        "série",
    ),
    "model": ("model", "device model", "modèle", "modele", "reference", "référence"),
    "cpu": ("cpu", "processor", "processeur"),
    "ram_gb": ("ram", "ram_gb", "ram (gb)", "ram (go)", "mémoire"),
    "storage_gb": (
        "storage",
        "storage_gb",
        "storage (gb)",
        "stockage",
        "stockage (go)",
    ),
    "storage_type": ("storage type", "storage_type", "type de stockage"),
    "os": ("os", "operating system", "système", "systeme"),
    "battery_health": ("battery", "battery_health", "battery health (%)", "batterie"),
    "weight": ("weight", "weight (kg)", "poids", "poids (kg)"),
}
WORKER = (
    "worker",
    "employee",
    "intervenant",
    "intervenante",
    "travailleur",
    "travailleuse",
    "salarie",
)
HOURS = ("hours", "duration", "time", "time spent", "heures", "duree", "temps")
NOTE = ("note", "comment", "remarque", "commentaire")
TRIAGE_COLUMNS = {
    "serial": LOT_COLUMNS["serial"],
    "verdict": ("verdict", "result", "triage", "resultat", "decision"),
    "reason": ("reason", "fail reason", "motif", "raison", "cause"),
    "worker": WORKER,
    "hours": HOURS,
    "note": NOTE,
}
TEST_COLUMNS = {
    "test_boot": ("boot", "bios", "demarrage", "demarrage et bios"),
    "test_screen": ("screen", "display", "ecran"),
    "test_keyboard": ("keyboard", "clavier"),
    "test_pointing": ("touchpad", "mouse", "pave tactile", "souris"),
    "test_audio": ("sound", "son"),
    "test_network": ("network", "wifi", "wi-fi", "reseau", "wi-fi et ethernet"),
    "test_ports": ("ports", "usb", "ports usb et video"),
    "test_battery": ("battery", "batterie", "batterie et chargeur"),
    "test_webcam": ("webcam", "camera"),
}
REFURBISH_COLUMNS = {
    "serial": LOT_COLUMNS["serial"],
    **{key: (FUNCTIONAL_TESTS[key], *aliases) for key, aliases in TEST_COLUMNS.items()},
    "all_tests": ("tests", "all tests", "tests passed", "tous les tests", "tests ok"),
    "disk_serial": (
        "disk",
        "disk serial",
        "disk serial number",
        "disque",
        "numero de serie du disque",
        "serie du disque",
    ),
    "disk_type": ("disk type", "type de disque"),
    "capacity_gb": ("capacity", "capacity (gb)", "capacite", "capacite (go)"),
    "level": ("level", "nist level", "nist 800-88 level", "niveau", "niveau nist"),
    "method": ("method", "erasure method", "methode", "methode d'effacement"),
    "tool": ("tool", "erasure tool", "software", "outil", "logiciel"),
    "erasure_date": ("erasure date", "date", "date d'effacement"),
    "operator": ("operator", "erased by", "operateur", "operatrice", "efface par"),
    "verifier": (
        "verifier",
        "verified by",
        "verificateur",
        "verificatrice",
        "verifie par",
    ),
    "disk_make": ("disk make", "make", "marque du disque", "marque"),
    "disk_model": ("disk model", "modele du disque"),
    "tool_version": ("tool version", "version", "version de l'outil"),
    "place": ("place", "erasure place", "lieu", "lieu d'effacement"),
    "verification": ("verification", "verified", "verifie", "resultat"),
    "certificate": (
        "certificate",
        "certificate reference",
        "certificat",
        "reference du certificat",
    ),
    "os": ("os", "os installed", "operating system", "systeme", "systeme installe"),
    "grade": ("grade", "grading", "classe", "etat"),
    "worker": WORKER,
    "hours": HOURS,
    "note": NOTE,
}
# Values of the files, besides the keys and labels of each selection.
VERDICTS = {
    "pass": ("pass", "ok", "good", "bon", "retenu", "reemploi", "oui", "yes"),
    "fail": ("fail", "ko", "reject", "rebut", "echec", "non", "no"),
}
REASONS = {
    "no_power": ("no power", "ne s'allume pas"),
    "broken": ("broken", "casse", "ecran ou boitier casse"),
    "missing": ("missing", "pieces manquantes", "incomplet"),
    "obsolete": ("too old", "obsolete", "trop ancien"),
    "other": ("autre",),
}
DISK_TYPES = {"nvme": ("nvme ssd", "ssd nvme")}
LEVELS = {"clear": ("nettoyage",), "destroy": ("destruction",)}
METHODS = {
    "overwrite": ("wipe", "reecriture", "ecrasement"),
    "secure_erase": ("secure erase", "effacement securise"),
    "ata_sanitize": ("ata sanitize", "sanitize ata"),
    "nvme_sanitize": ("nvme sanitize", "sanitize nvme"),
    "block_erase": ("block erase", "effacement par blocs"),
    "crypto_erase": ("crypto erase", "effacement cryptographique"),
    "degauss": ("degauss", "demagnetisation"),
    "shred": ("shred", "destruction physique", "broyage"),
}
VERIFICATIONS = {
    "passed": ("pass", "ok", "yes", "oui", "verifie", "reussi"),
    "failed": ("fail", "ko", "no", "non", "echec"),
    "pending": ("not verified", "non verifie", "en attente"),
}
GRADES = {"a": ("as new", "comme neuf"), "b": ("light wear",), "c": ("visible wear",)}
# Values a device keeps from the rows of its disks, which must agree.
REFURBISH_DEVICE_KEYS = (
    *TEST_COLUMNS,
    "all_tests",
    "os",
    "grade",
    "worker",
    "hours",
    "note",
)
