/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("parcours_allocation_tour", {
    steps: () => [
        {
            content: "Open the waiting list of the mediator's third place",
            trigger: ".o_group_header:contains('Tour third place')",
            run: "click",
        },
        {
            content: "The waiting list shows the tour beneficiary: allocate a device",
            trigger:
                ".o_data_row:contains('Tour Beneficiary') button[name=action_allocate]",
            run: "click",
        },
        {
            content: "The ready laptop of the third place is proposed",
            trigger: ".modal .o_field_widget[name=lot_id] input:value('TOUR-READY-1')",
        },
        {
            content: "Reserve it",
            trigger: ".modal button[name=action_allocate]",
            run: "click",
        },
        {
            content: "The draft agreement opens: mark it signed",
            trigger: ".o_form_view button[name=action_sign]",
            run: "click",
        },
        {
            content: "The agreement is signed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Signed')",
        },
    ],
});
