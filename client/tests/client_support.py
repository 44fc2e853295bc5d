"""What the client's tests share with their fixtures (conftest.py): an Odoo
environment on the test database, the server starter of tests/conftest.py."""

import contextlib
import datetime
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _rpc_fixtures():
    """tests/conftest.py, for its database fixture and its server starter."""
    spec = importlib.util.spec_from_file_location(
        "parcours_rpc_conftest", ROOT / "tests" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_rpc = _rpc_fixtures()
odoo_database = _rpc.odoo_database
running_odoo_server = _rpc.running_odoo_server

MAIL_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


@contextlib.contextmanager
def odoo_env(database):
    """A superuser environment whose work is committed on exit."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    with Registry(database).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, dict(MAIL_CONTEXT))


def new_api_key(env, user, tag, purpose="session"):
    """An API key of ``user``, valid for a few hours; returns (name, key)."""
    from odoo import fields

    name = f"parcours client tests {tag} {purpose}"
    key = (
        env["res.users.apikeys"]
        .with_user(user)
        ._generate(None, name, fields.Datetime.now() + datetime.timedelta(hours=6))
    )
    return name, key


def receive_devices(lot, product, serials):
    """Receive ``serials`` in the donation lot, as the intake does."""
    lot._receive_devices(
        [{"serial": serial, "product": product, "weight": 1.5} for serial in serials]
    )
    return lot.device_ids
