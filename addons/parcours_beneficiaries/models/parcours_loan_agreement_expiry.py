# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ParcoursLoanAgreement(models.Model):
    """The agreements' scheduled jobs, apart from the agreement's own file:
    the expiry of drafts (a draft left by an interrupted session must not keep
    its device reserved for ever) and the reminders of loans coming to term."""

    _inherit = "parcours.loan.agreement"

    @api.model
    def _cron_expire_drafts(self):
        """Cancel the draft agreements older than their département's limit.

        Cancelling is the agreement's own step: it frees the device (the
        ``loan_release`` step of the device's stages) and puts the application
        back on the waiting list. The mediator is told in the agreement's
        chatter and by an activity on the application.
        """
        now = fields.Datetime.now()
        expired = self.browse()
        companies = self.env["res.company"].search(
            [("parcours_draft_expiry_days", ">", 0)]
        )
        for company in companies:
            limit = now - timedelta(days=company.parcours_draft_expiry_days)
            expired |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "draft"),
                    ("create_date", "<", limit),
                ]
            )
        for agreement in expired:
            days = agreement.company_id.parcours_draft_expiry_days
            agreement.action_cancel()
            agreement.message_post(
                body=self.env._(
                    "This draft agreement expired after %(days)s days without "
                    "signature: device %(serial)s is ready for another loan.",
                    days=days,
                    serial=agreement.lot_id.name,
                ),
                partner_ids=agreement.user_id.partner_id.ids,
            )
            agreement.application_id.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Draft agreement expired: allocate again"),
                note=self.env._(
                    "The draft agreement %(name)s of %(partner)s expired and "
                    "freed device %(serial)s. The application is back on the "
                    "waiting list: allocate a device again when the beneficiary "
                    "can sign.",
                    name=agreement.name,
                    partner=agreement.partner_id.name,
                    serial=agreement.lot_id.name,
                ),
                user_id=agreement.user_id.id or self.env.user.id,
            )
        return expired

    @api.model
    def _cron_term_reminders(self, days=30):
        """Remind the mediator of each loan ending within ``days`` days."""
        limit = fields.Date.context_today(self) + relativedelta(days=days)
        agreements = self.search(
            [
                ("state", "=", "active"),
                ("end_date", "<=", limit),
                ("term_reminder_sent", "=", False),
            ]
        )
        for agreement in agreements:
            agreement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=agreement.end_date,
                summary=self.env._("Loan ends: return, renewal or transfer"),
                note=self.env._(
                    "The loan of device %(serial)s to %(name)s ends on %(end)s. "
                    "Meet the beneficiary and record the outcome.",
                    serial=agreement.lot_id.name,
                    name=agreement.partner_id.name,
                    end=agreement.end_date,
                ),
                user_id=agreement.user_id.id or self.env.user.id,
            )
        agreements._parcours_write_step({"term_reminder_sent": True})
        return agreements
