# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.parcours_base import ALL_FIELDS

from .parcours_values import MAX_STORAGE_GB, STORAGE_TYPES


class ParcoursErasure(models.Model):
    """The erasure of one storage device, as NIST SP 800-88 asks to record it.

    No Odoo model records media sanitisation; décret 2022-190 requires every
    piece of data of the previous user to be erased before a device may be
    called refurbished, so each disk gets one proof. Once the work order line
    is validated the proof is kept as it was verified: it can no longer change
    nor be deleted, and its line cannot be deleted before it.
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
    disk_type = fields.Selection(STORAGE_TYPES, required=True, default="ssd")
    capacity_gb = fields.Integer(string="Capacity (GB)")
    level = fields.Selection(
        [("clear", "Clear"), ("purge", "Purge"), ("destroy", "Destroy")],
        string="NIST 800-88 level",
        required=True,
        default="purge",
        tracking=True,
    )
    method = fields.Selection(
        [
            ("overwrite", "Overwrite"),
            ("secure_erase", "ATA/NVMe secure erase"),
            ("crypto_erase", "Cryptographic erase"),
            ("degauss", "Degaussing"),
            ("shred", "Physical destruction"),
        ],
        required=True,
        default="secure_erase",
    )
    tool = fields.Char(required=True, help="Software or device used, with its version.")
    date = fields.Date(required=True, default=fields.Date.context_today)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Operator",
        required=True,
        check_company=True,
        check_organisation=True,
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

    def _parcours_frozen_fields(self):
        if self.line_id.state == "done":
            return ALL_FIELDS
        # A proof stays with the disk of the device it was recorded for.
        return ("line_id",) if self.line_id.state == "in_progress" else ()

    @api.depends("disk_serial", "lot_id")
    def _compute_display_name(self):
        for erasure in self:
            erasure.display_name = f"{erasure.lot_id.name} / {erasure.disk_serial}"
