# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the Parcours addons' migration scripts (migrations/<version>/).

Record rules, the settings records of a data file and the like are declared
``noupdate="1"``: an upgrade does not overwrite what a département changed on
its database. A release that changes one of them on purpose reloads it from its
migration script with :func:`reload_records`, so that the change reaches every
existing database, and says so in its changelog.
"""

import logging

from lxml import etree

from odoo.tools import file_open
from odoo.tools.convert import xml_import

_logger = logging.getLogger(__name__)


def reload_records(env, module, filename, xmlids=None):
    """Load the records of a data file again, noupdate ones included.

    :param filename: the data file, relative to the addon (``security/x.xml``)
    :param xmlids: the ids (without the addon's prefix) of the records to load;
        all the file's records when not given
    """
    with file_open(f"{module}/{filename}", "rb") as file:
        root = etree.parse(file).getroot()
    if xmlids is not None:
        for node in root.iter("record", "function", "delete", "menuitem"):
            if node.tag != "record" or node.get("id") not in xmlids:
                node.getparent().remove(node)
    # mode "init" writes the noupdate records as an install does
    xml_import(env, module, {}, "init", noupdate=True, xml_filename=filename).parse(
        root
    )
    _logger.info("%s: %s loaded again", module, filename)


def clear_home_actions(env, homes):
    """Let users land on their role's first screen again.

    :param homes: {user xmlid: [action xmlid the release set]}; a user whose
        home is still one of those gets none of their own (a home chosen since
        is kept)
    """
    for user_xmlid, old_actions in homes.items():
        user = env.ref(user_xmlid, raise_if_not_found=False)
        old = [env.ref(xmlid, raise_if_not_found=False) for xmlid in old_actions]
        if user and user.action_id.id in {action.id for action in old if action}:
            _logger.info("%s lands on the first screen of their role", user.login)
            user.action_id = False


def give_foreign_keys(env, module="parcours_base"):
    """Give ``module`` the foreign keys of the fields it declares now.

    Odoo records which addon made a foreign key (``ir.model.constraint``), to
    drop it when that addon is uninstalled, but never moves one that exists:
    a field that moved to another addon keeps its old owner. Run at the end of
    an upgrade (``end-migration.py``), when every addon's fields are known.
    """
    tables, columns = [], []
    for model in env.registry.values():
        if model._abstract or not model._auto:
            continue
        for field in model._fields.values():
            if field.type == "many2one" and field.store and field._module == module:
                tables.append(model._table)
                columns.append(field.name)
    env.cr.execute(
        """UPDATE ir_model_constraint c SET module = mo.id
             FROM pg_constraint fk
             JOIN pg_class c1 ON c1.oid = fk.conrelid
             JOIN pg_attribute a1 ON a1.attrelid = c1.oid AND a1.attnum = fk.conkey[1]
             JOIN unnest(%s::text[], %s::text[]) AS f(tab, col)
               ON f.tab = c1.relname AND f.col = a1.attname,
                  ir_module_module mo
            WHERE fk.contype = 'f' AND c.type = 'f' AND c.name = fk.conname
              AND mo.name = %s AND c.module != mo.id""",
        [tables, columns, module],
    )
    _logger.info("%s takes over %s foreign keys", module, env.cr.rowcount)
