# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The methods marked ``@api.readonly`` write nothing.

Odoo 18 serves a call on a read-only cursor, from the replica of
``--db_replica_host`` when there is one, when the method called has the
``_readonly`` attribute (``web/controllers/dataset.py`` ``_call_kw_readonly``).
A method so marked that writes fails there with ``ReadOnlySqlTransaction`` (the
web routes then run it again on the primary: twice the work). So every public
method of a Parcours module marked so is found in the registry and called, as
an RPC call is, on a read-only test cursor: Odoo's own stand-in for a replica
(``SAVEPOINT`` then ``SET TRANSACTION READ ONLY``). A new marked method without
its arguments in ``CALLS`` fails the test, and so does a listed one that is not
marked any more.
"""

import functools
from unittest.mock import patch

import psycopg2

from odoo import api, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.parcours_beneficiaries.tests.common import BeneficiaryCase

from .test_dashboards import DASHBOARDS

# Who calls what: the users of the case (attribute names) and the calls, each
# (args, kwargs) as ``call_kw`` receives them; record methods take ids first.
API_USERS = ("officer", "accountant", "esat_user", "pihc_user", "mediator")
CALLS = {
    ("parcours.api", "whoami"): lambda case: [([], {})],
    ("parcours.api", "commands"): lambda case: [([], {})],
    ("parcours.api", "devices"): lambda case: [([], {}), ([], {"stage": "ready"})],
    ("parcours.api", "lots"): lambda case: [([], {})],
    ("parcours.api", "export_kinds"): lambda case: [([], {})],
    ("parcours.api", "export"): lambda case: [
        ([], {"kind": kind, "period": period})
        for kind in case.env["parcours.api"]._parcours_api_exports()
        for period in (case.year, f"{case.year}-{case.month:02d}")
    ],
    ("parcours.api", "dashboard"): lambda case: [([], {})],
    ("spreadsheet.dashboard", "get_readonly_dashboard"): lambda case: [
        ([case.env.ref(xmlid).id], {}) for xmlid in DASHBOARDS
    ],
}
USERS = {
    "parcours.api": API_USERS,
    "spreadsheet.dashboard": ("officer", "manager"),
}


def readonly_methods(registry):
    """{(model, method)} of the public methods marked ``@api.readonly`` in a
    class of a Parcours module."""
    found = set()
    for model_name in registry:
        for cls in registry[model_name].__mro__:
            if not (getattr(cls, "_module", None) or "").startswith("parcours_"):
                continue
            for name, value in vars(cls).items():
                if not name.startswith("_") and getattr(value, "_readonly", False):
                    found.add((model_name, name))
    return found


@tagged("post_install", "-at_install")
class TestReadonly(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Something for each list, figure and export to read: a lot received
        # and triaged, work validated, a loan signed, paid and handed over.
        lot = cls._received_lot(3, prefix="RO-")
        cls._triage(lot, failed=(0,))
        agreement = cls._signed_agreement()
        agreement._parcours_register_payment("cash")
        agreement.action_handover()
        today = fields.Date.context_today(cls.env.user)
        cls.year, cls.month = today.year, today.month

    def setUp(self):
        super().setUp()
        # what the case wrote goes to the database before the read-only part
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)

    def _call_readonly(self, user, model, method, args, kwargs):
        """``method`` called as ``odoo.service.model.execute_cr`` and the web
        route call it (no context), on a read-only cursor, then flushed."""
        with self.registry.cursor(readonly=True) as cr:
            self.assertTrue(cr.readonly)
            env = api.Environment(cr, user.id, {})
            result = api.call_kw(env[model], method, args, kwargs)
            env.flush_all()
            return result

    def test_the_read_only_cursor_refuses_a_write(self):
        """The stand-in for the replica does refuse writes: a marked method
        that writes fails below."""
        with self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction):
            with self.registry.cursor(readonly=True) as cr:
                env = api.Environment(cr, self.officer.id, {})
                env["res.partner"].create({"name": "Written on a replica"})
                env.flush_all()

    def test_every_marked_method_is_listed_and_routed(self):
        self.assertEqual(readonly_methods(self.registry), set(CALLS))
        for model, method in CALLS:
            # how /web/dataset/call_kw decides to take a read-only cursor
            self.assertTrue(getattr(type(self.env[model]), method)._readonly)

    def test_marked_methods_write_nothing(self):
        for (model, method), calls in CALLS.items():
            answered = 0
            for login in USERS[model]:
                user = getattr(self, login)
                for args, kwargs in calls(self):
                    with self.subTest(model=model, method=method, user=login):
                        try:
                            result = self._call_readonly(
                                user, model, method, args, kwargs
                            )
                        except AccessError:
                            continue  # not offered to this role
                        self.assertTrue(result is not None)
                        answered += 1
            self.assertTrue(answered, f"{model}.{method} answered no one")

    def test_kpi_reads_write_nothing(self):
        """The KPI models are SQL views read by core's ``@api.readonly``
        ``search_read`` and ``read_group`` (the dashboards' pivots): their
        computed fields write nothing either. Read by the superuser, for the
        rights of each role are the access tests' matter."""
        admin = self.env.ref("base.user_root")
        views = [
            name
            for name, cls in self.registry.items()
            if name.startswith("parcours.")
            and not cls._auto
            and not cls._abstract
            and cls._original_module.startswith("parcours_")
        ]
        self.assertIn("parcours.loan.report", views)
        for name in views:
            with self.subTest(model=name):
                Model = self.env[name]
                fnames = [
                    fname
                    for fname, field in Model._fields.items()
                    if field.type not in ("one2many", "many2many", "binary")
                ]
                groupby = [
                    fname
                    for fname in fnames
                    if Model._fields[fname].type in ("many2one", "selection")
                    and Model._fields[fname].store
                ][:1]
                rows = self._call_readonly(
                    admin, name, "search_read", [[]], {"fields": fnames, "limit": 80}
                )
                self.assertIsInstance(rows, list)
                self._call_readonly(
                    admin,
                    name,
                    "read_group",
                    [[], ["__count"], groupby or ["id"]],
                    {"lazy": False},
                )


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(HttpCase):
    """Which route gives a marked method a read-only cursor, on a running server."""

    def setUp(self):
        super().setUp()
        self.user = new_test_user(
            self.env, login="ro_officer", groups="parcours_devices.group_officer"
        )
        # A spy on the cursor each call of ``dashboard`` gets: it keeps the
        # method's ``_readonly`` flag (functools.wraps), on which Odoo routes.
        self.modes = []
        Api = type(self.env["parcours.api"])
        dashboard = Api.dashboard
        modes = self.modes

        @functools.wraps(dashboard)
        def spy(self, *args, **kwargs):
            modes.append(self.env.cr.readonly)
            return dashboard(self, *args, **kwargs)

        patcher = patch.object(Api, "dashboard", spy)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_web_call_kw_reads_on_a_read_only_cursor(self):
        self.authenticate("ro_officer", "ro_officer")
        figures = self.make_jsonrpc_request(
            "/web/dataset/call_kw/parcours.api/dashboard",
            {"model": "parcours.api", "method": "dashboard", "args": [], "kwargs": {}},
        )
        self.assertTrue(figures)
        # served read-only, and not run again on a read/write cursor
        self.assertEqual(self.modes, [True])

    def test_jsonrpc_reads_on_the_primary(self):
        """Odoo 18's /jsonrpc opens a read/write cursor whatever the method
        (README, "Reads on the replica"): the partners' client reads there."""
        figures = self.make_jsonrpc_request(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.user.id,
                    "ro_officer",
                    "parcours.api",
                    "dashboard",
                    [],
                    {},
                ],
            },
        )
        self.assertTrue(figures)
        self.assertEqual(self.modes, [False])
