"""What the boundary suites share: which models, fields and methods they try.

Nothing here is hand-listed per model: the suites read the registry. A model of the
Parcours is one defined by an addon named ``parcours_*``; its protected fields are
those its class declares for ``parcours.protected.mixin``; its public methods are
those that a ``parcours_*`` class defines without a leading underscore. Core models
enter through what a partner account may write (access rights read as that user).
"""

import datetime
import inspect

from odoo import Command, models

# Context keys a client may send to pretend that a step was checked, or to widen
# what it sees. None of them may grant anything.
TEMPTING_CONTEXT = {
    "parcours_stage_update": True,
    "parcours_reception_confirmed": True,
    "parcours_confirmed": True,
    "active_test": False,
    "tracking_disable": True,
    "install_mode": True,
    "bypass_protection": True,
}

# The ORM's own entry points: the suites try them through the fields they write.
ORM_METHODS = {
    "browse",
    "check_access",
    "copy",
    "copy_data",
    "create",
    "default_get",
    "exists",
    "fields_get",
    "filtered",
    "get_formview_action",
    "get_formview_id",
    "has_access",
    "init",
    "invalidate_model",
    "invalidate_recordset",
    "mapped",
    "name_create",
    "name_search",
    "onchange",
    "read",
    "read_group",
    "search",
    "search_count",
    "search_read",
    "sorted",
    "unlink",
    "web_read",
    "web_save",
    "web_search_read",
    "write",
}


def is_parcours_class(cls):
    return cls.__module__.startswith("odoo.addons.parcours_")


def parcours_models(env):
    """Names of the concrete models that a parcours addon defines or extends."""
    names = []
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract or not model._auto and not model._transient:
            continue
        if any(is_parcours_class(cls) for cls in type(model).__mro__):
            names.append(name)
    return names


def protected_fields(model):
    """The fields that ``parcours.protected.mixin`` protects on this model."""
    if not hasattr(model, "_parcours_protected"):
        return []
    return [
        name
        for name in sorted(model._parcours_protected())
        if name in model._fields and model._fields[name].store
    ]


def organisation_checked_fields(model):
    """The fields declared ``check_organisation=True`` on this model (stored)."""
    if not hasattr(model, "_parcours_organisation_checked_fields"):
        return []
    return [
        name
        for name in sorted(model._parcours_organisation_checked_fields())
        if model._fields[name].store
    ]


def organisation_of(record):
    """The organisation a record belongs to, as the organisation check reads it."""
    name = getattr(type(record), "_parcours_organisation_field", None)
    if not name or name not in record._fields:
        return record.env["parcours.organisation"]
    return record.sudo()[name]


def foreign_target(record, name):
    """A record of another partner organisation for field ``name`` of ``record``.

    None if the record has no organisation, or no such record exists.
    """
    organisation = organisation_of(record)
    comodel = record.env[record._fields[name].comodel_name]
    org_field = getattr(type(comodel), "_parcours_organisation_field", None)
    if not organisation or not org_field:
        return None
    target = (
        comodel.sudo()
        .with_context(active_test=False)
        .search(
            [
                (org_field, "!=", False),
                (org_field, "!=", organisation.id),
                (f"{org_field}.role", "!=", "department"),
            ],
            order="id desc",
            limit=1,
        )
    )
    return target or None


def scoped_relational_fields(model):
    """The relational fields of ``model`` to records that belong to an
    organisation: a dialog's defaults may name only those the user may read."""
    return [
        name
        for name, field in sorted(model._fields.items())
        if field.type in ("many2one", "many2many")
        and name not in models.MAGIC_COLUMNS
        and getattr(
            type(model.env[field.comodel_name]), "_parcours_organisation_field", None
        )
    ]


def public_methods(model):
    """{name: function} of the public methods that parcours classes define."""
    found = {}
    for cls in type(model).__mro__:
        if not is_parcours_class(cls):
            continue
        for name, member in vars(cls).items():
            if (
                name.startswith("_")
                or name in ORM_METHODS
                or not inspect.isfunction(member)
                or name in found
            ):
                continue
            found[name] = member
    return dict(sorted(found.items()))


