/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function rpc(model, method, args, kwargs = {}) {
    const response = await fetch(`/web/dataset/call_kw/${model}/${method}`, {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({
            jsonrpc: "2.0",
            method: "call",
            params: {model, method, args, kwargs},
        }),
    });
    const {result, error} = await response.json();
    if (error) {
        throw new Error(error.data.message);
    }
    return result;
}

async function checkDownload(url) {
    const response = await fetch(url);
    const type = response.headers.get("Content-Type") || "";
    if (response.status !== 200 || !type.startsWith(XLSX)) {
        throw new Error(`${url} answered ${response.status} ${type}`);
    }
}

registry.category("web_tour.tours").add("parcours_accountant_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The accountant's day starts on the invoices to check",
            trigger: ".o_control_panel .o_breadcrumb:contains('Invoices to check')",
        },
        {
            content: "Those to check first",
            trigger: ".o_searchview_facet:contains('To check')",
        },
        {
            content: "Open the contribution invoice of a loan",
            trigger: ".o_data_row:contains('Zoé Tour Comptable') td[name=name]",
            run: "click",
        },
        {
            content: "The invoice of the beneficiary",
            trigger:
                ".o_form_view .o_field_widget[name=partner_id]:contains('Zoé Tour Comptable')",
        },
        {
            content: "It shows its loan agreement",
            trigger:
                ".o_form_view .o_field_widget[name=parcours_agreement_id]:contains('CMD/')",
        },
        {
            content: "Back to the invoices to check",
            trigger: ".o_breadcrumb a:contains('Invoices to check')",
            run: "click",
        },
        {
            content: "Open the partner's vendor bill",
            trigger:
                ".o_data_row:contains('ESAT Test Valence') td[name=invoice_partner_display_name]",
            run: "click",
        },
        {
            content: "The bill of the ESAT's triage, to check before it is posted",
            trigger:
                ".o_form_view .o_field_widget[name=invoice_line_ids] .o_data_row:contains('Triage')",
        },
        {
            content: "Open the Parcours' reporting",
            trigger:
                ".o_menu_sections [data-menu-xmlid='parcours_devices.parcours_devices_menu_reporting']",
            run: "click",
        },
        {
            content: "Open the hours of work",
            trigger:
                ".dropdown-item[data-menu-xmlid='parcours_devices.parcours_work_order_line_menu_hours']",
            run: "click",
        },
        {
            content: "Show them as a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Select the hours of work",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the print menu",
            trigger: ".o_control_panel .o_cp_action_menus button:contains('Print')",
            run: "click",
        },
        {
            content: "The hours export is there; download it",
            trigger: ".o-dropdown-item:contains('Hours of work (XLSX)')",
            async run() {
                const ids = await rpc("parcours.work.order.line", "search", [
                    [
                        ["state", "=", "done"],
                        ["organisation_id.name", "=", "ESAT Test Valence"],
                    ],
                ]);
                await checkDownload(
                    `/report/xlsx/parcours_devices.report_hours_xlsx/${ids.join(",")}`
                );
            },
        },
        {
            content: "Open the remittance slips",
            trigger:
                ".o_menu_sections [data-menu-xmlid='parcours_beneficiaries.parcours_beneficiaries_menu_main']",
            run: "click",
        },
        {
            content: "Open the remittance slips",
            trigger:
                ".dropdown-item[data-menu-xmlid='parcours_beneficiaries.parcours_remittance_menu']",
            run: "click",
        },
        {
            content: "Open the slip of the third place",
            trigger: ".o_data_row:contains('Tiers-lieu Test') td.o_data_cell",
            run: "click",
        },
        {
            content: "The slip can be printed",
            trigger: ".o_form_view .o_form_statusbar button:contains('Print the slip')",
        },
        {
            content: "Download the slip as a spreadsheet",
            trigger: ".o_form_view .o_form_statusbar button:contains('Export (XLSX)')",
            async run() {
                const slip = window.location.pathname.split("/").pop();
                await checkDownload(
                    `/report/xlsx/parcours_beneficiaries.report_remittance_xlsx/${slip}`
                );
            },
        },
        {
            content: "Follow a link to the beneficiaries' eligibility criteria",
            trigger: ".o_form_view",
            run() {
                window.location.href =
                    "/odoo/action-parcours_beneficiaries.parcours_eligibility_criterion_action";
            },
        },
        {
            content: "The server refuses the social criteria to the accountant",
            trigger:
                ".o_error_dialog:contains('You are not allowed to access'):contains('parcours.eligibility.criterion')",
        },
    ],
});
