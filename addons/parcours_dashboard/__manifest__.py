# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Parcours numérique solidaire - Dashboards",
    "summary": "The département's dashboards of the Parcours numérique solidaire "
    "and its annual activity report",
    "version": "18.0.2.1.0",
    "category": "Productivity/Dashboard",
    "license": "AGPL-3",
    "author": "Département de la Drôme, Odoo Community Association (OCA)",
    "website": "https://github.com/drome-numerique/parcours",
    "maintainers": ["drome-numerique"],
    "development_status": "Alpha",
    # The KPI models live in the addons that own the data; this bridge only
    # shows them, on Odoo's spreadsheet dashboards.
    "depends": [
        "parcours_devices",
        "parcours_beneficiaries",
        "parcours_training",
        "spreadsheet_dashboard",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "data/dashboards.xml",
        "report/parcours_activity_report_reports.xml",
        "wizards/parcours_activity_report_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_move_views.xml",
        "views/parcours_training_report_views.xml",
        "views/parcours_dashboard_menus.xml",
    ],
    "demo": [
        "demo/parcours_dashboard_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "parcours_dashboard/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
    "application": False,
}
