# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
{
    "name": "Parcours numérique solidaire - Training",
    "summary": "Workshops and one-to-one support in the third places, on events: "
    "attendance, skills gained, Pass numérique, national activity reporting",
    "version": "18.0.2.1.0",
    "category": "Marketing/Events",
    "license": "AGPL-3",
    "author": "Département de la Drôme",
    "website": "https://github.com/drome-numerique/parcours",
    "maintainers": ["drome-numerique"],
    "development_status": "Alpha",
    # parcours_beneficiaries: the residents, their third place and loans;
    # event: workshops, registrations and attendance; report_xlsx (OCA): the
    # monthly Pass numérique claim and the national activity export.
    "depends": ["parcours_beneficiaries", "event", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/parcours_training_groups.xml",
        "security/ir.model.access.csv",
        "security/parcours_training_security.xml",
        "data/ir_sequence_data.xml",
        "data/event_tag_data.xml",
        "data/parcours_skill_data.xml",
        "data/event_type_data.xml",
        "data/ir_cron_data.xml",
        "report/parcours_attendance_certificate_templates.xml",
        "report/parcours_training_reports.xml",
        "wizards/parcours_activity_export_views.xml",
        "wizards/parcours_workshop_registration_wizard_views.xml",
        "views/event_type_views.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "views/parcours_skill_views.xml",
        "views/parcours_skill_assessment_views.xml",
        "views/parcours_skill_progression_views.xml",
        "views/parcours_support_session_views.xml",
        "views/parcours_pass_views.xml",
        "views/parcours_pass_claim_views.xml",
        "views/parcours_training_report_views.xml",
        "views/parcours_loan_agreement_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/parcours_training_menus.xml",
    ],
    "demo": [
        "demo/parcours_training_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "parcours_training/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
