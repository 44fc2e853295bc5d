/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {onlyParcoursApp, row} from "./parcours_tour_utils";

const CSV = [
    "serial,model,weight",
    "ESAT-T1,TOUR-LAP,2",
    "ESAT-T2,TOUR-LAP,2",
    "ESAT-T3,TOUR-LAP,2",
].join("\n");
registry.category("web_tour.tours").add("parcours_esat_day_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Her home is the lots to triage",
            trigger: ".o_last_breadcrumb_item:contains('Lots to triage')",
        },
        ...onlyParcoursApp(),
        {
            content: "Open the lot expected from the tour donor",
            trigger: ".o_data_row:contains('Tour Donor ESAT') td.o_data_cell",
            run: "click",
        },
        {
            content: "Receive its devices",
            trigger: ".o_form_view button[name=action_open_intake]",
            run: "click",
        },
        {
            content: "Import the spreadsheet of the lot",
            trigger: ".modal .o_field_widget[name=file] input[type=file]:not(:visible)",
            run() {
                const input = this.anchor;
                const file = new File([CSV], "lot.csv", {type: "text/csv"});
                const dataTransfer = new DataTransfer();
                dataTransfer.items.add(file);
                input.files = dataTransfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The file is attached",
            trigger: ".modal .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "Receive the devices",
            trigger: ".modal button[name=action_receive]",
            run: "click",
        },
        {
            content: "The lot is received with its three devices",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Received')",
        },
        {
            content: "Its devices are listed",
            trigger: `${row("ESAT-T3")}`,
        },
        {
            content: "Look at its devices",
            trigger: ".o_form_view button[name=action_view_devices]",
            run: "click",
        },
        {
            content: "on the board of the devices",
            trigger: ".o_control_panel .o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "ESAT-T1 is received, in this stage since today",
            trigger:
                ".o_kanban_group:contains('Received') .o_kanban_record:contains('ESAT-T1'):contains('Tour laptop'):contains('Tour ESAT'):contains('In stage since')",
        },
        {
            content: "Cards do not move from stage to stage",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record.o_draggable))",
        },
        {
            content: "Back to the lot",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "Start the triage of its devices",
            trigger: ".o_form_view button[name=action_start_triage]",
            run: "click",
        },
        {
            content: "The triage work order lists the three devices",
            trigger: `${row("ESAT-T3")}`,
        },
        {
            content: "Name the worker who triages",
            trigger: ".o_form_sheet .o_inner_group .o_field_widget[name=employee_id] input",
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
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('In progress')",
        },
        {
            content: "ESAT-T1 passes",
            trigger: `${row("ESAT-T1")} button[name=action_pass]`,
            run: "click",
        },
        {
            content: "ESAT-T1 shows its verdict",
            trigger: `${row("ESAT-T1")} td[name=result]:contains('Pass')`,
        },
        {
            content: "ESAT-T2 passes",
            trigger: `${row("ESAT-T2")} button[name=action_pass]`,
            run: "click",
        },
        {
            content: "ESAT-T2 shows its verdict",
            trigger: `${row("ESAT-T2")} td[name=result]:contains('Pass')`,
        },
        {
            content: "ESAT-T3 fails",
            trigger: `${row("ESAT-T3")} button[name=action_fail]`,
            run: "click",
        },
        {
            content: "ESAT-T3 asks for the reason of its failure",
            trigger: `${row("ESAT-T3")} td[name=fail_reason]`,
            run: "click",
        },
        {
            content: "Its screen is broken",
            trigger: ".o_field_one2many .o_selected_row .o_field_widget[name=fail_reason] select",
            run: 'select "broken"',
        },
        {
            content: "Log the hours the worker spent on ESAT-T1",
            trigger: `${row("ESAT-T1")} td[name=duration]`,
            run: "click",
        },
        {
            content: "An hour and a half",
            trigger: ".o_field_one2many .o_selected_row .o_field_widget[name=duration] input",
            run: "edit 1:30",
        },
        {
            content: "Validate the triage",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The triage is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Its hours are recorded",
            trigger: ".o_field_widget[name=duration_total]:contains('01:30')",
        },
        {
            content: "Back to the lot",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "The lot is triaged",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Triaged')",
        },
        {
            content: "Dismantle the reject",
            trigger: ".o_form_view button[name=action_start_dismantling]",
            run: "click",
        },
        {
            content: "The dismantling work order holds the reject",
            trigger: `${row("ESAT-T3")}`,
        },
        {
            content: "Name the worker who dismantles",
            trigger: ".o_form_sheet .o_inner_group .o_field_widget[name=employee_id] input",
            run: "edit Tour supported worker",
        },
        {
            content: "Pick the worker",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour supported worker')",
            run: "click",
        },
        {
            content: "Start the dismantling",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            content: "The dismantling is in progress",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('In progress')",
        },
        {
            content: "Go to its recycling fractions",
            trigger: ".o_notebook .nav-link:contains('Recycling')",
            run: "click",
        },
        {
            content: "Add a fraction",
            trigger: ".o_field_widget[name=fraction_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Metals",
            trigger: ".o_field_widget[name=fraction_ids] .o_field_widget[name=material] select",
            run: 'select "metal"',
        },
        {
            content: "One and a half kilograms",
            trigger: ".o_field_widget[name=fraction_ids] .o_field_widget[name=weight] input",
            run: "edit 1.5",
        },
        {
            content: "Sent to the metals channel",
            trigger:
                ".o_field_widget[name=fraction_ids] .o_field_widget[name=channel_id] input",
            run: "edit Metals",
        },
        {
            content: "Pick the channel",
            trigger: ".o-autocomplete--dropdown-item:contains('Metals')",
            run: "click",
        },
        {
            content: "Validate the dismantling",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The dismantling is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Back to the lot",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "Its mass balance: 4 kg reused",
            trigger: ".o_field_widget[name=weight_reused]:contains('4.00')",
        },
        {
            content: "Its mass balance: 1.5 kg recycled",
            trigger: ".o_field_widget[name=weight_recycled]:contains('1.50')",
        },
        {
            content: "Send the good devices to refurbishment",
            trigger: ".o_form_view button[name=action_parcours_send_devices]",
            run: "click",
        },
        {
            content: "The hand-off carries the two devices that passed",
            trigger: ".modal .o_field_widget[name=lot_ids] .o_data_row:contains('ESAT-T2')",
            run() {
                const rows = document.querySelectorAll(
                    ".modal .o_field_widget[name=lot_ids] .o_data_row"
                );
                if (rows.length !== 2) {
                    throw new Error(`2 devices to send expected, ${rows.length} listed`);
                }
            },
        },
        {
            content: "To the refurbisher",
            trigger: ".modal .o_field_widget[name=organisation_id] input",
            run: "edit Tour PIHC",
        },
        {
            content: "Pick the refurbisher",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour PIHC')",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "The hand-off waits for the refurbisher to confirm it",
            trigger: ".o_form_view .alert-info:contains('Waiting for'):contains('Tour PIHC')",
        },
        {
            content: "with the two devices",
            trigger: ".o_field_widget[name=move_line_ids] .o_data_row:contains('ESAT-T2')",
        },
    ],
});
