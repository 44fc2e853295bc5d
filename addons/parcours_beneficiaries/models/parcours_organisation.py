# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ParcoursOrganisation(models.Model):
    """A third place collects the 25 € contributions on behalf of the
    département, by one of the two routes French public accounting allows:

    - as a collection point of the département's *régie de recettes*: a cash
      office created by an act of the département (délibération, or a
      decision of the executive by delegation) on the public accountant's
      avis conforme, run by a *régisseur* named by the ordonnateur and helped
      by *mandataires* the act provides for; it remits what it collects to
      the public accountant at least once a month (art. R.1617-1 à R.1617-18
      CGCT, from décret n° 2005-1601 du 19 décembre 2005; instruction
      codificatrice n° 06-031-A-B-M du 21 avril 2006 on the régies of local
      authorities);
    - when the place is run by an association, under a *convention de
      mandat* (art. L.1611-7-1 CGCT): a written convention, signed after the
      public accountant's avis conforme, by which the association collects
      in the name and on behalf of the département and renders its accounts
      at least yearly; its contents, among them how often the sums collected
      are paid back, are set by art. D.1611-32-1 à D.1611-32-3 CGCT.

    Both issue receipts numbered from the place's own receipt book (one
    ``ir.sequence`` per place, without gaps) and name the act or convention,
    the persons who collect and the budget line on every paper.
    """

    _inherit = "parcours.organisation"
    _parcours_protected_fields = ("receipt_sequence_id",)

    journal_id = fields.Many2one(
        "account.journal",
        string="Cash office journal",
        domain="[('type', 'in', ('cash', 'bank')), "
        "('company_id', 'in', (company_id or allowed_company_ids[0], False))]",
        help="The régie de recettes of this third place: the contributions it "
        "collects are paid into this journal.",
    )

    regie_mode = fields.Selection(
        [
            ("regie", "Collection point of the département's régie"),
            ("mandate", "Convention de mandat (association)"),
        ],
        string="Collection route",
        default="regie",
        help="A third place run by an association collects under a convention "
        "de mandat (art. L.1611-7-1 CGCT) and pays the contributions back with a "
        "remittance slip of the convention; any other third place is a "
        "collection point of the département's régie de recettes.",
    )
    regie_act_ref = fields.Char(
        string="Act or convention",
        help="Reference of the act that created the régie (arrêté, "
        "délibération) or of the convention de mandat.",
    )
    regie_act_date = fields.Date(string="Act or convention dated")
    regie_regisseur = fields.Char(
        string="Régisseur",
        help="The régisseur named by the act, or the association's "
        "representative under a convention de mandat.",
    )
    regie_mandataires = fields.Char(
        string="Mandataires", help="The persons who also collect, by name."
    )
    regie_budget_line = fields.Char(
        string="Budget line",
        help="Imputation budgétaire of the contributions, as the public "
        "accountant records them (for instance chapitre 70, nature 7088).",
    )
    receipt_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Receipt book",
        readonly=True,
        copy=False,
        help="The numbering of this third place's receipts: continuous, never "
        "reused.",
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

    def unlink(self):
        # A place with receipts is not deleted (its payments restrict it): the
        # receipt book of a deleted place numbered nothing kept, it goes too.
        # sudo: the book was made with elevated rights, as the place's side
        # effect.
        books = self.sudo().receipt_sequence_id
        result = super().unlink()
        books.unlink()
        return result

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

    def _parcours_lock_cash_office(self):
        """Lock these places until the end of the transaction, then read them
        afresh: a payment waiting on another one must see the receipt book and
        the journal entries that one committed."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()

    def _parcours_receipt_sequence(self):
        """The receipt book of this third place, made when first needed.

        ``no_gap``: a number is taken in the transaction of the payment, so a
        payment that fails takes no number and the book has no hole.
        """
        self.ensure_one()
        if not self.receipt_sequence_id:
            # sudo: the receipt book is made once per place, by the first
            # contribution collected; a mediator creates no sequence.
            self.sudo().receipt_sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Receipt book %(place)s", place=self.name),
                        "code": "parcours.receipt.place.%d" % self.id,
                        "prefix": "R%04d-" % self.id,
                        "padding": 5,
                        "implementation": "no_gap",
                        "company_id": self._parcours_company().id,
                    }
                )
            )
        # sudo: the place's receipt book, which mediators use but may not read
        # as a configuration record
        return self.sudo().receipt_sequence_id

    def _parcours_receipt_values(self, method, cheque):
        """The next receipt of this place's book, for a contribution's payment."""
        self.ensure_one()
        values = {
            "parcours_receipt_place_id": self.id,
            "parcours_receipt_number": self._parcours_receipt_sequence().next_by_id(),
            "parcours_method": method,
        }
        if method == "cheque":
            values.update(
                {
                    f"parcours_cheque_{key}": cheque[key].strip()
                    for key in ("number", "bank", "drawer")
                }
            )
        return values
