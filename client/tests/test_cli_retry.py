"""The command sends a call again when the server says its database failed for a
moment, with a growing wait and a limit.

The faults are real: the test holds a lock on the donation lots' table, so that
the server's query waits on it, and terminates that query's PostgreSQL backend
(``pg_terminate_backend``), as a database restart does. The server answers
``TemporaryError`` (parcours_base), which the command retries.
"""

import subprocess
import time

import psycopg2
import pytest

from odoo.sql_db import connection_info_for


@pytest.fixture
def locker(odoo_database):
    connection = psycopg2.connect(**connection_info_for(odoo_database)[1])
    yield connection
    connection.rollback()
    connection.close()


def _kill_waiting_queries(cr, database):
    """Terminate the server's queries waiting on the test's lock; how many."""
    # pg_stat_activity is read once per transaction, unless told to read it again
    cr.execute("SELECT pg_stat_clear_snapshot()")
    cr.execute(
        """SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = %s AND pid != pg_backend_pid()
              AND wait_event_type = 'Lock'
              AND query ILIKE '%%parcours_donation_lot%%'""",
        [database],
    )
    return len(cr.fetchall())


def _warm_up(parcours):
    """The server is up and has loaded what the command reads, before the lock:
    a registry it loaded under the lock would wait for it."""
    assert parcours("esat", "lots").returncode == 0


def _start(parcours, *args, retries, delay):
    argv, env = parcours.prepare("esat")
    env.update(PARCOURS_RETRIES=str(retries), PARCOURS_RETRY_DELAY=str(delay))
    return subprocess.Popen(
        [*argv, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_temporary_fault_is_retried_and_the_command_succeeds(
    parcours, world, new_lot, odoo_database, locker
):
    reference = new_lot()
    _warm_up(parcours)
    cr = locker.cursor()
    cr.execute("LOCK TABLE parcours_donation_lot IN ACCESS EXCLUSIVE MODE")
    command = _start(parcours, "lots", "--format", "json", retries=4, delay=0.5)
    try:
        deadline = time.monotonic() + 120
        while not _kill_waiting_queries(cr, odoo_database):
            assert command.poll() is None, command.communicate()
            assert time.monotonic() < deadline, "the command never reached the lock"
            time.sleep(0.1)
    finally:
        locker.rollback()  # the fault is over
    stdout, stderr = command.communicate(timeout=300)
    assert command.returncode == 0, stderr
    assert "the server is temporarily unavailable; trying again in" in stderr
    assert "(2/4)" in stderr
    assert reference in stdout


def test_the_command_gives_up_after_its_retries(parcours, world, odoo_database, locker):
    _warm_up(parcours)
    cr = locker.cursor()
    cr.execute("LOCK TABLE parcours_donation_lot IN ACCESS EXCLUSIVE MODE")
    command = _start(parcours, "lots", retries=3, delay=0.2)
    killed = 0
    try:
        deadline = time.monotonic() + 300
        while command.poll() is None:
            killed += _kill_waiting_queries(cr, odoo_database)
            if time.monotonic() > deadline:
                command.kill()
                cr.execute(
                    "SELECT pid, state, wait_event_type, left(query, 80)"
                    " FROM pg_stat_activity WHERE datname = %s",
                    [odoo_database],
                )
                pytest.fail(
                    f"the command never gave up ({killed} killed): "
                    f"{command.communicate()} {cr.fetchall()}"
                )
            time.sleep(0.1)
    finally:
        locker.rollback()
    stdout, stderr = command.communicate(timeout=60)
    assert killed == 3  # one call, sent three times
    assert command.returncode == 7, stderr
    assert stderr.count("trying again in") == 2
    assert "is still unavailable after 3 tries" in stderr
    assert "nothing was saved. Try again later." in stderr
    assert "Traceback" not in stderr
