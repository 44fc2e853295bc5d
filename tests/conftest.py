"""Shared fixtures of the cross-addon tests.

These tests run under pytest-odoo (see tests/README.md): the database under test is
pytest's ``--odoo-database`` option, and Odoo's configuration (addons path, database
connection, data dir) has been parsed from the ``--odoo-*`` options before collection.
"""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from odoo.tools import config as odoo_config

SERVER_START_TIMEOUT = 180  # seconds; loading the registry takes about 10 s here


class _PytestOdooImportNoise(logging.Filter):
    """pytest-odoo imports odoo.tests before it sets Odoo's test mode (it must not set
    it globally: Odoo would then run every at_install test while loading the
    registry), so Odoo logs "Importing test framework, avoid importing from business
    modules..." as an ERROR, with a stack, at every start. Drop that one record."""

    def filter(self, record):
        return not str(record.msg).startswith("Importing test framework")


# conftest.py files of the command-line paths load before pytest-odoo's start-up
logging.getLogger("odoo.tests.common").addFilter(_PytestOdooImportNoise())


@pytest.fixture(scope="session")
def odoo_database(request):
    database = request.config.getoption("--odoo-database")
    if not database:
        pytest.fail("run the tests with --odoo-database=DB (make test does)")
    return database


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port):
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def odoo_server(odoo_database, tmp_path_factory):
    """An Odoo server in its own process on a free local port, serving the test
    database; yields its base URL parts ``(host, port)``.

    It shares the database (and the data dir) with the pytest-odoo process but not
    its registry, as a real client would. It is stopped at the end of the session.
    """
    with running_odoo_server(odoo_database, tmp_path_factory.mktemp("odoo-server")) as (
        __,
        host,
        port,
    ):
        yield host, port


@contextlib.contextmanager
def running_odoo_server(database, log_dir):
    """Start ``python3 -m odoo`` on a free local port for ``database``; yield
    ``(process, host, port)`` once it listens, and stop it on exit.

    The client's tests (client/tests) start their own servers with it, one of
    which they stop in the middle of an import.
    """
    port = _free_port()
    log_path = Path(log_dir) / "odoo.log"
    command = [
        sys.executable,
        "-m",
        "odoo",
        "server",
        f"--database={database}",
        f"--db-filter=^{database}$",
        f"--addons-path={odoo_config['addons_path']}",
        f"--data-dir={odoo_config['data_dir']}",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={_free_port()}",
        "--max-cron-threads=0",
        "--workers=0",
        "--log-level=warn",
        f"--logfile={log_path}",
    ]
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if odoo_config[key]:
            command.append(f"--{key}={odoo_config[key]}")
    env = dict(os.environ)
    env.pop("ODOO_RC", None)  # everything is on the command line
    env.pop("OPENERP_SERVER", None)
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _port_open(port):
            if process.poll() is not None:
                pytest.fail(
                    f"the Odoo server exited with code {process.returncode}:\n"
                    + _tail(log_path)
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the Odoo server did not listen on port {port} within "
                    f"{SERVER_START_TIMEOUT} s:\n" + _tail(log_path)
                )
            time.sleep(0.5)
        yield process, "127.0.0.1", port
    finally:
        _stop(process)


def _stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _tail(path, lines=40):
    path = Path(path)
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def pytest_terminal_summary(terminalreporter):
    """Print the boundary suites' matrices (fields, methods, models × roles)."""
    for name in ("test_boundary", "test_rpc_boundary"):
        module = sys.modules.get(name)
        if module is not None and getattr(module, "MATRICES", None):
            terminalreporter.write_sep(
                "=", f"{name}: what each partner role may not do"
            )
            terminalreporter.write_line(module.matrices())
