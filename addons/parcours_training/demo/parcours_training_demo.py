# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class EventEvent(models.Model):
    _inherit = "event.event"

    @api.model
    def _demo_tell_training_story(self):
        return True
