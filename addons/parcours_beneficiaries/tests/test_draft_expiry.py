# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import BeneficiaryCase
from .test_agreement import LoanFlowMixin


@tagged("post_install", "-at_install")
class TestDraftExpiry(LoanFlowMixin, BeneficiaryCase):
    """A draft agreement left unsigned frees its device after the département's
    number of days; the mediator is told."""

    def _expire(self, days_later):
        # create_date is the database's clock: the job runs that much later.
        with freeze_time(self.start + timedelta(days=days_later)):
            self.env.ref(
                "parcours_beneficiaries.ir_cron_expire_drafts"
            ).method_direct_trigger()
        self.env.invalidate_all()

    def test_draft_expires_and_frees_its_device(self):
        self.assertEqual(self.env.company.parcours_draft_expiry_days, 14)
        self.start = fields.Datetime.now()
        draft = self._allocate(device=self.devices[0], name="Draft Left")
        signed = self._allocate(device=self.devices[1], name="Signed In Time")
        self._sign(signed)
        device = draft.sudo().lot_id
        self.assertEqual(device.parcours_stage, "reserved")

        self._expire(13)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(device.parcours_stage, "reserved")

        self._expire(15)
        self.assertEqual(draft.state, "cancel")
        self.assertEqual(signed.state, "signed")
        self.assertEqual(device.parcours_stage, "ready")
        self.assertEqual(draft.application_id.state, "waiting")
        self.assertIn("expired after 14 days", draft.message_ids[:1].body.striptags())
        self.assertIn(self.mediator.partner_id, draft.message_ids[:1].partner_ids)
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "parcours.application"),
                ("res_id", "=", draft.application_id.id),
            ]
        )
        self.assertEqual(activity.user_id, self.mediator)
        self.assertIn(device.name, activity.note)
        # The device can be allocated again; the application too.
        again = draft.application_id.with_user(self.mediator)._parcours_allocate(
            device.with_user(self.mediator)
        )
        self.assertEqual(again.state, "draft")

    def test_days_set_per_departement(self):
        self.start = fields.Datetime.now()
        self.env.company.parcours_draft_expiry_days = 30
        draft = self._allocate(device=self.devices[0])
        self._expire(15)
        self.assertEqual(draft.state, "draft")
        self.env.company.parcours_draft_expiry_days = 0
        self._expire(400)
        self.assertEqual(draft.state, "draft", "0 days: drafts never expire")
        self.env.company.parcours_draft_expiry_days = 10
        self._expire(15)
        self.assertEqual(draft.state, "cancel")
        self.assertEqual(draft.sudo().lot_id.parcours_stage, "ready")
