# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class ParcoursLoanAgreementContribution(models.AbstractModel):
    """The contribution of a loan agreement: its invoice, its payment at the
    third place's cash office (numbered from the place's receipt book), its
    waiver or change by the back office, and its receipt.

    An abstract model that only ``parcours.loan.agreement`` inherits, so that
    the agreement's own file keeps its states and its loan steps; the methods
    here run on agreements and read their fields. As OCA ``contract`` keeps
    its invoicing apart, an extension overrides them on the agreement as
    before (``_prepare_invoice_values``, ``_prepare_invoice_line_values``).
    """

    _name = "parcours.loan.agreement.contribution"
    _description = "Loan agreement: the contribution"

    def _prepare_invoice_values(self):
        """The contribution invoice of this agreement (override to add to it)."""
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "invoice_date": self.signature_date,
            "invoice_origin": self.name,
            "parcours_agreement_id": self.id,
            "invoice_line_ids": [Command.create(self._prepare_invoice_line_values())],
        }

    def _prepare_invoice_line_values(self):
        """The one line of the contribution invoice."""
        self.ensure_one()
        values = {
            "product_id": self.company_id._parcours_contribution_product().id,
            "name": self.env._(
                "Contribution to loan agreement %(name)s (device %(serial)s)",
                name=self.name,
                serial=self.lot_id.name,
            ),
            "quantity": 1,
            "price_unit": self.amount,
            "tax_ids": [Command.clear()],
        }
        # the company's income account of contributions, else the product's
        if account := self.company_id.parcours_contribution_account_id:
            values["account_id"] = account.id
        return values

    def _create_invoices(self):
        """Exactly one contribution invoice per agreement, created in one batch."""
        to_invoice = self.filtered(
            lambda a: not a.invoice_id and a.amount > 0 and not a.waived
        )
        moves = self.env["account.move"]
        for company, agreements in to_invoice.grouped("company_id").items():
            company_moves = (
                # sudo: the contribution invoice is created and posted for the
                # mediator, who has no accounting rights.
                self._parcours_sudo_env()["account.move"]
                .with_company(company)
                .with_context(default_move_type="out_invoice")
                .create(
                    [agreement._prepare_invoice_values() for agreement in agreements]
                )
            )
            company_moves.action_post()
            for agreement, move in zip(agreements, company_moves, strict=True):
                agreement._parcours_write_step({"invoice_id": move.id})
            moves |= company_moves
        return moves

    def _parcours_register_payment(self, method, date=None, cheque=None):
        """Record the contribution paid at the third place, in its cash office.

        Each payment takes the next number of the place's receipt book.
        ``cheque``: for a cheque, ``{"number", "bank", "drawer"}``, listed on
        the remittance slip.
        """
        self._parcours_check_step_access()
        methods = dict(
            self._fields["contribution_method"]._description_selection(self.env)
        )
        if method not in methods:
            raise UserError(
                self.env._(
                    "A contribution is paid by %(methods)s: choose one of them.",
                    methods=", ".join(methods.values()),
                )
            )
        Payment = self.env["account.payment"]
        if method == "cheque" and (
            missing := Payment._parcours_missing_cheque_fields(cheque)
        ):
            raise UserError(missing)
        # Two mediators collecting at the same moment: the second one waits here
        # and then finds the contribution paid.
        self._lock()
        self._check_state(("signed", "active"))
        # Two mediators of one place collecting two contributions at once: the
        # place's receipt book and cash journal number one payment at a time,
        # so the second one waits here, then takes the next numbers.
        self.place_id._parcours_lock_cash_office()
        for agreement in self:
            if not agreement.invoice_id:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s has no contribution to collect.",
                        name=agreement.name,
                    )
                )
            if agreement.payment_state in ("paid", "in_payment"):
                raise UserError(
                    self.env._(
                        "The contribution of agreement %(name)s is already paid.",
                        name=agreement.name,
                    )
                )
            # sudo: the mediator collects in her cash office without accounting
            # rights; only the place's own journal is read.
            journal = agreement.place_id.journal_id.sudo()
            if not journal:
                raise UserError(
                    self.env._(
                        "%(place)s has no cash office journal: ask the back office "
                        "to set one on the organisation.",
                        place=agreement.place_id.name,
                    )
                )
            if journal.company_id != agreement.company_id:
                raise UserError(
                    self.env._(
                        "The cash office journal of %(place)s belongs to another "
                        "company: ask the back office to set one of %(company)s.",
                        place=agreement.place_id.name,
                        company=agreement.company_id.name,
                    )
                )
        date = date or fields.Date.context_today(self)
        # sudo: the payment is registered in the place's cash journal for the
        # mediator, who has no accounting rights; checked above.
        for journal, agreements in self.grouped(
            lambda a: a.place_id.journal_id.sudo()
        ).items():
            # sudo: the agreements' own invoices, paid as above.
            invoices = agreements.invoice_id.sudo()
            # sudo: registering the payment, as above.
            payments = (
                self._parcours_sudo_env()["account.payment.register"]
                .with_company(journal.company_id)
                .with_context(active_model="account.move", active_ids=invoices.ids)
                .create(
                    {
                        "journal_id": journal.id,
                        "payment_date": date,
                        "group_payment": False,
                        "communication": methods[method],
                    }
                )
                ._create_payments()
            )
            for agreement in agreements:
                payment = payments.filtered(
                    lambda p, a=agreement: a.invoice_id in p.invoice_ids
                )
                # sudo: the number of the receipt book goes on the payment just
                # made, with the cheque's details; checked above.
                payment.sudo().write(
                    agreement.place_id._parcours_receipt_values(method, cheque)
                )
                agreement._parcours_write_step(
                    {"receipt_number": payment.parcours_receipt_number}
                )
        self.invalidate_recordset(["payment_state"])
        self._parcours_write_step(
            {"contribution_method": method, "contribution_date": date}
        )
        self.partner_id._parcours_touch()
        return True

    def action_register_contribution(self):
        self.ensure_one()
        self._parcours_check_step_access()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Collect the contribution"),
            "res_model": "parcours.contribution.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def action_waive(self):
        self._parcours_check_step_access()
        self._parcours_check_officer(
            self.env._("Only the département's back office can waive a contribution.")
        )
        self._check_state(("draft", "signed"))
        for agreement in self:
            if not (agreement.waiver_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write why the contribution of %(name)s is waived first.",
                        name=agreement.name,
                    )
                )
        for agreement in self:
            if agreement.payment_state in ("paid", "in_payment", "partial"):
                raise UserError(
                    self.env._(
                        "The contribution of %(name)s has already been paid: it "
                        "cannot be waived any more.",
                        name=agreement.name,
                    )
                )
        # sudo: cancelling the agreement's own contribution invoice, which the
        # mediator may not do without accounting rights; checked above.
        invoices = self.invoice_id.sudo()
        invoices.button_draft()
        invoices.button_cancel()
        self._parcours_write_step({"waived": True})
        return True

    def action_change_contribution(self):
        self.ensure_one()
        self._parcours_check_step_access()
        self._parcours_check_officer(
            self.env._("Only the département's back office can change a contribution.")
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change the contribution"),
            "res_model": "parcours.contribution.amount.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def _parcours_set_contribution(self, amount, reason):
        """The back office sets another contribution than the settings' one."""
        self._parcours_check_step_access()
        self._parcours_check_officer(
            self.env._("Only the département's back office can change a contribution.")
        )
        self._check_state(("draft",))
        if amount <= 0:
            raise UserError(
                self.env._(
                    "A contribution of %(amount)s is no contribution: waive it "
                    "instead, with its reason.",
                    amount=amount,
                )
            )
        if not (reason or "").strip():
            raise UserError(
                self.env._("Write why the contribution changes: it is kept.")
            )
        for agreement in self:
            agreement.message_post(
                body=self.env._(
                    "Contribution changed from %(old)s to %(new)s by %(user)s: "
                    "%(reason)s",
                    old=agreement.amount,
                    new=amount,
                    user=self.env.user.name,
                    reason=reason,
                ),
                author_id=self.env.user.partner_id.id,
            )
        self._parcours_write_step({"amount": amount})
        return True

    def _is_paid(self):
        self.ensure_one()
        return (
            self.waived
            or not self.amount
            or self.payment_state in ("paid", "in_payment")
        )

    def _parcours_receipt_payment(self):
        """The payment of the receipt printed, as its receipt book holds it."""
        self.ensure_one()
        if not self.receipt_number:
            return self.env["account.payment"]
        # sudo: the receipt shows its payment's state and cheque to the
        # mediator who prints it, without accounting rights; one payment only.
        return (
            self.env["account.payment"]
            .sudo()
            .search(
                [
                    ("parcours_receipt_place_id", "=", self.place_id.id),
                    ("parcours_receipt_number", "=", self.receipt_number),
                ],
                limit=1,
            )
        )

    def action_print_receipt(self):
        self.check_access("read")
        return self.env.ref(
            "parcours_beneficiaries.action_report_contribution_receipt"
        ).report_action(self)
