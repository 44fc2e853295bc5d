# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.parcours_base.models.parcours_protected_mixin import (
    _parcours_step_fields,
)

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestStepAsUser(ParcoursCase):
    """A checked step writes as the user, and only the fields of that step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(2, prefix="SAU", weight=1.0)
        cls.lot.action_start_triage()
        cls.order = cls.lot.work_order_ids
        other = cls._received_lot(1, prefix="SAV", weight=1.0)
        other.action_start_triage()
        cls.other_order = other.work_order_ids

    def test_the_step_is_written_by_the_user(self):
        order = self.order.with_user(self.esat_user)
        order.action_start()
        self.env.invalidate_all()
        self.assertEqual(self.order.state, "in_progress")
        self.assertEqual(self.order.line_ids.mapped("entry_stage"), ["received"] * 2)

    def test_the_grant_covers_the_step_records_and_fields_only(self):
        order = self.order.with_user(self.esat_user)
        other = self.other_order.with_user(self.esat_user)
        with _parcours_step_fields(order, {"date_done"}):
            # another record of the same user, or another field: refused
            with self.assertRaises(UserError):
                other.write({"date_done": "2026-03-01"})
            with self.assertRaises(UserError):
                order.write({"state": "done"})
            # and no rights beyond the user's own: another workshop's operator
            with self.assertRaises(AccessError):
                order.with_user(self.esat2_user).write({"date_done": "2026-03-01"})
            order.write({"date_done": "2026-03-01"})
        self.assertEqual(str(self.order.date_done), "2026-03-01")

    def test_the_grant_ends_with_the_step(self):
        order = self.order.with_user(self.esat_user)
        order.action_start()
        with self.assertRaises(UserError):
            order.write({"state": "done"})
        # a context key grants nothing either
        with self.assertRaises(UserError):
            order.with_context(parcours_step=True).write({"state": "done"})
        self.env.invalidate_all()
        self.assertEqual(self.order.state, "in_progress")

    def test_another_organisation_cannot_take_the_step(self):
        with self.assertRaises(AccessError):
            self.order.with_user(self.esat2_user).action_start()
        self.env.invalidate_all()
        self.assertEqual(self.order.state, "draft")
