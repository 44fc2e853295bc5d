# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import zipfile
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BeneficiaryCase
from .test_agreement import PAID, LoanFlowMixin

ANONYMOUS = "Anonymised beneficiary #%d"
EXPORT = "parcours_beneficiaries.report_partner_data_xlsx"


@tagged("post_install", "-at_install")
class TestTermAndPersonalData(LoanFlowMixin, BeneficiaryCase):
    """Reminders at the term of a loan; keeping, erasing and exporting personal data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _activities(self, agreement):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "parcours.loan.agreement"),
                ("res_id", "=", agreement.id),
            ]
        )

    def _attachments(self, model, ids):
        # res_field in the domain: also the attachments of binary fields.
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", model),
                ("res_id", "in", ids),
                "|",
                ("res_field", "=", False),
                ("res_field", "!=", False),
            ]
        )

    def _messages(self, model, ids):
        return self.env["mail.message"].search(
            [("model", "=", model), ("res_id", "in", ids)]
        )

    # ------------------------------------------------------------ term cron
    def test_the_mediator_is_reminded_30_days_before_the_end(self):
        with freeze_time("2026-03-15"):
            ending = self._lend(device=self.devices[0], name="Ends In March")
        with freeze_time("2026-05-15"):
            later = self._lend(device=self.devices[1], name="Ends In May")
            # Signed but never handed over: nothing to remind.
            not_lent = self._allocate(device=self.devices[2], name="Not Lent")
            # The start is part of the terms: it is set before the signature.
            not_lent.start_date = date(2026, 3, 15)
            self._sign(not_lent)
        self.assertEqual(ending.end_date, date(2028, 3, 15))
        self.assertEqual(later.end_date, date(2028, 5, 15))
        Agreement = self.env["parcours.loan.agreement"]

        with freeze_time("2028-02-13"):
            reminded = Agreement._cron_term_reminders()
        self.assertFalse(reminded & (ending + later + not_lent))
        self.assertFalse(self._activities(ending))

        for run in (1, 2):
            with self.subTest(run=run), freeze_time("2028-02-14"):
                reminded = Agreement._cron_term_reminders()
                self.env.invalidate_all()
                self.assertEqual(bool(reminded & ending), run == 1)
                activity = self._activities(ending)
                self.assertRecordValues(
                    activity,
                    [
                        {
                            "user_id": self.mediator.id,
                            "activity_type_id": self.todo.id,
                            "date_deadline": date(2028, 3, 15),
                        }
                    ],
                )
                self.assertIn(ending.sudo().lot_id.name, activity.note)
                self.assertIn("Ends In March", activity.note)
                self.assertTrue(ending.term_reminder_sent)
                self.assertFalse(self._activities(later))
                self.assertFalse(self._activities(not_lent))
                self.assertFalse(later.term_reminder_sent)

        # The mediator finds it in their own activities.
        mine = (
            self.env["mail.activity"]
            .with_user(self.mediator)
            .search(
                [
                    ("user_id", "=", self.mediator.id),
                    ("res_model", "=", "parcours.loan.agreement"),
                ]
            )
        )
        self.assertEqual(mine, self._activities(ending))

        # The scheduled action runs the same job.
        with freeze_time("2028-04-15"):
            self.env.ref(
                "parcours_beneficiaries.ir_cron_term_reminders"
            ).method_direct_trigger()
        self.assertEqual(len(self._activities(later)), 1)
        self.assertEqual(len(self._activities(ending)), 1)
        self.assertFalse(self._activities(not_lent))

    # ---------------------------------------------------------- anonymisation
    def _returned_loan_with_history(self):
        """A loan returned on 2026-04-01, with chatter, files and a signed scan."""
        with freeze_time("2026-03-15"):
            agreement = self._lend(device=self.devices[0], name="Jeanne Oubliée")
            partner = agreement.partner_id
            partner.write(
                {
                    "email": "jeanne@example.org",
                    "phone": "+33 6 00 00 00 00",
                    "street": "1 rue des Alpes",
                }
            )
            agreement.write(
                {
                    "signed_scan": base64.b64encode(b"%PDF-1.4 signed agreement"),
                    "signed_scan_filename": "convention.pdf",
                    "note": "<p>Lives with her daughter</p>",
                }
            )
            partner.message_post(body="Came with her social worker")
            agreement.message_post(body="Asked for a bag")
            agreement.application_id.message_post(body="Referred by the CMS of Crest")
            self.env["ir.attachment"].with_user(self.mediator).create(
                [
                    {
                        "name": "id.pdf",
                        "raw": b"identity card",
                        "res_model": "res.partner",
                        "res_id": partner.id,
                    },
                    {
                        "name": "photo.jpg",
                        "raw": b"device handed over",
                        "res_model": "parcours.loan.agreement",
                        "res_id": agreement.id,
                    },
                ]
            )
        with freeze_time("2026-04-01"):
            agreement.action_return()
        self.assertEqual(partner.parcours_last_contact_date, date(2026, 4, 1))
        # What the anonymisation must remove is there.
        self.assertEqual(
            len(self._attachments("parcours.loan.agreement", agreement.ids)), 2
        )
        self.assertEqual(len(self._attachments("res.partner", partner.ids)), 1)
        for model, record in (
            ("res.partner", partner),
            ("parcours.loan.agreement", agreement),
            ("parcours.application", agreement.application_id),
        ):
            self.assertTrue(self._messages(model, record.ids), model)
        self.assertTrue(partner.parcours_proof_ids)
        return agreement

    def test_beneficiaries_without_loan_nor_contact_are_anonymised(self):
        agreement = self._returned_loan_with_history()
        partner = agreement.partner_id.sudo()
        application = agreement.application_id.sudo()
        invoice = self._invoices(agreement)
        payment = self._payments(partner)
        with freeze_time("2026-03-15"):
            busy = self._lend(
                device=self.devices[1], name="Still Lent"
            ).partner_id.sudo()
        with freeze_time("2026-06-01"):
            recent = self._beneficiary(name="Came Back", user=self.mediator).sudo()
            self._waiting_application(recent, user=self.mediator)
        Partner = self.env["res.partner"]

        # 24 months to the day after the last contact: still kept.
        with freeze_time("2028-04-01"):
            Partner._cron_parcours_anonymise()
        self.env.invalidate_all()
        self.assertEqual(partner.name, "Jeanne Oubliée")
        self.assertFalse(partner.parcours_anonymised)

        with freeze_time("2028-05-01"):
            Partner._cron_parcours_anonymise()
        self.env.invalidate_all()

        self.assertRecordValues(
            partner,
            [
                {
                    "name": ANONYMOUS % partner.id,
                    "parcours_anonymised": True,
                    "email": False,
                    "phone": False,
                    "street": False,
                    "parcours_criterion_ids": [],
                    "parcours_consent_purpose": False,
                }
            ],
        )
        self.assertEqual(
            self.env["parcours.proof.check"].search_count(
                [("partner_id", "=", partner.id)]
            ),
            0,
        )
        self.assertEqual(
            (application.priority, application.priority_explanation), (0, "")
        )
        self.assertFalse(self._messages("res.partner", partner.ids))
        self.assertFalse(self._messages("parcours.loan.agreement", agreement.ids))
        self.assertFalse(self._messages("parcours.application", application.ids))
        self.assertFalse(self._attachments("res.partner", partner.ids))
        self.assertFalse(self._attachments("parcours.loan.agreement", agreement.ids))
        self.assertFalse(agreement.sudo().signed_scan)
        self.assertFalse(agreement.sudo().note)

        # Accounting records stay, as the law requires.
        self.assertRecordValues(
            invoice,
            [{"state": "posted", "amount_total": 25.0, "partner_id": partner.id}],
        )
        self.assertIn(invoice.payment_state, PAID)
        self.assertRecordValues(payment, [{"amount": 25.0, "partner_id": partner.id}])
        # So does the history of the device.
        self.assertRecordValues(
            agreement.sudo(), [{"state": "ended", "end_reason": "returned"}]
        )

        # An ongoing loan or a recent contact keeps the data.
        self.assertEqual(busy.name, "Still Lent")
        self.assertFalse(busy.parcours_anonymised)
        self.assertEqual(busy.parcours_last_contact_date, date(2026, 3, 15))
        self.assertEqual(recent.name, "Came Back")
        self.assertFalse(recent.parcours_anonymised)

    def test_retention_period_is_configurable(self):
        agreement = self._returned_loan_with_history()
        partner = agreement.partner_id.sudo()
        cron = self.env.ref("parcours_beneficiaries.ir_cron_anonymise")
        self.env.company.parcours_retention_months = 36
        with freeze_time("2028-05-01"):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(partner.name, "Jeanne Oubliée")

        self.env.company.parcours_retention_months = 12
        with freeze_time("2027-04-02"):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        self.assertEqual(partner.name, ANONYMOUS % partner.id)

    def test_anonymisation_leaves_no_name_in_reminders(self):
        """The term reminder quotes the beneficiary: it goes with the rest."""
        with freeze_time("2026-03-15"):
            agreement = self._lend(device=self.devices[0], name="Jeanne Rappel")
        with freeze_time("2028-02-20"):
            self.env["parcours.loan.agreement"]._cron_term_reminders()
        self.assertIn("Jeanne Rappel", self._activities(agreement).note)
        with freeze_time("2028-03-15"):
            agreement.action_return()
        with freeze_time("2030-04-01"):
            self.env["res.partner"]._cron_parcours_anonymise()
        self.env.invalidate_all()
        self.assertTrue(agreement.partner_id.sudo().parcours_anonymised)
        leftovers = self.env["mail.activity"].search(
            [("note", "ilike", "Jeanne Rappel")]
        )
        self.assertFalse(leftovers)

    # ----------------------------------------------------------------- export
    def _export(self, partner, user):
        """Render the right-of-access report as ``user`` would, by its route."""
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render(EXPORT, partner.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return content

    def _export_logs(self, partner):
        return self._messages("res.partner", partner.ids).filtered(
            lambda m: "exported by" in (m.body or "")
        )

    def test_the_back_office_exports_what_is_held_on_a_beneficiary(self):
        with freeze_time("2026-03-15"):
            agreement = self._lend(device=self.devices[0], name="Jeanne Accès")
        partner = agreement.partner_id
        action = partner.with_user(self.officer).action_parcours_export_data()
        self.assertEqual(
            (action["type"], action["report_type"], action["report_name"]),
            ("ir.actions.report", "xlsx", EXPORT),
        )
        book = openpyxl.load_workbook(io.BytesIO(self._export(partner, self.officer)))
        # the addons above add their own sheets after these
        self.assertEqual(
            book.sheetnames[:6],
            [
                "Identity",
                "Proofs checked",
                "Applications",
                "Loan agreements",
                "Invoices and payments",
                "History",
            ],
        )

        def rows(sheet):
            return [list(row) for row in book[sheet].iter_rows(values_only=True)]

        identity = {row[0]: row[1] for row in rows("Identity")[1:]}
        self.assertEqual(identity["Name"], "Jeanne Accès")
        self.assertEqual(
            identity["Eligibility criteria"], "Minimum social benefits (RSA)"
        )
        self.assertEqual(identity["Zip"], "26400")
        self.assertEqual(
            rows("Proofs checked")[1][0], "Benefit certificate (RSA, AAH, ASPA...)"
        )
        self.assertEqual(
            rows("Applications")[1][:3],
            [agreement.application_id.name, "Handed over", "Tiers-lieu Test"],
        )
        self.assertEqual(
            rows("Loan agreements")[1],
            [
                agreement.name,
                "Active",
                agreement.sudo().lot_id.name,
                "2026-03-15",
                "2028-03-15",
                25,
            ],
        )
        invoice = self._invoices(agreement)
        self.assertIn(
            [invoice.name, "2026-03-15", 25],
            [row[:3] for row in rows("Invoices and payments")],
        )

        # The access is logged on the beneficiary, and no copy is kept.
        logged = self._export_logs(partner)
        self.assertEqual(len(logged), 1)
        self.assertEqual(logged.author_id, self.officer.partner_id)
        self.assertFalse(
            self._attachments("res.partner", partner.ids).filtered(
                lambda a: a.name.endswith(".xlsx")
            )
        )

    def test_only_the_back_office_exports_personal_data(self):
        partner = self._lend(device=self.devices[0], name="Jeanne Privée").partner_id
        employee = new_test_user(self.env, login="employee", groups="base.group_user")
        for user in (self.mediator, self.accountant, employee, self.pihc_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    partner.with_user(user).action_parcours_export_data()
                with self.assertRaises(AccessError):
                    self._export(partner, user)
        self.env.invalidate_all()
        self.assertFalse(self._export_logs(partner))

    def test_the_export_writes_text_never_formulas(self):
        """What a person typed shows as typed: no cell is ever a formula."""
        typed = {
            "name": "=1+1",
            "street": "@SUM(A1:A9)",
            "street2": "+33 cmd|' /C calc'!A0",
            "city": "-2+3",
            "email": '=HYPERLINK("http://evil.example","x")',
        }
        partner = self._beneficiary(name=typed["name"], user=self.mediator)
        partner.write({name: value for name, value in typed.items() if name != "name"})
        partner.message_post(body="=cmd|' /C calc'!A0")
        content = self._export(partner, self.officer)

        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            # six of its own, and those of the addons above
            self.assertGreaterEqual(len(sheets), 6)
            for name in sheets:
                self.assertNotIn(b"<f>", archive.read(name), name)
        book = openpyxl.load_workbook(io.BytesIO(content))
        identity = {
            row[0].value: row[1] for row in book["Identity"].iter_rows(min_row=2)
        }
        labels = {
            "name": "Name",
            "street": "Street",
            "street2": "Street2",
            "city": "City",
            "email": "Email",
        }
        for name, value in typed.items():
            with self.subTest(field=name):
                cell = identity[labels[name]]
                self.assertEqual((cell.value, cell.data_type), (value, "s"))

    # ---------------------------------------------------------------- consent
    def test_no_agreement_without_consent(self):
        """Consent withdrawn while on the waiting list: no device is reserved."""
        partner = self._beneficiary(name="Sans Consentement", user=self.mediator)
        application = self._waiting_application(partner, user=self.mediator)
        partner.parcours_consent_date = False
        with self.assertRaises(UserError) as caught:
            application._parcours_allocate(self.devices[0])
        message = str(caught.exception)
        self.assertIn("Sans Consentement has not given consent", message)
        self.assertIn("record the date and purpose of their consent", message)
        self.env.invalidate_all()
        self.assertEqual(
            self.env["parcours.loan.agreement"].search_count(
                [("partner_id", "=", partner.id)]
            ),
            0,
        )
        self.assertEqual(application.state, "waiting")
        self.assertEqual(self.devices[0].parcours_stage, "ready")

    def test_consent_withdrawn_before_signature_blocks_it(self):
        agreement = self._allocate(name="Change D'Avis")
        agreement.partner_id.parcours_consent_date = False
        agreement.write(
            {"signature_date": fields.Date.today(), "witness_id": self.mediator.id}
        )
        with self.assertRaises(UserError) as caught:
            agreement.action_sign()
        self.assertIn("Change D'Avis has not given consent", str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "draft")
        self.assertFalse(self._invoices(agreement))
