"""A workshop's seats over JSON-RPC, as the demo mediator: never below the
people already registered.

The web client's form is one way to write ``seats_max``; a script sending
``write`` is another. The server refuses both with the same message, and the
workshop keeps its seats.
"""

import odoorpc
import pytest

import odoo
from odoo.modules.registry import Registry


def _workshop_with_registrations(database, login):
    """(id, seats, confirmed registrations) of a workshop of ``login``'s third
    place, not ended, that holds at least two confirmed registrations."""
    with Registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", login)])
        for workshop in env["event.event"].search(
            [
                ("parcours_place_id", "=", user.parcours_organisation_id.id),
                ("stage_id.pipe_end", "=", False),
            ]
        ):
            taken = workshop.seats_reserved + workshop.seats_used
            if taken >= 2:
                return workshop.id, workshop.seats_max, taken
    pytest.fail(f"the demo data has no open workshop with registrations for {login}")


def _seats(database, workshop_id):
    with Registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        return env["event.event"].browse(workshop_id).seats_max


def test_mediator_cannot_lower_seats_below_registrations(odoo_server, odoo_database):
    workshop_id, seats, taken = _workshop_with_registrations(
        odoo_database, "mediatrice"
    )
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    client.login(odoo_database, "mediatrice", "mediatrice")
    with pytest.raises(odoorpc.error.RPCError, match="confirmed registrations"):
        client.execute_kw(
            "event.event", "write", [[workshop_id], {"seats_max": taken - 1}]
        )
    assert _seats(odoo_database, workshop_id) == seats
    # unlimited seats, the other way round the limit, is refused too
    with pytest.raises(odoorpc.error.RPCError, match="needs a number of seats"):
        client.execute_kw(
            "event.event", "write", [[workshop_id], {"seats_limited": False}]
        )
    assert _seats(odoo_database, workshop_id) == seats
