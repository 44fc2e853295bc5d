# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        # The last gate of any transfer, inventory adjustment or scrap: a device of
        # the Parcours moves only by the steps of the chain, which run elevated.
        self.move_line_ids.lot_id._parcours_check_moved_by_step()
        return super()._action_done(cancel_backorder=cancel_backorder)
