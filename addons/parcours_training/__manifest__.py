# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Parcours numérique solidaire - Training",
    "summary": "Digital skills training sessions for beneficiaries, on events: "
    "attendance and skills acquired",
    "version": "18.0.1.0.0",
    "category": "Marketing/Events",
    "license": "AGPL-3",
    "author": "Département de la Drôme",
    "website": "https://github.com/drome-numerique/parcours",
    "maintainers": ["drome-numerique"],
    "development_status": "Alpha",
    "depends": ["parcours_beneficiaries", "event"],
    "data": [],
    "installable": True,
    "application": False,
}
