# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A lot received through the partners' client against the intake wizard.

For N devices, the client (``parcours_client``: the file in chunks, uploads, the
import call, over HTTP with an API key, as a workshop operator) receives a lot
from a CSV file that the server's import engine parses; the intake wizard
receives another lot from the same file, in-process, as the same operator: both
go through the same engine, so the figures compare the transport. The Odoo HTTP
server runs in this process in test mode, so that its requests share the
benchmark's transaction, rolled back at the end: the database is left as it
was. The client's round trips are counted in its API module; they must not grow
with N.

    python3 bench/bench_client_import.py --database DB --addons-path PATH \
        [--sizes 200,2000]

Needs the client installed (pip install -e ./client).
"""

import base64
import csv
import datetime
import io
import socket
import uuid

import common

SIZES = (200, 2000)
REPEAT = 3
HEADER = ("Numéro de série", "Modèle", "Processeur", "RAM (Go)", "Stockage (Go)")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rows(count, prefix, model):
    return [
        {
            "row": index + 2,
            HEADER[0]: f"{prefix}{index:06d}",
            HEADER[1]: model,
            HEADER[2]: "Intel Core i5-8350U",
            HEADER[3]: 8,
            HEADER[4]: 256,
        }
        for index in range(count)
    ]


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows([row[name] for name in HEADER] for row in rows)
    return base64.b64encode(buffer.getvalue().encode())


def main():
    from parcours_client import importer
    from parcours_client.api import Server

    args, odoo_args = common.parse_args(__doc__)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
    port = _free_port()
    odoo_args += [
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--db-filter=^{args.database}$",
    ]
    with common.odoo_env(args, odoo_args) as env:
        import odoo
        from odoo import Command, fields

        tag = uuid.uuid4().hex[:6]
        workshop, donor, laptop = common.bench_partners(env, tag)
        operator_values = {
            "name": f"Bench operator {tag}",
            "login": f"bench-{tag}",
            "email": f"bench-{tag}@example.com",
            "groups_id": [
                Command.set(
                    [
                        env.ref("base.group_user").id,
                        env.ref("parcours_devices.group_workshop_operator").id,
                    ]
                )
            ],
            "parcours_organisation_id": workshop.id,
        }
        Users = env["res.users"].with_context(no_reset_password=True)
        operator = Users.create(operator_values)
        key = (
            env["res.users.apikeys"]
            .with_user(operator)
            ._generate(
                None, "bench", fields.Datetime.now() + datetime.timedelta(hours=1)
            )
        )
        env.flush_all()

        def new_lot():
            lot = env["parcours.donation.lot"].create(
                {"donor_id": donor.id, "workshop_id": workshop.id}
            )
            env.flush_all()
            return lot

        def client(count, prefix):
            lot = new_lot()
            rows = _rows(count, prefix, laptop.default_code)
            server = Server(
                f"http://127.0.0.1:{port}", args.database, operator.login, key
            )
            content = base64.b64decode(_csv(rows))
            reports = []
            figures = common.measure(
                env,
                lambda: reports.append(
                    importer.send(server, "lot", "lot.csv", content, lot=lot.name)
                ),
            )
            if not reports[0]["written"]:
                raise SystemExit(
                    f"the client's import failed: {reports[0]['errors'][:3]}"
                )
            return figures, server.round_trips

        def wizard(count, prefix):
            lot = new_lot()
            intake = (
                env["parcours.lot.intake"]
                .with_user(operator)
                .create(
                    {
                        "donation_lot_id": lot.id,
                        "file": _csv(_rows(count, prefix, laptop.default_code)),
                        "filename": "lot.csv",
                    }
                )
            )
            return common.measure(env, intake.action_receive)

        env.registry.enter_test_mode(env.cr)
        httpd = odoo.service.server.ThreadedServer(odoo.http.root)
        httpd.http_spawn()
        try:
            client(5, f"W{tag}A")
            wizard(5, f"W{tag}B")
            rows = []
            for run, size in enumerate(sizes):
                # Best of three runs, alternating the two paths, against noise.
                ours, plains, trips = [], [], set()
                for rep in range(REPEAT):
                    figures, round_trips = client(size, f"C{tag}{run}{rep}-")
                    ours.append(figures)
                    trips.add(round_trips)
                    plains.append(wizard(size, f"I{tag}{run}{rep}-"))
                rows.append(
                    common.comparison_row(
                        size, common.fastest(ours), common.fastest(plains)
                    )
                    + ("/".join(map(str, sorted(trips))),)
                )
        finally:
            httpd.httpd.shutdown()
            env.registry.leave_test_mode()
        common.print_table(
            "Lot received through the client (HTTP, API key, chunks) vs the intake "
            "wizard in-process, same operator (best of 3; 'plain' is the wizard)",
            rows,
            (*common.COMPARISON_COLUMNS, "round trips"),
        )


if __name__ == "__main__":
    main()
