# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.stock_lot import STAGES
from ..models.stock_lot_stages import STAGE_TRANSITIONS
from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestStageMachine(ParcoursCase):
    """The device's stages change only along the one table of transitions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._received_lot(2, prefix="SMC", weight=1.0)
        cls.devices = cls.lot.device_ids.sorted("name")

    def test_table_names_known_stages(self):
        stages = {stage for stage, _label in STAGES}
        for step, pairs in STAGE_TRANSITIONS.items():
            for before, after in pairs:
                self.assertIn(before, stages, step)
                self.assertIn(after, stages, step)

    def test_work_stages_follow_the_table(self):
        Lot = self.env["stock.lot"]
        self.assertIn("received", Lot._parcours_work_stages("triage"))
        self.assertIn("to_refurbish", Lot._parcours_work_stages("refurbish"))
        self.assertEqual(Lot._parcours_work_progress_stage("triage"), "in_triage")
        self.assertEqual(Lot._parcours_work_progress_stage("refurbish"), "refurbishing")

    def test_a_step_moves_only_from_its_stages(self):
        # a received device cannot be declared ready by the end of a refurbishment
        with self.assertRaisesRegex(UserError, "SMC"):
            self.devices._parcours_set_stage("ready", step="refurbish_done")
        # nor leave triage that it never entered
        with self.assertRaises(UserError):
            self.devices._parcours_set_stage("to_refurbish", step="triage_pass")
        self.env.invalidate_all()
        self.assertEqual(set(self.devices.mapped("parcours_stage")), {"received"})

    def test_a_step_moves_the_devices_it_may(self):
        self.devices._parcours_set_stage("in_triage", step="triage_start")
        self.devices[0]._parcours_set_stage("to_refurbish", step="triage_pass")
        self.devices[1]._parcours_set_stage("to_recycle", step="triage_fail")
        self.env.invalidate_all()
        self.assertEqual(
            self.devices.mapped("parcours_stage"), ["to_refurbish", "to_recycle"]
        )

    def test_unknown_step_is_a_programming_error(self):
        with self.assertRaises(ValueError):
            self.devices._parcours_set_stage("ready", step="no_such_step")