def is_model_method(function):
    """An ``@api.model`` method works on no record: nothing to take from another."""
    return getattr(function, "_api", None) in ("model", "model_create")


def other_value(record, name, avoid=()):
    """A value of field ``name`` that differs from the record's (and ``avoid``)."""
    field = record._fields[name]
    current = record[name]
    kind = field.type
    if kind == "selection":
        options = [key for key, __ in field._description_selection(record.env)]
        return next(
            (key for key in options if key != current and key not in avoid), None
        )
    if kind == "many2one":
        other = (
            record.env[field.comodel_name]
            .sudo()
            .search([("id", "!=", current.id)], limit=1)
        )
        return other.id or None
    if kind in ("one2many", "many2many"):
        if current:
            return [Command.clear()]
        other = record.env[field.comodel_name].sudo().search([], limit=1)
        return [Command.set(other.ids)] if other and kind == "many2many" else None
    if kind in ("char", "text", "html"):
        return f"X{current or ''}"[:60]
    if kind == "boolean":
        return not current
    if kind in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if kind == "date":
        return (
            datetime.date(2020, 1, 2)
            if current != datetime.date(2020, 1, 2)
            else (datetime.date(2020, 1, 3))
        )
    if kind == "datetime":
        return datetime.datetime(2020, 1, 2, 10, 0)
    if kind == "binary":
        return "WA=="
    return None


def snapshot(record):
    """The stored values of one record, as the superuser reads them now."""
    record = record.sudo()
    record.invalidate_recordset()
    names = [
        name
        for name, field in record._fields.items()
        if field.store
        and field.type not in ("binary", "one2many")
        and name not in models.MAGIC_COLUMNS
    ]
    return record.read(names)[0] if record.exists() else None


def sample_arguments(function, samples):
    """Positional arguments for ``function`` after self, from ``samples`` by name.

    Returns None if a required parameter has no sample: the suite then fails, so
    that a new public method with a new parameter gets a sample here.
    """
    arguments = []
    parameters = list(inspect.signature(function).parameters.values())[1:]
    for parameter in parameters:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.default is not parameter.empty:
            break
        if parameter.name not in samples:
            return None
        arguments.append(samples[parameter.name])
    return arguments


def format_matrix(title, rows, columns):
    """A plain text table: one line per row, one cell per column."""
    width = max([len(title)] + [len(row) for row in rows])
    cells = {column: max(len(column), 7) for column in columns}
    lines = [
        title.ljust(width) + " | " + " | ".join(c.ljust(cells[c]) for c in columns)
    ]
    lines.append("-" * len(lines[0]))
    for row, values in rows.items():
        lines.append(
            row.ljust(width)
            + " | "
            + " | ".join(str(values.get(c, "-")).ljust(cells[c]) for c in columns)
        )
    return "\n".join(lines)


def readable_models(env, user):
    """Names of the stored models ``user`` has the right to read."""
    names = []
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract or model._transient or not model._auto:
            continue
        if model.with_user(user).has_access("read"):
            names.append(name)
    return names


def readable_values(model, user, limit=200):
    """{record id: {field: value}} of what ``user`` reads of ``model``, as the
    web client would read it (many2one values with their names)."""
    Model = model.with_user(user).with_context(active_test=False)
    names = [
        name
        for name, field in Model._fields.items()
        if field.type not in ("binary", "one2many", "many2many")
        and not (field.compute and not field.store)
    ]
    try:
        Model.check_field_access_rights("read", names)
    except Exception:  # noqa: BLE001 - some fields are for other groups
        names = [name for name in names if Model._fields[name].is_accessible(Model.env)]
    records = Model.search([], order="id desc", limit=limit)
    return {row["id"]: row for row in records.read(names)}


def identity_in(value, identity):
    """The parts of ``identity`` (strings) that ``value`` shows."""
    text = str(value or "")
    return [part for part in identity if part and part in text]
