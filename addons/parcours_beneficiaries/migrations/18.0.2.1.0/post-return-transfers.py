# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0: the transfers that returned a lent device to a partner
organisation (the refurbisher) name no beneficiary, as on a new database.

A partner organisation reads the transfers it receives; since 18.0.2.0.0 the
end of a loan leaves their partner empty and the agreement keeps the link
(``parcours.loan.agreement._end``). Older return transfers, and their moves,
still name the beneficiary: their partner is cleared the same way.
"""

from odoo import SUPERUSER_ID, api


def anonymise_return_transfers(env):
    """Clear the beneficiary on the return transfers received by a partner
    organisation, and on their moves; returns the transfers changed."""
    pickings = (
        env["parcours.loan.agreement"]
        .with_context(active_test=False)
        .search([("return_picking_id.partner_id", "!=", False)])
        .return_picking_id.filtered(
            lambda picking: picking.location_dest_id.parcours_organisation_id
        )
    )
    # No tracking message: it would name the beneficiary being removed.
    pickings = pickings.with_context(tracking_disable=True, mail_notrack=True)
    for picking in pickings:
        picking.message_unsubscribe(picking.partner_id.ids)
    pickings.write({"partner_id": False})
    # The picking's write clears the moves that named the same partner; these
    # are all the others (a move of a picking names its picking's partner).
    pickings.move_ids.filtered("partner_id").write({"partner_id": False})
    return pickings


def migrate(cr, version):
    anonymise_return_transfers(api.Environment(cr, SUPERUSER_ID, {}))
