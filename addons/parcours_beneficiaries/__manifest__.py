# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Parcours numérique solidaire - Beneficiaries",
    "summary": "Beneficiaries, applications, 2-year loan agreements and 25 € "
    "contributions of the Parcours numérique solidaire",
    "version": "18.0.2.1.0",
    "category": "Services",
    "license": "AGPL-3",
    "author": "Département de la Drôme",
    "website": "https://github.com/drome-numerique/parcours",
    "maintainers": ["drome-numerique"],
    "development_status": "Alpha",
    # parcours_devices: devices (stock.lot), third places and security groups;
    # account: the contribution invoice and its payment in the third place's
    # cash office journal; mail: activities at the loan's term; report_xlsx
    # (OCA): the export of the personal data held on a beneficiary.
    "depends": ["parcours_devices", "account", "mail", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/parcours_beneficiaries_groups.xml",
        "security/ir.model.access.csv",
        "security/parcours_beneficiaries_security.xml",
        "security/parcours_remittance_security.xml",
        "security/mail_followers_security.xml",
        "data/ir_sequence_data.xml",
        "data/parcours_beneficiaries_data.xml",
        "data/parcours_remittance_data.xml",
        "report/parcours_loan_agreement_templates.xml",
        "report/parcours_loan_agreement_reports.xml",
        "report/parcours_remittance_templates.xml",
        "report/parcours_remittance_reports.xml",
        "wizards/parcours_allocation_wizard_views.xml",
        "wizards/parcours_contribution_wizard_views.xml",
        "wizards/parcours_contribution_amount_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/account_payment_views.xml",
        "views/parcours_eligibility_criterion_views.xml",
        "views/parcours_application_views.xml",
        "views/parcours_loan_agreement_views.xml",
        "views/parcours_organisation_views.xml",
        "views/stock_lot_views.xml",
        "views/res_config_settings_views.xml",
        "views/parcours_beneficiaries_menus.xml",
        "views/parcours_remittance_views.xml",
        "views/parcours_beneficiaries_report_views.xml",
    ],
    "demo": [
        "demo/parcours_beneficiaries_demo.xml",
    ],
    "installable": True,
    "application": False,
}
