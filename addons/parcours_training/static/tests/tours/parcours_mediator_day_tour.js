/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {onlyParcoursApp} from "@parcours_devices/../tests/tours/parcours_tour_utils";

function openMenu(section, item) {
    return [
        {
            content: `Open the menu ${section}`,
            trigger: `.o_main_navbar button[data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `Choose ${item}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}

/**
 * The report opened as HTML in the web client also answers as a PDF file.
 */
function checkPdf(reportName) {
    return {
        content: `The ${reportName} opens, and its PDF is served`,
        trigger: `iframe[src*='/report/html/${reportName}/']`,
        async run() {
            const src = this.anchor.getAttribute("src");
            const url = src.replace("/report/html/", "/report/pdf/").split("?")[0];
            const response = await fetch(url);
            const type = response.headers.get("Content-Type") || "";
            if (!response.ok || !type.includes("application/pdf")) {
                throw new Error(`${url} answered ${response.status} ${type}`);
            }
        },
    };
}

const backToTheAgreement = {
    content: "Back to the agreement",
    trigger: ".o_breadcrumb .o_back_button",
    run: "click",
};

const workshopsTab = {
    content: "Open the workshops of the beneficiary",
    trigger: ".o_notebook .nav-link[name=parcours_training]",
    run: "click",
};

registry.category("web_tour.tours").add("parcours_mediator_day_tour", {
    steps: () => [
        {
            content: "The mediator's day starts on the waiting list",
            trigger: ".o_last_breadcrumb_item:contains('Waiting lists')",
        },
        ...onlyParcoursApp({open: true}),
        // The applications by state.
        ...openMenu(
            "parcours_beneficiaries.parcours_beneficiaries_menu_main",
            "parcours_beneficiaries.parcours_application_menu"
        ),
        {
            content: "See the applications as cards",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "Day Beneficiary is in the column of the waiting list",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('Waiting list')) .o_kanban_record:contains('Day Beneficiary')",
        },
        // The device handed off by the refurbisher.
        ...openMenu(
            "parcours_devices.parcours_devices_menu_chain",
            "parcours_devices.stock_picking_menu_handoff"
        ),
        {
            content: "Open the hand-off the refurbisher sent",
            trigger: ".o_data_row:contains('PIHC Test') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "It carries the refurbished laptop: confirm its reception",
            trigger:
                ".o_form_view:contains('DAY-00000') button[name=action_parcours_confirm_reception]",
            run: "click",
        },
        {
            content: "The device is received",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Received')",
        },
        // The first of the waiting list gets it.
        ...openMenu(
            "parcours_beneficiaries.parcours_beneficiaries_menu_main",
            "parcours_beneficiaries.parcours_application_menu_waiting"
        ),
        {
            content: "Open the waiting list of her third place",
            trigger: ".o_group_header:contains('Tiers-lieu Test')",
            run: "click",
        },
        {
            content: "Allocate a device to Day Beneficiary",
            trigger:
                ".o_data_row:contains('Day Beneficiary') button[name=action_allocate]",
            run: "click",
        },
        {
            content: "The laptop just received is proposed",
            trigger: ".modal .o_field_widget[name=lot_id] input:value('DAY-00000')",
        },
        {
            content: "Reserve it",
            trigger: ".modal button[name=action_allocate]",
            run: "click",
        },
        // The agreement.
        {
            content: "The draft agreement opens: print it",
            trigger:
                ".o_form_view:contains('Day Beneficiary') button[name=action_print]",
            run: "click",
        },
        checkPdf("parcours_beneficiaries.report_loan_agreement"),
        backToTheAgreement,
        {
            content: "Mark the agreement signed",
            trigger: ".o_form_view button[name=action_sign]",
            run: "click",
        },
        {
            content: "The agreement is signed",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Signed')",
        },
        // The contribution.
        {
            content: "Collect the contribution",
            trigger: ".o_form_view button[name=action_register_contribution]",
            run: "click",
        },
        {
            content: "25 € paid in cash",
            trigger:
                ".modal:contains('25.00') .o_field_widget[name=method] input[data-value=cash]:checked",
        },
        {
            content: "Record it",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        checkPdf("parcours_beneficiaries.report_contribution_receipt"),
        backToTheAgreement,
        // The handover.
        {
            content: "The contribution is paid in cash: hand the device over",
            trigger:
                ".o_form_view:has(.o_field_widget[name=contribution_method]:contains('Cash')) button[name=action_handover]",
            run: "click",
        },
        {
            content: "The loan is active",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Active')",
        },
        // The getting-started workshop.
        workshopsTab,
        {
            content: "Register her to a workshop",
            trigger: ".o_form_view button[name=action_parcours_register_workshop]",
            run: "click",
        },
        {
            content: "The session of the getting-started workshop is proposed",
            trigger:
                ".modal .o_field_widget[name=event_id] input:value('Day getting started')",
        },
        {
            content: "Register",
            trigger: ".modal button[name=action_register]",
            run: "click",
        },
        {
            content: "The workshop opens: she attended",
            trigger:
                ".o_field_widget[name=registration_ids] .o_data_row:contains('Day Beneficiary') button[name=action_set_done]",
            run: "click",
        },
        {
            content: "She is marked attended",
            trigger:
                ".o_field_widget[name=registration_ids] .o_data_row:contains('Day Beneficiary'):contains('Attended')",
        },
        backToTheAgreement,
        workshopsTab,
        {
            content: "The day is done: the loan is active and the workshop attended",
            trigger:
                ".o_form_view:has(.o_arrow_button_current:contains('Active')) .o_field_widget[name=parcours_registration_ids] .o_data_row:contains('Day getting started'):contains('Attended')",
        },
    ],
});
