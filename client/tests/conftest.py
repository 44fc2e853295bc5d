"""Fixtures of the client's tests: real Odoo servers, committed partners, API keys.

The tests run under pytest-odoo, on the database of ``--odoo-database`` (``make
test`` runs them with the other tests). They start Odoo servers in their own
processes with the helper of tests/conftest.py, commit their partner
organisations, users and API keys (named with a tag of their own, so that a kept
database can run them again), and drive the installed ``parcours`` command in a
subprocess, as a partner would. At the end the keys are revoked and the users
archived.
"""

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import client_support
import pytest
from client_support import new_api_key, odoo_env, receive_devices, running_odoo_server

# The test database's fixture, from tests/conftest.py.
odoo_database = client_support.odoo_database


@dataclass
class Account:
    login: str
    api_key: str
    key_name: str


@dataclass
class World:
    """What the session committed: organisations, a device model, accounts."""

    tag: str
    ids: dict = field(default_factory=dict)
    accounts: dict = field(default_factory=dict)


@pytest.fixture(scope="session")
def parcours_command():
    command = Path(sys.executable).with_name("parcours")
    if not command.exists():
        found = shutil.which("parcours")
        if not found:
            pytest.fail(
                "the parcours command is not installed: pip install -e ./client"
            )
        command = Path(found)
    return str(command)


@pytest.fixture(scope="session")
def server_url(odoo_database, tmp_path_factory):
    """The session's Odoo server, for the client."""
    log_dir = tmp_path_factory.mktemp("client-server")
    with running_odoo_server(odoo_database, log_dir) as (__, host, port):
        yield f"http://{host}:{port}"


def _user(env, login, name, group, organisation):
    from odoo import Command

    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": name,
                "login": login,
                "email": f"{login}@example.com",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref(f"parcours_devices.{group}").id,
                        ]
                    )
                ],
                "parcours_organisation_id": organisation.id,
            }
        )
    )


@pytest.fixture(scope="session")
def world(odoo_database):
    """Two workshops, a refurbisher holding devices to refurbish, an accountant."""
    from odoo import Command

    tag = uuid.uuid4().hex[:6]
    world = World(tag=tag)
    with odoo_env(odoo_database) as env:
        Organisation = env["parcours.organisation"]
        esat = Organisation.create({"name": f"ESAT Client {tag}", "role": "workshop"})
        other = Organisation.create({"name": f"ESAT Other {tag}", "role": "workshop"})
        pihc = Organisation.create(
            {"name": f"PIHC Client {tag}", "role": "refurbisher"}
        )
        donor = Organisation.create({"name": f"Donor Client {tag}", "role": "donor"})
        department = Organisation.create(
            {"name": f"Département Client {tag}", "role": "department"}
        )
        laptop = env["product.product"].create(
            {
                "name": f"Client Laptop {tag}",
                "default_code": f"CLT-{tag}",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "parcours_device_type": "laptop",
                "weight": 1.5,
            }
        )
        workers = env["hr.employee"].create(
            [
                {
                    "name": f"Worker {tag}",
                    "parcours_organisation_id": esat.id,
                    "parcours_worker_type": "supported",
                },
                {
                    "name": f"Technician {tag}",
                    "parcours_organisation_id": pihc.id,
                    "parcours_worker_type": "insertion",
                },
            ]
        )
        users = {
            "esat": _user(
                env,
                f"client-esat-{tag}",
                "ESAT operator",
                "group_workshop_operator",
                esat,
            ),
            "other": _user(
                env,
                f"client-other-{tag}",
                "Other operator",
                "group_workshop_operator",
                other,
            ),
            "pihc": _user(
                env,
                f"client-pihc-{tag}",
                "PIHC operator",
                "group_refurbisher_operator",
                pihc,
            ),
            "accountant": _user(
                env, f"client-acc-{tag}", "Accountant", "group_accountant", department
            ),
        }
        for role, user in users.items():
            name, key = new_api_key(env, user, tag)
            world.accounts[role] = Account(user.login, key, name)

        # Devices at the refurbisher, triaged (done today) and handed off.
        lot = env["parcours.donation.lot"].create(
            {"donor_id": donor.id, "workshop_id": esat.id}
        )
        devices = receive_devices(
            lot, laptop, [f"RF-{tag}-{index}" for index in range(3)]
        )
        lot.action_start_triage()
        order = lot.work_order_ids
        order.action_start()
        order.line_ids.write(
            {"result": "pass", "employee_id": workers[0].id, "duration": 0.5}
        )
        order.action_done()
        wizard = env["parcours.handoff.wizard"].create(
            {"lot_ids": [Command.set(devices.ids)], "organisation_id": pihc.id}
        )
        env["stock.picking"].browse(
            wizard.action_send()["res_id"]
        ).action_parcours_confirm_reception()
        world.ids.update(
            esat=esat.id,
            other=other.id,
            pihc=pihc.id,
            donor=donor.id,
            laptop=laptop.id,
            laptop_code=laptop.default_code,
            worker=workers[0].name,
            technician=workers[1].name,
            refurbish_serials=sorted(devices.mapped("name")),
        )
    yield world
    with odoo_env(odoo_database) as env:
        keys = env["res.users.apikeys"].search(
            [("name", "like", f"parcours client tests {tag}")]
        )
        keys._remove()
        env["res.users"].search([("login", "like", f"client-%-{tag}")]).active = False


@pytest.fixture
def new_lot(odoo_database, world):
    """A committed, expected donation lot of a workshop (``esat`` by default)."""

    def create(workshop="esat"):
        with odoo_env(odoo_database) as env:
            lot = env["parcours.donation.lot"].create(
                {"donor_id": world.ids["donor"], "workshop_id": world.ids[workshop]}
            )
            return lot.name

    return create


@pytest.fixture
def parcours(parcours_command, server_url, odoo_database, world, tmp_path):
    """Run the installed ``parcours`` command as one of the world's accounts."""
    home = tmp_path / "home"
    home.mkdir()

    def prepare(role, url=None, api_key=None, environment=True):
        """The command line and environment of ``parcours`` run as ``role``."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("PARCOURS_")
        }
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
        # The tests read the command's English, whatever the runner's locale.
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            env.pop(variable, None)
        env["LANG"] = "C.UTF-8"
        if environment:
            account = world.accounts[role]
            env.update(
                PARCOURS_URL=url or server_url,
                PARCOURS_DB=odoo_database,
                PARCOURS_USER=account.login,
                PARCOURS_API_KEY=api_key or account.api_key,
            )
        return [parcours_command], env

    def run(role, *args, stdin=None, **options):
        command, env = prepare(role, **options)
        return subprocess.run(
            [*command, *args],
            env=env,
            cwd=tmp_path,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    run.prepare = prepare
    run.home = home
    return run
