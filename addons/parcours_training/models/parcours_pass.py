# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.parcours_base import ALL_FIELDS

from .parcours_pass_claim import PERSON_GROUPS

# A Pass numérique pays for one workshop of up to two hours.
PASS_MAX_HOURS = 2.0


def _end_of_year():
    return date(fields.Date.today().year, 12, 31)


class ParcoursPass(models.Model):
    """A Pass numérique (APTIC voucher) that paid a workshop in a third place.

    The passes are issued by APTIC, not by the département: the third place
    records the number of each pass it takes and claims their value from the
    issuer each month. Odoo's ``loyalty.card`` generates and spends codes of
    our own programs in sales and points of sale; here nothing is sold and the
    codes come from outside. The number is unique in the database, so a pass
    cannot pay twice, even taken at the same moment in two places.
    """

    _name = "parcours.pass"
    _description = "Pass numérique"
    _parcours_organisation_field = "place_id"
    _inherit = [
        "parcours.identifier.mixin",
        "parcours.protected.mixin",
        "mail.thread",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _parcours_protected_fields = ("claim_id",)
    _parcours_identifier_fields = ("name",)

    name = fields.Char(
        string="Pass number",
        required=True,
        index=True,
        tracking=True,
        help="The number printed on the pass. Spaces are ignored.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    value = fields.Monetary(
        required=True,
        default=lambda s: s.env.company.parcours_pass_value,
        tracking=True,
    )
    valid_until = fields.Date(
        string="Valid until",
        required=True,
        default=lambda s: _end_of_year(),
        help="Printed on the pass: passes are valid until 31 December.",
    )
    accepted_until = fields.Date(
        string="Accepted until",
        compute="_compute_accepted_until",
        help="A pass is still accepted during the month after its validity "
        "(until 31 January).",
    )
    date = fields.Date(
        string="Taken on", required=True, default=fields.Date.context_today
    )
    registration_id = fields.Many2one(
        "event.registration",
        string="Registration",
        required=True,
        index=True,
        ondelete="restrict",
        groups=PERSON_GROUPS,
        domain=[("parcours_place_id", "!=", False), ("state", "in", ("open", "done"))],
        check_organisation=True,
    )
    partner_id = fields.Many2one(
        related="registration_id.partner_id",
        string="Person",
        store=True,
        groups=PERSON_GROUPS,
    )
    event_id = fields.Many2one(
        "event.event",
        string="Workshop",
        compute="_compute_event_id",
        store=True,
        index=True,
        compute_sudo=True,
    )
    place_id = fields.Many2one(
        "parcours.organisation",
        string="Third place",
        compute="_compute_event_id",
        store=True,
        index=True,
        compute_sudo=True,
    )
    claim_id = fields.Many2one(
        "parcours.pass.claim",
        string="Claim",
        readonly=True,
        index="btree_not_null",
        copy=False,
        ondelete="restrict",
        tracking=True,
        check_organisation=True,
    )
    claim_state = fields.Selection(related="claim_id.state", string="Claim status")

    _sql_constraints = [
        (
            "name_uniq",
            "unique(name)",
            "This Pass numérique has already been used: a pass pays for one "
            "workshop only.",
        ),
        (
            "registration_uniq",
            "unique(registration_id)",
            "A pass already pays for this registration.",
        ),
        ("value_positive", "CHECK(value > 0)", "A pass has a value."),
    ]

    @api.depends("valid_until")
    def _compute_accepted_until(self):
        for voucher in self:
            voucher.accepted_until = voucher.valid_until and (
                voucher.valid_until + relativedelta(months=1, day=31)
            )

    @api.depends("registration_id")
    def _compute_event_id(self):
        for voucher in self:
            voucher.event_id = voucher.registration_id.event_id
            voucher.place_id = voucher.registration_id.parcours_place_id

    @api.model
    @api.model
    def _parcours_identifier(self, field_name, value):
        # A pass number is compared without its spaces, in capitals.
        value = super()._parcours_identifier(field_name, value)
        return value.replace(" ", "").upper() if field_name == "name" else value

    @api.constrains("date", "valid_until", "value", "registration_id")
    def _check_pass(self):
        for voucher in self:
            if voucher.value <= 0:
                raise ValidationError(
                    self.env._(
                        "Pass %(number)s has no value: give the value printed on it.",
                        number=voucher.name,
                    )
                )
            if voucher.date > voucher.accepted_until:
                raise ValidationError(
                    self.env._(
                        "Pass %(number)s was valid until %(valid)s and accepted until "
                        "%(accepted)s: it cannot pay a workshop on %(date)s.",
                        number=voucher.name,
                        valid=voucher.valid_until,
                        accepted=voucher.accepted_until,
                        date=voucher.date,
                    )
                )
            # sudo: an invariant checked whoever writes, on the workshop the
            # Pass pays for, also one of another third place.
            registration = voucher.sudo().registration_id
            if not registration.parcours_place_id:
                raise ValidationError(
                    self.env._(
                        "A Pass numérique pays for a workshop of a third place of the "
                        "Parcours."
                    )
                )
            if registration.state not in ("open", "done"):
                raise ValidationError(
                    self.env._(
                        "%(person)s is not registered to %(workshop)s any more: a "
                        "pass pays for a workshop the person comes to.",
                        person=registration.display_name,
                        workshop=registration.event_id.display_name,
                    )
                )
            if registration.event_id.parcours_duration > PASS_MAX_HOURS:
                raise ValidationError(
                    self.env._(
                        "Workshop %(workshop)s lasts %(hours)s hours: a Pass "
                        "numérique pays for one workshop of up to 2 hours.",
                        workshop=registration.event_id.display_name,
                        hours=registration.event_id.parcours_duration,
                    )
                )

    def _parcours_frozen_fields(self):
        if self.claim_id.state in ("sent", "paid"):
            return ALL_FIELDS
        if self.claim_id:
            return ("name", "value", "valid_until", "date", "registration_id")
        return ()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # The person's registration must be one the user may change.
            self.env["event.registration"].browse(
                [
                    vals["registration_id"]
                    for vals in vals_list
                    if vals.get("registration_id")
                ]
            ).check_access("write")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("registration_id") and not self.env.su:
            self.env["event.registration"].browse(vals["registration_id"]).check_access(
                "write"
            )
        return super().write(vals)

    def _compute_display_name(self):
        for voucher in self:
            voucher.display_name = voucher.name or ""
