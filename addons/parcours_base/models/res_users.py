# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"
    # Whose a user is, for the links checked against the organisation.
    _parcours_organisation_field = "parcours_organisation_id"

    parcours_organisation_id = fields.Many2one(
        "parcours.organisation",
        string="Parcours organisation",
        index="btree_not_null",
        help="The partner organisation this user works for. Partner operators "
        "see and change only the records of this organisation.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["parcours_organisation_id"]

    def _parcours_is_partner_user(self):
        """Whether this user works for a partner organisation, not the département."""
        self.ensure_one()
        # sudo: the user's own organisation's role, which the record rules also read;
        # not shown
        organisation = self.sudo().parcours_organisation_id
        return bool(organisation) and organisation.role != "department"

    @api.model
    def _parcours_home_actions(self):
        """(group, action) pairs, most specific role first.

        Each addon adds the first screen of the roles it brings; a user lands
        on the action of the first group they belong to.
        """
        return []

    def _parcours_home_action(self):
        """The action the web client opens first for this user, or an empty one."""
        self.ensure_one()
        for group, action in self._parcours_home_actions():
            if self.has_group(group):
                return (
                    self.env.ref(action, raise_if_not_found=False)
                    or self.env["ir.actions.act_window"]
                )
        return self.env["ir.actions.act_window"]
