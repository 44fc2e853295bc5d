# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A year of training against plain Odoo events doing the same registrations.

Ours: N people of a third place, 5 workshops each, sessions of 12; a mediator
registers each person one at a time (the person named explicitly, the last
seat serialised) and marks the attendance of each session in one batch of 12.
Plain Odoo: an event user registers the same people one at a time to plain
events of 12 seats and marks each session done in one batch. The workshops and
events are created beforehand and not measured. Both run on the same database
in one transaction rolled back at the end.

    python3 bench/bench_training.py --database DB --addons-path PATH [--sizes 50,500]
"""

import uuid
from datetime import timedelta

from common import (
    COMPARISON_COLUMNS,
    comparison_row,
    measure,
    odoo_env,
    parse_args,
    print_table,
)

SIZES = (50, 500)
WORKSHOPS_PER_PERSON = 5
SEATS = 12


def sessions_of(people):
    """Each person 5 times, cut into sessions of 12 (no one twice in a session)."""
    seats = [person for __ in range(WORKSHOPS_PER_PERSON) for person in people]
    return [seats[start : start + SEATS] for start in range(0, len(seats), SEATS)]


def main():
    args, odoo_args = parse_args(__doc__)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    with odoo_env(args, odoo_args) as env:
        from odoo import Command, fields

        tag = uuid.uuid4().hex[:6]
        today = fields.Date.context_today(env["res.partner"])
        begin = fields.Datetime.now() - timedelta(days=1)
        place = env["parcours.organisation"].create(
            {"name": f"Bench place {tag}", "role": "third_place"}
        )
        Users = env["res.users"].with_context(no_reset_password=True)
        mediator = Users.create(
            {
                "name": f"Bench mediator {tag}",
                "login": f"bench_mediator_{tag}",
                "parcours_organisation_id": place.id,
                "groups_id": [
                    Command.set([env.ref("parcours_beneficiaries.group_mediator").id])
                ],
            }
        )
        event_user = Users.create(
            {
                "name": f"Bench event user {tag}",
                "login": f"bench_event_user_{tag}",
                "groups_id": [Command.set([env.ref("event.group_event_user").id])],
            }
        )
        workshop_type = env.ref("parcours_training.event_type_getting_started")

        def people(count, prefix, parcours):
            values = {"zip": "26400"}
            if parcours:
                values.update(
                    {
                        "parcours_is_beneficiary": True,
                        "parcours_place_id": place.id,
                        "parcours_consent_date": today,
                    }
                )
            return env["res.partner"].create(
                [
                    dict(values, name=f"{prefix} person {index}")
                    for index in range(count)
                ]
            )

        def year(user, events, sessions):
            Registration = env["event.registration"].with_user(user)

            def run():
                for event, session in zip(events, sessions, strict=True):
                    registrations = Registration.browse()
                    for person in session:
                        registrations |= Registration.create(
                            {"event_id": event.id, "partner_id": person.id}
                        )
                    registrations.action_set_done()

            return run

        def ours(count, prefix):
            sessions = sessions_of(people(count, prefix, parcours=True))
            events = (
                env["event.event"]
                .with_user(mediator)
                .create(
                    [
                        {
                            "name": f"{prefix} workshop {index}",
                            "event_type_id": workshop_type.id,
                            "date_begin": begin,
                            "seats_max": SEATS,
                        }
                        for index in range(len(sessions))
                    ]
                )
            )
            return measure(env, year(mediator, events, sessions))

        def plain(count, prefix):
            sessions = sessions_of(people(count, prefix, parcours=False))
            events = env["event.event"].create(
                [
                    {
                        "name": f"{prefix} event {index}",
                        "date_begin": begin,
                        "date_end": begin + timedelta(hours=2),
                        "seats_limited": True,
                        "seats_max": SEATS,
                        "event_mail_ids": [Command.clear()],
                        "user_id": event_user.id,
                    }
                    for index in range(len(sessions))
                ]
            )
            return measure(env, year(event_user, events, sessions))

        ours(12, f"WA{tag}")
        plain(12, f"WB{tag}")
        rows = []
        for run, size in enumerate(sizes):
            registrations = size * WORKSHOPS_PER_PERSON
            rows.append(
                comparison_row(
                    registrations,
                    ours(size, f"O{tag}{run}-"),
                    plain(size, f"P{tag}{run}-"),
                )
            )
        print_table(
            "A year of training: N registrations (5 per person, for "
            + " and ".join(str(size) for size in sizes)
            + " people), each registered alone, attendance marked 12 at a time, "
            "vs plain Odoo events (target: at most 1.2x, same queries per "
            "registration at every N)",
            rows,
            COMPARISON_COLUMNS,
        )


if __name__ == "__main__":
    main()
