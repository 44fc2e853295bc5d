# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ParcoursWorkshopProtectedMixin(models.AbstractModel):
    """``parcours.protected.mixin`` for core event records, Parcours workshops only.

    ``event.event`` and ``event.registration`` also serve the other events of
    the département, which keep Odoo's own behaviour. On the records of a
    Parcours workshop (``parcours_place_id`` set), the workflow fields are
    protected as on every Parcours document: only the business methods write
    them. A model says which records are workshops, and which creation values
    make one.
    """

    _name = "parcours.workshop.protected.mixin"
    _inherit = ["parcours.protected.mixin"]
    _description = "Parcours workflow fields on Parcours workshops"

    def _parcours_workshop_records(self):
        """The records among ``self`` that belong to a Parcours workshop."""
        return self.browse()

    @api.model
    def _parcours_is_workshop_vals(self, vals):
        """Whether creating a record with ``vals`` makes one of a workshop."""
        return False

    def _parcours_guarded_records(self):
        return self._parcours_workshop_records()

    @api.model
    def _parcours_is_guarded_vals(self, vals):
        return self._parcours_is_workshop_vals(vals)

    def _parcours_frozen_fields(self):
        if not self._parcours_workshop_records():
            return ()
        return self._parcours_workshop_frozen_fields()

    def _parcours_workshop_frozen_fields(self):
        return ()
