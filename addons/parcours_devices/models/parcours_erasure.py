# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.parcours_base import ALL_FIELDS

from .parcours_erasure_techniques import (
    CATEGORIES,
    DESTRUCTIVE_TECHNIQUES,
    MEDIA_TYPES,
    TECHNIQUES,
    VALID_TECHNIQUES,
)
from .parcours_values import MAX_STORAGE_GB


class ParcoursErasure(models.Model):
    """The erasure of one storage device, as NIST SP 800-88 asks to record it.

    No Odoo model records media sanitisation; décret 2022-190 requires every
    piece of data of the previous user to be erased before a device may be
    called refurbished, so each disk gets one proof. Once the work order line
    is validated the proof is kept as it was verified: it can no longer change
    nor be deleted, and its line cannot be deleted before it.

    The record holds the fields of the certificate of sanitisation of NIST SP
    800-88 Rev. 1, Appendix G (media make, model, serial and type, its source,
    category, technique, tool and version, verification method, operator and
    verifier, date, place, destination after sanitisation), and is printed as
    that certificate under NIST SP 800-88 Rev. 2 (September 2025). The
    technique must reach the category on the media: the table of valid
    combinations is ``parcours_erasure_techniques.VALID_TECHNIQUES``.
    """

    _name = "parcours.erasure"
    _description = "Data erasure"
    _parcours_organisation_field = "organisation_id"
    # The département dispatches work between workshops (a lot triaged by one
    # ESAT dismantled by another, a worker lent for a day): its back office may
    # link across organisations, a partner's user only to its own records.
    _parcours_organisation_back_office_links = True
    _inherit = ["parcours.protected.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _parcours_protected_fields = ("lot_id", "organisation_id", "company_id")
    _parcours_ranges = {"capacity_gb": (0, MAX_STORAGE_GB)}

    line_id = fields.Many2one(
        "parcours.work.order.line",
        string="Work order line",
        required=True,
        ondelete="restrict",
        index=True,
    )
    lot_id = fields.Many2one(related="line_id.lot_id", store=True, index=True)
    organisation_id = fields.Many2one(
        related="line_id.organisation_id", store=True, index=True
    )
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    disk_serial = fields.Char(string="Disk serial number", required=True)
    disk_make = fields.Char(string="Disk make")
    disk_model = fields.Char(string="Disk model")
    disk_type = fields.Selection(
        MEDIA_TYPES, string="Media type", required=True, default="ssd"
    )
    capacity_gb = fields.Integer(string="Capacity (GB)")
    level = fields.Selection(
        CATEGORIES,
        string="NIST 800-88 level",
        required=True,
        default="purge",
        tracking=True,
    )
    method = fields.Selection(
        TECHNIQUES, string="Technique", required=True, default="ata_sanitize"
    )
    tool = fields.Char(required=True, help="Software or device used.")
    tool_version = fields.Char(string="Tool version")
    place = fields.Char(help="Where the disk was sanitised.")
    destination = fields.Selection(
        [("reused", "Reused in the device"), ("destroyed", "Destroyed")],
        string="Destination after sanitisation",
        required=True,
        default="reused",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Operator",
        required=True,
        check_company=True,
        check_organisation=True,
    )
    verifier_id = fields.Many2one(
        "hr.employee",
        string="Verifier",
        check_company=True,
        check_organisation=True,
        help="Who checked the sanitisation; a second person when the company "
        "settings ask for it.",
    )
    verification_method = fields.Selection(
        [("full", "Full"), ("sampling", "Sampling")],
        string="Verification method",
        default="full",
        help="Full: every block read back; sampling: a sample of blocks read back.",
    )
    result = fields.Selection(
        [("pending", "Not verified"), ("passed", "Verified"), ("failed", "Failed")],
        string="Verification",
        required=True,
        default="pending",
        tracking=True,
    )
    certificate_ref = fields.Char(string="Certificate reference")
    certificate_file = fields.Binary(string="Certificate", attachment=True)
    certificate_filename = fields.Char()

    @api.constrains("disk_type", "level", "method", "destination")
    def _check_technique(self):
        types = dict(self._fields["disk_type"]._description_selection(self.env))
        levels = dict(self._fields["level"]._description_selection(self.env))
        methods = dict(self._fields["method"]._description_selection(self.env))
        for erasure in self:
            valid = VALID_TECHNIQUES[erasure.disk_type][erasure.level]
            if erasure.method not in valid:
                raise ValidationError(
                    self.env._(
                        "Disk %(disk)s: %(technique)s does not reach %(level)s on "
                        "%(media)s media (NIST SP 800-88). Choose one of: "
                        "%(valid)s.",
                        disk=erasure.disk_serial,
                        technique=methods[erasure.method],
                        level=levels[erasure.level],
                        media=types[erasure.disk_type],
                        valid=", ".join(
                            methods[key] for key, __ in TECHNIQUES if key in valid
                        ),
                    )
                )
            if erasure.destination == "reused" and (
                erasure.level == "destroy" or erasure.method in DESTRUCTIVE_TECHNIQUES
            ):
                raise ValidationError(
                    self.env._(
                        "Disk %(disk)s: %(technique)s leaves no usable disk; set "
                        "its destination to destroyed.",
                        disk=erasure.disk_serial,
                        technique=methods[erasure.method],
                    )
                )

    @api.constrains("employee_id", "verifier_id", "result")
    def _check_verifier(self):
        for erasure in self:
            if not erasure.company_id.parcours_erasure_two_people:
                continue
            if erasure.verifier_id and erasure.verifier_id == erasure.employee_id:
                raise ValidationError(
                    self.env._(
                        "Disk %(disk)s: the verifier must be another person than "
                        "the operator %(operator)s.",
                        disk=erasure.disk_serial,
                        operator=erasure.employee_id.name,
                    )
                )
            if erasure.result != "pending" and not erasure.verifier_id:
                raise ValidationError(
                    self.env._(
                        "Disk %(disk)s: name the verifier, another person than the "
                        "operator, before recording the verification result.",
                        disk=erasure.disk_serial,
                    )
                )

    def _parcours_frozen_fields(self):
        if self.line_id.state == "done":
            return ALL_FIELDS
        # A proof stays with the disk of the device it was recorded for.
        return ("line_id",) if self.line_id.state == "in_progress" else ()

    @api.depends("disk_serial", "lot_id")
    def _compute_display_name(self):
        for erasure in self:
            erasure.display_name = f"{erasure.lot_id.name} / {erasure.disk_serial}"
