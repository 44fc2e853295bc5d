# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import BeneficiaryCase
from .test_agreement import LoanFlowMixin


def _migration():
    path = (
        get_module_path("parcours_beneficiaries")
        + "/migrations/18.0.2.1.0/post-return-transfers.py"
    )
    spec = importlib.util.spec_from_file_location("return_transfers_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestReturnTransfersMigration(LoanFlowMixin, BeneficiaryCase):
    """18.0.2.1.0 clears the beneficiary on the transfers that returned a
    device to a partner organisation, as the end of a loan now does, and
    leaves the others alone."""

    def test_old_return_transfers_name_no_beneficiary(self):
        returned = self._lend()
        returned.action_return()
        self.env.company.parcours_allow_ownership = True
        given = self._lend(name="Jeanne Propriétaire")
        given.action_transfer_ownership()
        old = returned.sudo().return_picking_id
        self.assertTrue(old.location_dest_id.parcours_organisation_id)
        self.assertFalse(old.partner_id)
        # As an older database left it: the beneficiary on the transfer and its
        # moves (the picking's write passes it on to them).
        old.write({"partner_id": returned.partner_id.id})
        self.assertEqual(old.move_ids.partner_id, returned.partner_id)

        changed = _migration().anonymise_return_transfers(self.env)

        self.assertIn(old, changed)
        self.assertTrue(
            all(
                picking.location_dest_id.parcours_organisation_id for picking in changed
            )
        )
        self.env.invalidate_all()
        self.assertFalse(old.partner_id)
        self.assertFalse(old.move_ids.partner_id)
        self.assertNotIn(returned.partner_id, old.message_partner_ids)
        # A device given to its beneficiary went to no partner organisation:
        # that transfer keeps the name.
        self.assertEqual(given.sudo().return_picking_id.partner_id, given.partner_id)
        # Run twice, it changes nothing more.
        self.assertFalse(_migration().anonymise_return_transfers(self.env))
