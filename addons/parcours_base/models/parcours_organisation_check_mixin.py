# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


def organisation_of(records):
    """The organisation of each of ``records``, as {id: organisation}.

    ``records`` may be of any model: one that names no organisation field
    (``_parcours_organisation_field``) belongs to no organisation.
    """
    name = getattr(type(records), "_parcours_organisation_field", None)
    if not name or name not in records._fields:
        return {}
    # sudo: the organisation of a linked record is a fact the check needs, whether or
    # not the user may read that record; it is compared, never shown
    return {record.id: record[name] for record in records.sudo()}


class ParcoursOrganisationCheckMixin(models.AbstractModel):
    """Links checked against the organisation, as ``check_company`` does for companies.

    Record rules say which records a user may read and write; they say nothing
    of the ids a write puts in a relational field. A mediator of one third
    place could write, on her own support session, the id of a person of
    another place: the session would stay hers and show that person's name.
    So, as Odoo checks companies (``_check_company``, ``check_company=True``):

    - a model names in ``_parcours_organisation_field`` the field that gives
      its records their organisation (a third place, a workshop...). A model
      that is only linked to (a person, a user, a device) names it too, so that
      the check knows whose its records are;
    - a relational field declared with ``check_organisation=True`` may only
      point at records of the record's organisation, or at records of no
      organisation or of the département itself (its back office users, its
      shared records), as ``check_company`` accepts records without company;
    - the check runs on ``create`` and ``write`` whatever the caller, on the
      values the write made: a refused write leaves nothing written;
    - ``_parcours_organisation_back_office_links``: whether the back office
      (the superuser, the steps run as superuser after their own checks, and
      the users of the département, who belong to no partner organisation)
      may link across organisations. Each model decides and says why in its
      docstring; it is ``False`` by default: the link holds for everyone.

    The error names neither the record pointed at nor its organisation: trying
    ids must not reveal names.
    """

    _name = "parcours.organisation.check.mixin"
    _description = "Parcours links checked against the organisation"

    # The field that gives a record its organisation (many2one to
    # parcours.organisation). Read on the checked record and on its links.
    _parcours_organisation_field = None
    _parcours_organisation_back_office_links = False

    @api.model
    def _valid_field_parameter(self, field, name):
        return name == "check_organisation" or super()._valid_field_parameter(
            field, name
        )

    @api.model
    def _parcours_organisation_checked_fields(self):
        """Names of the fields declared with ``check_organisation=True``."""
        return [
            name
            for name, field in self._fields.items()
            if field.relational
            and not field.related
            and getattr(field, "check_organisation", False)
        ]

    @api.model
    def _parcours_organisation_triggers(self):
        """Fields whose change may change a record's organisation."""
        name = self._parcours_organisation_field
        field = self._fields.get(name) if name else None
        if field is None:
            return set()
        depends = self.pool.field_depends.get(field, ())
        return {name} | {path.split(".")[0] for path in depends}

    def _parcours_is_back_office(self):
        """The superuser, or a user of the département in no partner organisation."""
        return self.env.su or not self.env.user._parcours_is_partner_user()

    def _parcours_check_organisation(self, names=None):
        """Refuse the links of ``names`` (all declared ones if None) to another
        organisation's records."""
        checked = self._parcours_organisation_checked_fields()
        if not checked or not self or not self._parcours_organisation_field:
            return
        if names is not None and not (
            set(names) & self._parcours_organisation_triggers()
        ):
            checked = [name for name in checked if name in names]
        if not checked:
            return
        if (
            self._parcours_organisation_back_office_links
            and self._parcours_is_back_office()
        ):
            return
        # sudo: the check reads every link of the record, including ones the user may
        # not read, to refuse them
        records = self.sudo().with_context(active_test=False)
        for record in records:
            organisation = record[self._parcours_organisation_field]
            if not organisation:
                continue
            for name in checked:
                targets = record[name]
                owners = organisation_of(targets)
                for target in targets:
                    owner = owners.get(target.id)
                    if owner and owner != organisation and owner.role != "department":
                        raise UserError(
                            self.env._(
                                "%(field)s of %(document)s must be a record of "
                                "%(organisation)s: the one given (id %(id)s) "
                                "belongs to another organisation. Choose one of "
                                "%(organisation)s's records.",
                                field=record._fields[name].get_description(self.env)[
                                    "string"
                                ],
                                document=self.env["ir.model"]._get(self._name).name,
                                organisation=organisation.display_name,
                                id=target.id,
                            )
                        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._parcours_check_organisation()
        return records

    def write(self, vals):
        result = super().write(vals)
        self._parcours_check_organisation(vals)
        return result
