# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BeneficiaryCase


@tagged("post_install", "-at_install")
class TestLoanStages(BeneficiaryCase):
    """The loans add their steps to the device's one table of stages."""

    def test_the_loans_extend_the_table(self):
        Lot = self.env["stock.lot"]
        transitions = Lot._parcours_stage_transitions()
        self.assertEqual(transitions["loan_reserve"], {("ready", "reserved")})
        self.assertIn(("lent", "given"), transitions["loan_end"])
        # a returned device is refurbished again before a new loan
        self.assertIn("returned", Lot._parcours_work_stages("refurbish"))
        self.assertIn(("refurbishing", "returned"), transitions["work_cancel"])
        # the device chain's own steps are kept
        self.assertIn("to_refurbish", Lot._parcours_work_stages("refurbish"))

    def test_a_device_is_lent_only_once_reserved(self):
        device = self.devices[0]
        with self.assertRaisesRegex(UserError, device.name):
            device._parcours_set_stage("lent", step="loan_handover")
        with self.assertRaises(UserError):
            device._parcours_set_stage("given", step="loan_end")
        self.env.invalidate_all()
        self.assertEqual(device.parcours_stage, "ready")
        device._parcours_set_stage("reserved", step="loan_reserve")
        device._parcours_set_stage("lent", step="loan_handover")
        self.env.invalidate_all()
        self.assertEqual(device.parcours_stage, "lent")
