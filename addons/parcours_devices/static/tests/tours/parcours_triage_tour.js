/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

function passRow(index) {
    return [
        {
            content: `Device ${index} passes the triage`,
            trigger: `.o_field_one2many .o_data_row:nth-child(${index}) button[name=action_pass]`,
            run: "click",
        },
        {
            content: `Device ${index} shows its verdict`,
            trigger: `.o_field_one2many .o_data_row:nth-child(${index}) button[name=action_fail]`,
        },
    ];
}

registry.category("web_tour.tours").add("parcours_triage_tour", {
    url: "/odoo/action-parcours_devices.parcours_donation_lot_action",
    steps: () => [
        {
            content: "Open the lot received from the tour donor",
            trigger: ".o_data_row:contains('Tour Donor') td.o_data_cell",
            run: "click",
        },
        {
            content: "Start the triage of its devices",
            trigger: ".o_form_view button[name=action_start_triage]",
            run: "click",
        },
        {
            content: "The triage work order lists the three devices",
            trigger: ".o_field_one2many .o_data_row:nth-child(3)",
        },
        {
            content: "Name the worker who triages",
            trigger: ".o_field_widget[name=employee_id] input",
            run: "edit Tour supported worker",
        },
        {
            content: "Pick the worker",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour supported worker')",
            run: "click",
        },
        {
            content: "Start the work order",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "The work order is in progress",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('In progress')",
        },
        ...passRow(1),
        ...passRow(2),
        ...passRow(3),
        {
            content: "Validate the triage",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The work order is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
