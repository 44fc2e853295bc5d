# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Parcours numérique solidaire - Devices",
    "summary": "Donated computers from the donation lot to a device ready to lend: "
    "intake, triage, recycling, refurbishment, erasure, partner bills",
    "version": "18.0.2.1.0",
    "category": "Inventory/Inventory",
    "license": "AGPL-3",
    "author": "Département de la Drôme",
    "website": "https://github.com/drome-numerique/parcours",
    "maintainers": ["drome-numerique"],
    "development_status": "Alpha",
    # parcours_base: organisations, the protected-fields guard, numbered
    # documents; stock: serials (stock.lot), locations and transfers;
    # account: partner bills;
    # hr: workers of each organisation, including the ESAT's supported workers;
    # report_xlsx (OCA): spreadsheet exports printed like the PDF reports;
    # stock_account (installed with stock and account anyway): its valuation of
    # devices is for the stock managers only.
    "depends": [
        "parcours_base",
        "stock",
        "account",
        "stock_account",
        "hr",
        "mail",
        "report_xlsx",
    ],
    "data": [
        "security/parcours_devices_groups.xml",
        "security/ir.model.access.csv",
        "security/parcours_devices_security.xml",
        "security/parcours_device_report_security.xml",
        "security/res_users_security.xml",
        "security/parcours_waste_shipment_security.xml",
        "data/ir_sequence_data.xml",
        "data/parcours_devices_data.xml",
        "data/parcours_waste_code_data.xml",
        "report/parcours_report_layout_templates.xml",
        "report/parcours_donation_lot_templates.xml",
        "report/parcours_donation_lot_reports.xml",
        "report/parcours_partner_payment_reports.xml",
        "report/parcours_erasure_templates.xml",
        "report/parcours_erasure_reports.xml",
        "report/parcours_waste_register_reports.xml",
        "wizards/parcours_lot_intake_views.xml",
        "wizards/parcours_partner_bill_wizard_views.xml",
        "wizards/parcours_handoff_wizard_views.xml",
        "wizards/parcours_partner_payment_wizard_views.xml",
        "wizards/parcours_waste_register_wizard_views.xml",
        "views/parcours_organisation_views.xml",
        "views/parcours_donation_lot_views.xml",
        "views/parcours_work_order_views.xml",
        "views/parcours_work_order_line_views.xml",
        "views/parcours_erasure_views.xml",
        "views/parcours_recycling_fraction_views.xml",
        "views/parcours_recycling_channel_views.xml",
        "views/parcours_unit_price_views.xml",
        "views/stock_lot_views.xml",
        "views/stock_picking_views.xml",
        "views/hr_employee_views.xml",
        "views/product_template_views.xml",
        "views/res_users_views.xml",
        "views/parcours_devices_menus.xml",
        "views/parcours_device_report_views.xml",
        "views/parcours_waste_shipment_views.xml",
    ],
    "demo": [
        "demo/parcours_devices_demo.xml",
        "demo/parcours_waste_shipment_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "parcours_devices/static/src/views/*.xml",
        ],
        "web.assets_tests": [
            "parcours_devices/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
