# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ParcoursWizardMixin(models.AbstractModel):
    """A dialog of the Parcours: its defaults are computed as the user.

    A dialog is opened with ids in its context (``active_ids``,
    ``default_<field>``), and any client can send any ids there. The web client
    then shows the name of each default record, which Odoo reads as superuser
    (a many2one's name depends on the record that holds it), and the fields
    computed from it. So the defaults of a Parcours dialog may only name
    records the user may read: another organisation's record is refused with
    an access error before anything of it is read, never shown.
    """

    _name = "parcours.wizard.mixin"
    _description = "Parcours dialog with the user's defaults"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        self._parcours_check_default_access(values)
        return values

    @api.model
    def _parcours_check_default_access(self, values):
        """Refuse the default values that name records the user may not read."""
        if self.env.su:
            return
        for name, value in values.items():
            field = self._fields.get(name)
            if not field or not field.relational or not value:
                continue
            ids = self._parcours_default_ids(field, value)
            if ids:
                self.env[field.comodel_name].browse(ids).check_access("read")

    @api.model
    def _parcours_default_ids(self, field, value):
        """The ids named by a default value of a relational field."""
        if field.type == "many2one":
            return [value.id if isinstance(value, models.BaseModel) else value]
        if isinstance(value, models.BaseModel):
            return value.ids
        ids = []
        for command in value:
            if isinstance(command, int):
                ids.append(command)
            elif isinstance(command, list | tuple) and command:
                if command[0] == 6:
                    ids.extend(command[2])
                elif command[0] in (1, 4) and command[1]:
                    ids.append(command[1])
        return ids
