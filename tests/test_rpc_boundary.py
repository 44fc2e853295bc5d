"""The boundary suite over real JSON-RPC, as the demo partner accounts.

The same generated cases as test_boundary.py (protected fields, public methods on
another organisation's records, links to another organisation's records on the
declared fields, dialogs opened with another organisation's ids), sent by odoorpc
to the server process that the ``odoo_server`` fixture starts, with tempting
context keys, the way a script or the partners' remote client would. What to try
is read from the registry in this process; what the server did is read back from
the database in a new transaction.
"""

import datetime

import odoorpc
import pytest
from boundary import (
    TEMPTING_CONTEXT,
    foreign_target,
    format_matrix,
    is_model_method,
    organisation_checked_fields,
    other_value,
    parcours_models,
    protected_fields,
    public_methods,
    readable_models,
    sample_arguments,
    scoped_relational_fields,
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


def _link_cases(registry, login):
    """[(model, field, own record id, foreign target id)]: the declared links."""
    cases = []
    with registry.cursor() as cr:
        env = _env(registry, cr)
        user = env["res.users"].search([("login", "=", login)])
        for name in parcours_models(env):
            Model = env[name].with_context(active_test=False)
            fields_ = organisation_checked_fields(Model)
            if Model._transient or not fields_:
                continue
            records = Model.search([], order="id desc", limit=300)
            own = records.with_user(user)._filtered_access("write").sudo()[:1]
            for field in fields_ if own else ():
                target = foreign_target(own, field)
                if target is not None and Model._fields[field].type == "many2one":
                    cases.append((name, field, own.id, target.id))
        cr.rollback()
    return cases


def _default_cases(registry, login):
    """[(dialog, field, comodel, id)]: a record of the comodel ``login`` may not
    read, for each relational field of each dialog."""
    cases = []
    with registry.cursor() as cr:
        env = _env(registry, cr)
        user = env["res.users"].search([("login", "=", login)])
        for name in parcours_models(env):
            Model = env[name]
            if not Model._transient or not Model._original_module.startswith(
                "parcours_"
            ):
                continue
            for field in scoped_relational_fields(Model):
                comodel = Model._fields[field].comodel_name
                records = (
                    env[comodel]
                    .with_context(active_test=False)
                    .search([], order="id desc", limit=200)
                )
                foreign = (
                    records - records.with_user(user)._filtered_access("read").sudo()
                )
                if foreign:
                    cases.append((name, field, comodel, foreign[0].id))
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


@pytest.mark.parametrize("role", sorted(DEMO_ROLES))
def test_demo_accounts_link_only_their_organisation_over_json_rpc(
    role, registry, odoo_server, odoo_database
):
    """Every declared link, written with another organisation's id: refused."""
    login = DEMO_ROLES[role]
    client = _client(odoo_server, odoo_database, login)
    accepted = []
    for model, field, record_id, target_id in _link_cases(registry, login):
        before = _state(registry, model, record_id)
        try:
            client.execute_kw(
                model,
                "write",
                [[record_id], {field: target_id}],
                {"context": TEMPTING_CONTEXT},
            )
        except odoorpc.error.RPCError:
            outcome = "refused"
        else:
            outcome = "ACCEPTED"
            accepted.append(f"{model}.{field} on {record_id}")
        if _state(registry, model, record_id) != before:
            outcome = "CHANGED"
            accepted.append(f"{model}.{field} changed {record_id}")
        MATRICES.setdefault("over JSON-RPC: organisation links", {}).setdefault(
            f"{model}.{field}", {}
        )[role] = outcome
    assert not accepted, f"{login} linked another organisation: " + "; ".join(accepted)


@pytest.mark.parametrize("role", sorted(DEMO_ROLES))
def test_demo_accounts_see_no_other_data_in_dialog_defaults(
    role, registry, odoo_server, odoo_database
):
    """Every dialog opened with another organisation's ids, as the web client
    does (onchange on a new record): refused, the record's name never sent."""
    login = DEMO_ROLES[role]
    client = _client(odoo_server, odoo_database, login)
    cases = _default_cases(registry, login)
    assert cases, f"{login} has no dialog to try: is the demo data installed?"
    shown = []
    for wizard, field, comodel, record_id in cases:
        context = dict(
            TEMPTING_CONTEXT,
            **{
                f"default_{field}": record_id,
                "active_model": comodel,
                "active_id": record_id,
                "active_ids": [record_id],
            },
        )
        try:
            result = client.execute_kw(
                wizard,
                "onchange",
                [[], {}, [], {field: {"fields": {"display_name": {}}}}],
                {"context": context},
            )
        except odoorpc.error.RPCError:
            outcome = "refused"
        else:
            outcome = "SHOWN"
            shown.append(f"{wizard}.{field}: {result.get('value')}")
        MATRICES.setdefault("over JSON-RPC: dialog defaults", {}).setdefault(
            f"{wizard}.{field}", {}
        )[role] = outcome
    assert not shown, f"{login} was shown: " + "; ".join(shown)


PARTNER_ROLES = {"workshop (esat)": "esat", "refurbisher (pihc)": "pihc"}
PERSONAL_USER_FIELDS = ["login", "email", "phone", "mobile", "signature"]


def _identity_cases(registry, login):
    """(models the partner may read with their readable fields, the beneficiaries'
    names and e-mails, the other organisations' user ids)."""
    with registry.cursor() as cr:
        env = _env(registry, cr)
        user = env["res.users"].search([("login", "=", login)])
        models_ = {}
        for name in readable_models(env, user):
            Model = env[name].with_user(user)
            models_[name] = [
                field_name
                for field_name, field in Model._fields.items()
                if field.type not in ("binary", "one2many", "many2many")
                and not (field.compute and not field.store)
                and field.is_accessible(Model.env)
            ]
        people = (
            env["res.partner"]
            .with_context(active_test=False)
            .search([("parcours_is_beneficiary", "=", True)])
        )
        # a namesake among the other contacts (a worker of the demo ESAT) is
        # not the beneficiary: their names are not looked for
        namesakes = set(
            env["res.partner"]
            .with_context(active_test=False)
            .search(
                [
                    ("parcours_is_beneficiary", "=", False),
                    ("name", "in", people.mapped("name")),
                ]
            )
            .mapped("name")
        )
        identity = {
            p.name for p in people if p.name and len(p.name) > 5
        } - namesakes | {p.email for p in people if p.email}
        others = (
            env["res.users"]
            .with_context(active_test=False)
            .search(
                [
                    ("parcours_organisation_id", "!=", False),
                    ("parcours_organisation_id.role", "!=", "department"),
                    (
                        "parcours_organisation_id",
                        "!=",
                        user.parcours_organisation_id.id,
                    ),
                ]
            )
        )
        cr.rollback()
    return models_, identity, others.ids


@pytest.mark.parametrize("role", sorted(PARTNER_ROLES))
def test_partners_read_no_identity_over_json_rpc(
    role, registry, odoo_server, odoo_database
):
    """Every model the demo ESAT and PIHC may read, read as the web client
    would: no beneficiary's name or e-mail, no other organisation's logins."""
    login = PARTNER_ROLES[role]
    client = _client(odoo_server, odoo_database, login)
    models_, identity, others = _identity_cases(registry, login)
    assert identity, "the demo data has beneficiaries"
    shown = []
    for model, field_names in models_.items():
        try:
            rows = client.execute_kw(
                model,
                "search_read",
                [[], field_names],
                {"limit": 100, "context": {"active_test": False}},
            )
        except odoorpc.error.RPCError:
            outcome = "-"
        else:
            found = sorted(
                {
                    part
                    for row in rows
                    for value in row.values()
                    for part in identity
                    if part in str(value or "")
                }
            )
            outcome = "SHOWN" if found else f"none of {len(rows)}"
            if found:
                shown.append(f"{model}: {found[:3]}")
        MATRICES.setdefault("over JSON-RPC: beneficiary identity", {}).setdefault(
            model, {}
        )[role] = outcome
    try:
        users = client.execute_kw("res.users", "read", [others, PERSONAL_USER_FIELDS])
    except odoorpc.error.RPCError:
        users = []
    personal = [f"{u['id']}.{n}" for u in users for n in PERSONAL_USER_FIELDS if u[n]]
    if personal:
        shown.append(f"res.users of other organisations: {personal[:5]}")
    assert not shown, f"{login} reads: " + "; ".join(shown)


def matrices():
    blocks = []
    for title, rows in MATRICES.items():
        columns = sorted({column for values in rows.values() for column in values})
        blocks.append(format_matrix(title, dict(sorted(rows.items())), columns))
    return "\n\n".join(blocks)
