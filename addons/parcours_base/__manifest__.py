# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Parcours numérique solidaire - Base",
    "summary": "The framework the Parcours addons share: organisations and their "
    "users, workflow fields written by the steps only, numbered documents, "
    "links checked against the organisation",
    "version": "18.0.1.1.0",
    "category": "Hidden/Tools",
    "license": "AGPL-3",
    "author": "Département de la Drôme",
    "website": "https://github.com/drome-numerique/parcours",
    "maintainers": ["drome-numerique"],
    "development_status": "Alpha",
    # mail: an organisation keeps its history in the chatter.
    "depends": ["base", "mail"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "pre_init_hook": "pre_init_hook",
    "installable": True,
    "application": False,
}
