/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {onlyParcoursApp, row} from "./parcours_tour_utils";

const TESTS = [
    "test_boot",
    "test_screen",
    "test_keyboard",
    "test_pointing",
    "test_audio",
    "test_network",
    "test_ports",
    "test_battery",
    "test_webcam",
];

function passTests() {
    return TESTS.map((name) => ({
        content: `Test ${name} passes`,
        trigger: `.o_form_view .o_inner_group .o_field_widget[name=${name}] input:not(:checked)`,
        run: "click",
    }));
}

/** Save the device's line, go back to its work order and mark the order done. */
function saveAndMarkReady() {
    return [
        {
            content: "Save the device",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Back to the work order",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "Mark it ready",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("parcours_pihc_day_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her home is the hand-offs",
            trigger: ".o_last_breadcrumb_item:contains('Hand-offs')",
        },
        {
            content: "showing those to confirm",
            trigger: ".o_searchview_facet:contains('To confirm')",
        },
        ...onlyParcoursApp(),
        {
            content: "Open the hand-off the ESAT sent",
            trigger: ".o_data_row:contains('Tour ESAT P') td.o_data_cell",
            run: "click",
        },
        {
            content: "Its devices are listed with their model, stage and grade",
            trigger: ".o_field_widget[name=move_line_ids] th:contains('Grade')",
        },
        {
            content: "PIHC-T1, a Tour laptop P to refurbish",
            trigger:
                ".o_field_widget[name=move_line_ids] .o_data_row:contains('PIHC-T1'):contains('Tour laptop P'):contains('To refurbish')",
        },
        {
            content: "and PIHC-T2",
            trigger: ".o_field_widget[name=move_line_ids] .o_data_row:contains('PIHC-T2')",
        },
        {
            content: "Confirm their reception",
            trigger: ".o_form_view button[name=action_parcours_confirm_reception]",
            run: "click",
        },
        {
            content: "The hand-off is received",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Received')",
        },
        {
            content: "Refurbish the devices received",
            trigger: ".o_form_view button[name=action_parcours_refurbish]",
            run: "click",
        },
        {
            content: "The refurbishment work order lists both",
            trigger: `${row("PIHC-T2")}`,
        },
        {
            content: "Today, PIHC-T1 only: PIHC-T2 waits",
            trigger: `${row("PIHC-T2")} .o_list_record_remove button`,
            run: "click",
        },
        {
            content: "PIHC-T2 is out of the order",
            trigger: ".o_field_one2many:not(:has(.o_data_row:contains('PIHC-T2')))",
        },
        {
            content: "Name the worker who refurbishes",
            trigger: ".o_form_sheet .o_inner_group .o_field_widget[name=employee_id] input",
            run: "edit Tour insertion worker",
        },
        {
            content: "Pick the worker",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour insertion worker')",
            run: "click",
        },
        {
            content: "Start the refurbishment",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "The refurbishment is in progress",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('In progress')",
        },
        {
            content: "Open PIHC-T1",
            trigger: `${row("PIHC-T1")} .o_list_record_open_form_view button`,
            run: "click",
        },
        {
            content: "The form of PIHC-T1 in the work order",
            trigger: ".o_last_breadcrumb_item:contains('PIHC-T1')",
        },
        ...passTests(),
        {
            content: "Every test is passed",
            trigger: ".o_form_view .o_inner_group .o_field_widget[name=tests_passed] input:checked",
        },
        {
            content: "The system installed",
            trigger: ".o_form_view .o_field_widget[name=os_installed] input",
            run: "edit Linux Mint 22",
        },
        {
            content: "Grade B",
            trigger: ".o_form_view .o_field_widget[name=grade] select",
            run: 'select "b"',
        },
        {
            content: "Who did the work",
            trigger: ".o_form_view .o_inner_group .o_field_widget[name=employee_id] input",
            run: "edit Tour insertion worker",
        },
        {
            content: "Pick the worker",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour insertion worker')",
            run: "click",
        },
        {
            content: "Two hours of work",
            trigger: ".o_form_view .o_field_widget[name=duration] input",
            run: "edit 2:00",
        },
        ...saveAndMarkReady(),
        {
            content: "Refused: the device has no erasure",
            trigger:
                ".modal .o_error_dialog:contains('PIHC-T1'):contains('record the erasure of each storage device')",
        },
        {
            content: "Close the message",
            trigger: ".modal .o_error_dialog .o-default-button",
            run: "click",
        },
        {
            content: "The order is still in progress",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains('In progress')",
        },
        {
            content: "Open PIHC-T1 again",
            trigger: `${row("PIHC-T1")} .o_list_record_open_form_view button`,
            run: "click",
        },
        {
            content: "The form of PIHC-T1 again",
            trigger: ".o_last_breadcrumb_item:contains('PIHC-T1')",
        },
        {
            content: "Add the erasure of its disk",
            trigger: ".o_field_widget[name=erasure_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The disk's serial",
            trigger: ".o_field_widget[name=erasure_ids] .o_selected_row .o_field_widget[name=disk_serial] input",
            run: "edit DISK-T1",
        },
        {
            content: "The erasure tool",
            trigger: ".o_field_widget[name=erasure_ids] .o_selected_row .o_field_widget[name=tool] input",
            run: "edit nwipe 0.35",
        },
        {
            content: "Its verification passed",
            trigger: ".o_field_widget[name=erasure_ids] .o_selected_row .o_field_widget[name=result] select",
            run: 'select "passed"',
        },
        {
            content: "By the worker of the device",
            trigger:
                ".o_field_widget[name=erasure_ids] .o_selected_row .o_field_widget[name=employee_id] input:value(Tour insertion worker)",
        },
        ...saveAndMarkReady(),
        {
            content: "The refurbishment is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Send the ready device on",
            trigger: ".o_form_view button[name=action_parcours_send_devices]",
            run: "click",
        },
        {
            content: "The hand-off carries PIHC-T1, ready",
            trigger:
                ".modal .o_field_widget[name=lot_ids] .o_data_row:contains('PIHC-T1'):contains('Ready')",
        },
        {
            content: "To the third place",
            trigger: ".modal .o_field_widget[name=organisation_id] input",
            run: "edit Tour third place",
        },
        {
            content: "Pick the third place",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour third place')",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "The hand-off waits for the third place to confirm it",
            trigger:
                ".o_form_view .alert-info:contains('Waiting for'):contains('Tour third place')",
        },
        {
            content: "with PIHC-T1, ready, grade B",
            trigger:
                ".o_field_widget[name=move_line_ids] .o_data_row:contains('PIHC-T1'):contains('Ready'):contains('B - light wear')",
        },
    ],
});
