# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ParcoursOrganisation(models.Model):
    _inherit = "parcours.organisation"

    journal_id = fields.Many2one(
        "account.journal",
        string="Cash office journal",
        domain="[('type', 'in', ('cash', 'bank')), "
        "('company_id', 'in', (company_id or allowed_company_ids[0], False))]",
        help="The régie de recettes of this third place: the contributions it "
        "collects are paid into this journal.",
    )

    @api.constrains("journal_id")
    def _check_journal_company(self):
        for organisation in self:
            company, journal = organisation.company_id, organisation.journal_id
            if company and journal and journal.company_id != company:
                raise ValidationError(
                    self.env._(
                        "The cash office journal of %(place)s belongs to another "
                        "company: choose a journal of %(company)s.",
                        place=organisation.name,
                        company=company.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        organisations = super().create(vals_list)
        organisations.filtered(
            lambda o: o.role == "third_place" and not o.journal_id
        )._create_cash_journal()
        return organisations

    @api.model
    def _ensure_cash_journals(self):
        """Give the third places created before this module their cash office."""
        self.search(
            [("role", "=", "third_place"), ("journal_id", "=", False)]
        )._create_cash_journal()

    def _create_cash_journal(self):
        # sudo: each third place's cash journal is made with it; the
        # département manager who creates the place has no accounting rights.
        Journal = self.env["account.journal"].sudo()
        for organisation in self:
            # The code is unique within a company; the id makes it unique.
            code = f"R{organisation.id:04d}"[-5:]
            organisation.journal_id = Journal.create(
                {
                    "name": self.env._(
                        "Cash office %(place)s", place=organisation.name
                    ),
                    "type": "cash",
                    "code": code,
                    "company_id": organisation._parcours_company().id,
                }
            )
