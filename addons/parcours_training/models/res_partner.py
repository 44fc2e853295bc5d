# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_beneficiaries.models.res_partner import SOCIAL_GROUPS

# The person's fields of the national activity record (La Coop de la médiation
# numérique): coarse bands, no name, no eligibility criterion.
GENDERS = [
    ("feminin", "Female"),
    ("masculin", "Male"),
    ("non_communique", "Not given"),
]
AGE_BANDS = [
    ("mineur", "Under 18"),
    ("18_24", "18 - 24"),
    ("25_39", "25 - 39"),
    ("40_59", "40 - 59"),
    ("60_69", "60 - 69"),
    ("70_plus", "70 and over"),
    ("non_communique", "Not given"),
]
SOCIAL_STATUSES = [
    ("scolarise", "In education"),
    ("sans_emploi", "Without a job"),
    ("en_emploi", "In employment"),
    ("retraite", "Retired"),
    ("non_communique", "Not given or mixed"),
]
INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


class ResPartner(models.Model):
    _inherit = "res.partner"

    parcours_gender = fields.Selection(
        GENDERS, string="Declared gender", groups=SOCIAL_GROUPS
    )
    parcours_age_band = fields.Selection(
        AGE_BANDS, string="Age band", groups=SOCIAL_GROUPS
    )
    parcours_social_status = fields.Selection(
        SOCIAL_STATUSES, string="Social status", groups=SOCIAL_GROUPS
    )
    parcours_insee_code = fields.Char(
        string="INSEE code of the commune",
        size=5,
        groups=SOCIAL_GROUPS,
        help="The commune's code in the official geographic code (26108 for "
        "Crest), not its postcode: the national activity record asks for it.",
    )
    parcours_registration_ids = fields.One2many(
        "event.registration",
        "partner_id",
        string="Workshops",
        domain=[("parcours_place_id", "!=", False)],
        groups=SOCIAL_GROUPS,
    )
    parcours_support_session_ids = fields.One2many(
        "parcours.support.session",
        "partner_id",
        string="Support sessions",
        groups=SOCIAL_GROUPS,
    )
    parcours_assessment_ids = fields.One2many(
        "parcours.skill.assessment",
        "partner_id",
        string="Skills assessments",
        groups="parcours_beneficiaries.group_mediator",
    )
    parcours_progression_ids = fields.One2many(
        "parcours.skill.progression",
        "partner_id",
        string="Skills progression",
        groups="parcours_beneficiaries.group_mediator",
    )
    parcours_training_hours = fields.Float(
        string="Hours of training",
        compute="_compute_parcours_training_hours",
        groups=SOCIAL_GROUPS,
    )

    @api.depends("parcours_registration_ids.state")
    def _compute_parcours_training_hours(self):
        for partner in self:
            partner.parcours_training_hours = sum(
                partner._parcours_attended_registrations().mapped("parcours_duration")
            )

    @api.constrains("parcours_insee_code")
    def _check_parcours_insee_code(self):
        for partner in self:
            code = partner.parcours_insee_code
            if code and not INSEE_CODE.match(code):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not an INSEE code: a commune's code has 5 "
                        "characters, such as 26108 for Crest (it is not the "
                        "postcode).",
                        code=code,
                    )
                )

    def _parcours_touch_today(self):
        """Record a contact today, writing only the people not touched yet today.

        A person registered then marked attended the same day, or a whole
        session, costs one write instead of one per step.
        """
        today = fields.Date.context_today(self)
        self.filtered(lambda p: p.parcours_last_contact_date != today)._parcours_touch()

    def _parcours_attended_registrations(self):
        self.ensure_one()
        return self.parcours_registration_ids.filtered(
            lambda r: r.state == "done"
        ).sorted(lambda r: r.event_id.date_begin)

    def _parcours_certificate_progressions(self):
        """The skills progression to print, grouped by workshop type."""
        self.ensure_one()
        progressions = self.parcours_progression_ids.sorted(
            lambda p: (p.event_type_id.sequence, p.skill_id.sequence)
        )
        return list(progressions.grouped("event_type_id").items())

    def _parcours_certificate_lang(self):
        """French, the certificate being a French document, when it is installed."""
        # sudo: whether French is installed, which only administrators read.
        if self.env["res.lang"].sudo().search_count([("code", "=", "fr_FR")]):
            return "fr_FR"
        return self.lang or self.env.lang

    def action_parcours_print_certificate(self):
        self.ensure_one()
        self.check_access("read")
        return self.env.ref(
            "parcours_training.action_report_attendance_certificate"
        ).report_action(self)

    def _parcours_anonymise(self):
        """Also wipe what the registrations and support sessions copied or noted."""
        # sudo: erasure wipes the person from every record that copied their
        # data, whoever may read those (as the base erasure does).
        partners = self.sudo()
        registrations = (
            # sudo: the person's registrations at every third place, as above.
            self.env["event.registration"]
            .sudo()
            .search([("partner_id", "in", partners.ids)])
        )
        sessions = partners.parcours_support_session_ids
        assessments = partners.parcours_assessment_ids
        for records in (registrations, sessions, assessments):
            # sudo: the notes about the person in the chatter, as above.
            self.env["mail.message"].sudo().search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            ).unlink()
        result = super()._parcours_anonymise()
        for registration in registrations.with_context(tracking_disable=True):
            registration.write(
                {
                    "name": registration.partner_id.name,
                    "email": False,
                    "phone": False,
                    "company_name": False,
                }
            )
        sessions.write({"note": False, "redirection_structure": False})
        assessments.write({"note": False})
        partners.with_context(tracking_disable=True).write(
            {
                "parcours_gender": False,
                "parcours_age_band": False,
                "parcours_social_status": False,
                "parcours_insee_code": False,
            }
        )
        return result

    def action_parcours_register_workshop(self):
        """Open the registration of this person to a workshop of her place."""
        self.ensure_one()
        self.check_access("read")
        # Registering is creating a registration: those who may not (the
        # accountant, the chain's operators) are refused before the wizard.
        self.env["event.registration"].check_access("create")
        if not self.parcours_is_beneficiary or not self.parcours_place_id:
            raise UserError(
                self.env._(
                    "%(person)s is followed by no third place: record them as a "
                    "resident of a third place first.",
                    person=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register to a workshop"),
            "res_model": "parcours.workshop.registration.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": self.id},
        }
