# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""parcours_base was split out of parcours_devices (18.0.2.0.0).

On a database of an earlier release, the organisations, the user's organisation
and the mixins are already there, reflected under parcours_devices (and
parcours_beneficiaries for the documents of a third place). Before
parcours_base loads, its share of that reflection (external ids of models,
fields, selection values, inheritances and SQL constraints) is given to it, so
that the upgrade keeps every table, column and constraint as it is, and that
uninstalling parcours_devices one day cannot drop what parcours_base owns.

A migration script of parcours_base would run too late: a new addon has none
(Odoo runs migrations of installed addons only), and parcours_base is loaded
before the addons that depend on it. Hence this ``pre_init_hook``, which does
nothing on a new database.
"""

import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)

OLD_MODULES = ("parcours_devices", "parcours_beneficiaries")
MAGIC = ("id", "create_uid", "create_date", "write_uid", "write_date")


def _declared():
    """(models parcours_base defines, {model: fields it declares})."""
    defined, declared = set(), {}
    for cls in models.MetaModel.module_to_models.get("parcours_base", ()):
        inherit = cls._inherit or ()
        inherit = [inherit] if isinstance(inherit, str) else list(inherit)
        name = cls._name or inherit[0]
        if cls._name and cls._name not in inherit:
            defined.add(name)
        declared.setdefault(name, set()).update(
            key for key, value in vars(cls).items() if isinstance(value, fields.Field)
        )
    return defined, declared


def pre_init_hook(env):
    cr = env.cr
    cr.execute(
        """SELECT name FROM ir_module_module
            WHERE name IN %s AND state IN ('installed', 'to upgrade')""",
        [OLD_MODULES],
    )
    if not cr.fetchall():
        return  # a new database: nothing to take over
    defined, declared = _declared()
    # the models of the mixins' records: (model, field) of every table that
    # inherits a mixin of parcours_base gets the mixin's columns
    cr.execute(
        """WITH RECURSIVE heirs(model, parent) AS (
               SELECT m.model, p.model FROM ir_model_inherit i
                 JOIN ir_model m ON m.id = i.model_id
                 JOIN ir_model p ON p.id = i.parent_id
                WHERE p.model = ANY(%(defined)s)
               UNION
               SELECT m.model, h.parent FROM ir_model_inherit i
                 JOIN ir_model m ON m.id = i.model_id
                 JOIN ir_model p ON p.id = i.parent_id
                 JOIN heirs h ON h.model = p.model)
           SELECT model, parent FROM heirs""",
        {"defined": list(defined)},
    )
    columns = {(model, name) for model, names in declared.items() for name in names}
    # the columns every table has, on the tables of the models it defines only
    columns |= {(model, name) for model in defined for name in MAGIC}
    for model, parent in cr.fetchall():
        columns |= {(model, name) for name in declared.get(parent, ())}
    params = {
        "old": list(OLD_MODULES),
        "defined": list(defined),
        "models": list(declared),
        "fields": [f"{model}|{name}" for model, name in columns],
    }
    # the unique constraints of the models it defines (its foreign keys are
    # given to it at the end of the upgrade, by give_foreign_keys in upgrade.py,
    # when every addon's fields are known)
    cr.execute(
        """UPDATE ir_model_constraint c
              SET module = (SELECT id FROM ir_module_module
                             WHERE name = 'parcours_base')
             FROM ir_model m, ir_module_module mo
            WHERE m.id = c.model AND mo.id = c.module AND mo.name = ANY(%(old)s)
              AND c.type = 'u' AND m.model = ANY(%(defined)s)""",
        params,
    )
    _logger.info("parcours_base takes over %s SQL constraints", cr.rowcount)
    # external ids: a copy under parcours_base of each; at the end of the
    # upgrade, Odoo drops the copies the addons no longer declare (the records
    # stay, as they keep another external id)
    cr.execute(
        """INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
           SELECT DISTINCT ON (d.name) 'parcours_base', d.name, d.model, d.res_id,
                  d.noupdate
             FROM ir_model_data d
             LEFT JOIN ir_model m ON d.model = 'ir.model' AND m.id = d.res_id
             LEFT JOIN ir_model_fields f
                    ON d.model = 'ir.model.fields' AND f.id = d.res_id
             LEFT JOIN ir_model_fields_selection s
                    ON d.model = 'ir.model.fields.selection' AND s.id = d.res_id
             LEFT JOIN ir_model_fields sf ON sf.id = s.field_id
             LEFT JOIN ir_model_inherit i
                    ON d.model = 'ir.model.inherit' AND i.id = d.res_id
             LEFT JOIN ir_model im ON im.id = i.model_id
             LEFT JOIN ir_model ip ON ip.id = i.parent_id
             LEFT JOIN ir_model_constraint c
                    ON d.model = 'ir.model.constraint' AND c.id = d.res_id
             LEFT JOIN ir_module_module cm ON cm.id = c.module
            WHERE d.module = ANY(%(old)s)
              AND (m.model = ANY(%(models)s)
                   OR f.model = ANY(%(defined)s)
                   OR f.model || '|' || f.name = ANY(%(fields)s)
                   OR sf.model || '|' || sf.name = ANY(%(fields)s)
                   OR ip.model = ANY(%(defined)s) OR im.model = ANY(%(defined)s)
                   OR cm.name = 'parcours_base')
              AND NOT EXISTS (SELECT 1 FROM ir_model_data b
                               WHERE b.module = 'parcours_base' AND b.name = d.name)
            ORDER BY d.name, d.id""",
        params,
    )
    _logger.info("parcours_base takes over %s external ids", cr.rowcount)
