# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ParcoursProofCheck(models.Model):
    """A proof that a mediator has seen: which, by whom, when — never the scan.

    Keeping the fact of the check rather than the document is what data
    minimisation asks for; no Odoo model records it.
    """

    _name = "parcours.proof.check"
    _description = "Proof checked"
    _parcours_organisation_field = "place_id"
    _inherit = ["parcours.protected.mixin"]
    _order = "date desc, id desc"
    # Follow the beneficiary: a proof cannot be moved to another place by hand.
    _parcours_protected_fields = ("place_id", "company_id")

    partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        required=True,
        ondelete="cascade",
        index=True,
    )
    place_id = fields.Many2one(
        related="partner_id.parcours_place_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index="btree_not_null"
    )
    proof_type = fields.Selection(
        [
            ("identity", "Identity document"),
            ("address", "Proof of address"),
            ("income", "Tax notice or income"),
            ("benefit", "Benefit certificate (RSA, AAH, ASPA...)"),
            ("job_seeker", "Job seeker certificate"),
            ("grant", "Student grant notice"),
            ("disability", "Disability recognition"),
        ],
        required=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Checked by",
        required=True,
        default=lambda s: s.env.user,
        check_organisation=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
