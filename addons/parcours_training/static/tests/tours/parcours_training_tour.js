/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {formatDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";

const {DateTime} = luxon;

function addParticipant(name) {
    return [
        {
            content: `Add a line for ${name}`,
            trigger: ".o_field_widget[name=registration_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: `Type ${name}`,
            trigger: ".o_field_widget[name=registration_ids] .o_selected_row .o_field_widget[name=partner_id] input",
            run: `edit ${name}`,
        },
        {
            content: `Pick ${name}`,
            trigger: `.o-autocomplete--dropdown-item:contains('${name}')`,
            run: "click",
        },
    ];
}

function row(name) {
    return `.o_field_widget[name=registration_ids] .o_data_row:contains('${name}')`;
}

registry.category("web_tour.tours").add("parcours_training_tour", {
    steps: () => [
        {
            content: "Plan a new workshop",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Tour getting started session",
        },
        {
            content: "Choose the workshop type",
            trigger: ".o_field_widget[name=event_type_id] input",
            run: "edit Tour getting started",
        },
        {
            content: "Pick the type",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour getting started')",
            run: "click",
        },
        {
            content: "It started this morning",
            trigger: ".o_field_widget[name=date_begin] input",
            run: `edit ${formatDateTime(DateTime.now().minus({hours: 3}))}`,
        },
        {
            content: "The end follows the type's duration",
            trigger: ".o_field_widget[name=parcours_duration]:contains('02:00')",
        },
        ...addParticipant("Tour Person One"),
        ...addParticipant("Tour Person Two"),
        {
            content: "Save the workshop",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Both are registered",
            trigger: ".o_form_saved .o_field_widget[name=seats_taken]:contains('2')",
        },
        {
            content: "Tour Person One attended",
            trigger: `${row("Tour Person One")} button[name=action_set_done]`,
            run: "click",
        },
        {
            content: "Tour Person One is marked attended",
            trigger: `${row("Tour Person One")} button[name=action_parcours_print_certificate]`,
        },
        {
            content: "Tour Person Two attended",
            trigger: `${row("Tour Person Two")} button[name=action_set_done]`,
            run: "click",
        },
        {
            content: "Tour Person Two is marked attended",
            trigger: `${row("Tour Person Two")} button[name=action_parcours_print_certificate]`,
        },
        {
            content: "Tour Person One paid with a Pass numérique",
            trigger: `${row("Tour Person One")} button[name=action_parcours_record_pass]`,
            run: "click",
        },
        {
            content: "Type the number of the pass",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit TOUR 0001",
        },
        {
            content: "Record the pass",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The pass is recorded",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Print the certificate of Tour Person One",
            trigger: `${row("Tour Person One")} button[name=action_parcours_print_certificate]`,
            run: "click",
        },
        {
            content: "The certificate opens",
            trigger: "iframe[src*='report_attendance_certificate']",
        },
    ],
});
