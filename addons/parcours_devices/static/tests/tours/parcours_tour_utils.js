/* Copyright 2026 Département de la Drôme
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

/* Steps shared by the tours of every role's day. Other addons import them as
 * "@parcours_devices/../tests/tours/parcours_tour_utils". */

export const PARCOURS_APP = "parcours_devices.parcours_devices_menu_root";

/** The row of a one2many list that shows this serial number. */
export function row(serial) {
    return `.o_field_one2many .o_data_row:contains('${serial}')`;
}

/**
 * The home menu lists the Parcours app only (no Inventory, Discuss, Employees...).
 * The menu is closed again, or with `{open: true}` the Parcours app is opened.
 */
export function onlyParcoursApp({open = false} = {}) {
    const leave = open
        ? [
              {
                  content: "Open the Parcours app",
                  trigger: `.o-dropdown--menu .o_app[data-menu-xmlid='${PARCOURS_APP}']`,
                  run: "click",
              },
          ]
        : [
              {
                  content: "Close the home menu",
                  trigger: ".o_navbar_apps_menu button",
                  run: "click",
              },
          ];
    return [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "The home menu offers the Parcours app and nothing else",
            trigger: `.o-dropdown--menu .o_app[data-menu-xmlid='${PARCOURS_APP}']`,
            run() {
                const apps = [...document.querySelectorAll(".o-dropdown--menu .o_app")];
                const others = apps
                    .filter((app) => app.dataset.menuXmlid !== PARCOURS_APP)
                    .map((app) => app.textContent.trim());
                if (others.length) {
                    throw new Error(`Apps other than the Parcours: ${others.join(", ")}`);
                }
            },
        },
        ...leave,
        {
            content: "The home menu is closed",
            trigger: "body:not(:has(.o-dropdown--menu .o_app))",
        },
    ];
}
