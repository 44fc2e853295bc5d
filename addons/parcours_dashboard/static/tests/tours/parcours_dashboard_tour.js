/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/** The spreadsheet model of the dashboard shown (Owl's tree, from the root). */
function dashboardModel(node = odoo.__WOWL_DEBUG__.root.__owl__) {
    const model = node.component && node.component.env && node.component.env.model;
    if (model && model.getters && model.getters.getActiveSheetId) {
        return model;
    }
    for (const child of Object.values(node.children || {})) {
        const found = dashboardModel(child);
        if (found) {
            return found;
        }
    }
    return null;
}

/** Click the figure of the dashboard cell that reads ``text``. */
function clickCell(text) {
    const model = dashboardModel();
    const getters = model.getters;
    const sheetId = getters.getActiveSheetId();
    for (const col of getters.getSheetViewVisibleCols()) {
        for (const row of getters.getSheetViewVisibleRows()) {
            const cell = getters.getEvaluatedCell({sheetId, col, row});
            if (cell.formattedValue !== text) {
                continue;
            }
            const rect = getters.getVisibleRect({
                left: col,
                right: col,
                top: row,
                bottom: row,
            });
            const target = [
                ...document.querySelectorAll(".o-dashboard-clickable-cell"),
            ].find(
                (div) =>
                    div.style.top === `${rect.y}px` && div.style.left === `${rect.x}px`
            );
            if (target) {
                target.click();
                return;
            }
        }
    }
    throw new Error(`No figure reads "${text}" on the dashboard`);
}

registry.category("web_tour.tours").add("parcours_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The officer's day starts on the département's dashboards",
            trigger:
                ".o_search_panel_section_header:contains('Parcours numérique solidaire')",
        },
        {
            content: "Opened on the device chain",
            trigger: ".o_search_panel_category_value.active[data-name='Device chain']",
        },
        {
            content: "Its figures are computed: each one opens its records",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
        },
        {
            content: "Open the training figures",
            trigger: ".o_search_panel_category_value[data-name='Training']",
            run: "click",
        },
        {
            content: "The training dashboard is shown",
            trigger: ".o_search_panel_category_value.active[data-name='Training']",
        },
        {
            content: "Open the training of the test third place",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
            run() {
                clickCell("Tiers-lieu Test");
            },
        },
        {
            content: "The records behind the figure: the workshop where Alice came",
            trigger:
                ".o_list_view .o_data_row:contains('Workshop Officer Tour'):contains('Alice Training'):contains('Attended')",
        },
        {
            content: "Open the reporting menu",
            trigger:
                ".o_menu_sections [data-menu-xmlid='parcours_devices.parcours_devices_menu_reporting']",
            run: "click",
        },
        {
            content: "Bill the partners' work",
            trigger:
                ".dropdown-item[data-menu-xmlid='parcours_devices.parcours_partner_bill_wizard_menu']",
            run: "click",
        },
        {
            content: "Bill the ESAT only",
            trigger: ".modal .o_field_widget[name=organisation_ids] input",
            run: "edit ESAT Test Valence",
        },
        {
            content: "Pick the ESAT",
            trigger: ".o-autocomplete--dropdown-item:contains('ESAT Test Valence')",
            run: "click",
        },
        {
            content: "Last month's work, for the ESAT",
            trigger:
                ".modal .o_field_widget[name=organisation_ids] .o_tag:contains('ESAT Test Valence')",
        },
        {
            content: "Create the bills",
            trigger: ".modal button[name=action_create_bills]",
            run: "click",
        },
        {
            content: "Open the ESAT's new bill",
            trigger:
                ".o_list_view .o_data_row:contains('ESAT Test Valence') td.o_data_cell",
            run: "click",
        },
        {
            content: "The draft bill of the two laptops triaged at the ESAT's price",
            trigger:
                ".o_form_view .o_field_widget[name=invoice_line_ids] .o_data_row:contains('Device triage'):contains('2.00'):contains('8.00'):contains('16.00')",
        },
    ],
});
