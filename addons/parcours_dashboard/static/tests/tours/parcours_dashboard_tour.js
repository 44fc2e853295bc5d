/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("parcours_dashboard_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            content: "The département's dashboards are listed in their own group",
            trigger: ".o_search_panel_section_header:contains('Parcours numérique solidaire')",
        },
        {
            content: "Open the dashboard of the device chain",
            trigger: ".o_search_panel_category_value[data-name='Device chain']",
            run: "click",
        },
        {
            content: "The dashboard is shown",
            trigger: ".o_search_panel_category_value.active[data-name='Device chain']",
        },
        {
            content: "The figures are computed: each one opens its records",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
        },
        {
            content: "Open the dashboard of the loans and contributions",
            trigger: ".o_search_panel_category_value[data-name='Loans and contributions']",
            run: "click",
        },
        {
            content: "Its figures are computed too",
            trigger: ".o_search_panel_category_value.active[data-name='Loans and contributions']",
        },
        {
            content: "Each of its figures opens its records",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
        },
        {
            content: "The other dashboards are there too",
            trigger: ".o_search_panel_category_value[data-name='Environment']",
            run: "click",
        },
        {
            content: "The environment dashboard states its figures",
            trigger: ".o_search_panel_category_value.active[data-name='Environment']",
        },
        {
            content: "Open the records behind a figure",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
            run: "click",
        },
        {
            content: "The records open in their own view",
            trigger: ".o_action_manager .o_view_controller:is(.o_list_view, .o_pivot_view)",
        },
    ],
});
