"""The boundary suite over real JSON-RPC, as the demo partner accounts.

The same generated cases as test_boundary.py (protected fields, public methods on
another organisation's records), sent by odoorpc to the server process that the
``odoo_server`` fixture starts, with tempting context keys, the way a script or the
partners' remote client would. What to try is read from the registry in this
process; what the server did is read back from the database in a new transaction.
"""

import datetime

import odoorpc
import pytest
from boundary import (
    TEMPTING_CONTEXT,
    format_matrix,
    is_model_method,
    other_value,
    parcours_models,
    protected_fields,
    public_methods,
    sample_arguments,
    snapshot,
)

import odoo
from odoo.modules.registry import Registry

DEMO_ROLES = {
    "workshop (esat)": "esat",
    "refurbisher (pihc)": "pihc",
    "mediator (mediatrice)": "mediatrice",
}
MATRICES = {}


@pytest.fixture(scope="module")
def registry(odoo_database):
    return Registry(odoo_database)


def _env(registry, cr):
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def _client(odoo_server, odoo_database, login):
    host, port = odoo_server
    client = odoorpc.ODOO(host, port=port, timeout=120)
    client.login(odoo_database, login, login)
    return client


def _cases(registry, login):
    """[(model, field or method, record id, value or None)] to try as ``login``."""
    cases = []
    with registry.cursor() as cr:
        env = _env(registry, cr)
        user = env["res.users"].search([("login", "=", login)])
        for name in parcours_models(env):
            Model = env[name].with_context(active_test=False)
            if Model._transient:
                continue
            records = Model.search([], order="id desc", limit=300)
            readable = records.with_user(user)._filtered_access("read")
            writable = readable._filtered_access("write").sudo()
            foreign = (records - readable.sudo())[:1]
            for field in protected_fields(Model):
                own = writable[:1] or readable.sudo()[:1]
                if own:
                    value = other_value(own, field)
                    if value is not None:
                        # JSON carries dates as strings, as the web client sends them
                        value = own._fields[field].convert_to_write(value, own)
                        if isinstance(value, datetime.date | datetime.datetime):
                            value = (
                                odoo.fields.Datetime.to_string(value)
                                if isinstance(value, datetime.datetime)
                                else odoo.fields.Date.to_string(value)
                            )
                        cases.append((name, field, own.id, value))
            for method, function in public_methods(Model).items():
                # methods that need arguments are tried in-process
                # (test_boundary.py, with its samples)
                if (
                    foreign
                    and not is_model_method(function)
                    and sample_arguments(function, {}) == []
                ):
                    cases.append((name, method, foreign.id, None))
        cr.rollback()
    return cases


def _state(registry, model, record_id):
    with registry.cursor() as cr:
        env = _env(registry, cr)
        return snapshot(env[model].browse(record_id))


@pytest.mark.parametrize("role", sorted(DEMO_ROLES))
def test_demo_accounts_are_refused_over_json_rpc(
    role, registry, odoo_server, odoo_database
):
    login = DEMO_ROLES[role]
    client = _client(odoo_server, odoo_database, login)
    client.env.context.update(TEMPTING_CONTEXT)
    cases = _cases(registry, login)
    assert cases, f"{login} has nothing to try: is the demo data installed?"
    accepted = []
    for model, member, record_id, value in cases:
        before = _state(registry, model, record_id)
        try:
            if value is None:
                client.execute_kw(
                    model, member, [[record_id]], {"context": TEMPTING_CONTEXT}
                )
            else:
                client.execute_kw(
                    model,
                    "write",
                    [[record_id], {member: value}],
                    {"context": TEMPTING_CONTEXT},
                )
        except odoorpc.error.RPCError:
            outcome = "refused"
        else:
            outcome = "ACCEPTED"
            accepted.append(f"{model}.{member} on {record_id}")
        if _state(registry, model, record_id) != before:
            outcome = "CHANGED"
            accepted.append(f"{model}.{member} changed {record_id}")
        kind = "methods" if value is None else "fields"
        MATRICES.setdefault(f"over JSON-RPC: {kind}", {}).setdefault(
            f"{model}.{member}", {}
        )[role] = outcome
    assert not accepted, f"{login} got through: " + "; ".join(accepted)


def matrices():
    blocks = []
    for title, rows in MATRICES.items():
        columns = sorted({column for values in rows.values() for column in values})
        blocks.append(format_matrix(title, dict(sorted(rows.items())), columns))
    return "\n\n".join(blocks)
