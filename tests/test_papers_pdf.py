"""The papers that someone outside reads, printed as real PDFs from the demo data.

Each paper is rendered by wkhtmltopdf (``_render_qweb_pdf``, as the Print button does)
and read back with ``pdftotext``: the Département's name and address, French dates,
amounts in euros and in French words, and nothing of Odoo's demo company ("My
Company (San Francisco)", dollars, "Your logo").

The demo database of ``make test`` is installed with Odoo's French chart
(``l10n_fr_account``) and without the French language: the language is activated and
the French terms loaded here, in the test's transaction, as ``make run`` has them.
"""

import re
import shutil
import subprocess

from odoo.tests import TransactionCase, tagged

# What the papers of the demo's company must never show.
FORBIDDEN = ("$", "Dollar", "San Francisco", "Your logo", "My Company", "USD")
# The addons whose French terms the papers use (the layout's come from web).
FRENCH_MODULES = [
    "web",
    "account",
    "parcours_devices",
    "parcours_beneficiaries",
    "parcours_training",
]
FRENCH_DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


@tagged("post_install", "-at_install")
class TestPapersPdf(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for tool in ("wkhtmltopdf", "pdftotext"):
            if not shutil.which(tool):
                raise AssertionError(
                    f"{tool} is needed to print the papers (make check-env names it)"
                )
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(FRENCH_MODULES, ["fr_FR"])
        cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.company = cls.env.ref("base.main_company")
        # the people and organisations of the demo read their papers in French
        cls.env["res.partner"].search([]).write({"lang": "fr_FR"})
        Agreement = cls.env["parcours.loan.agreement"]
        cls.paid = Agreement.search(
            [("invoice_id.payment_state", "in", ("paid", "in_payment"))],
            limit=1,
            order="id",
        )

    def _pdf_text(self, report_xmlid, records):
        """The text of ``records``' paper, printed as a PDF and read back."""
        self.assertTrue(records, f"the demo data has a record to print {report_xmlid}")
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_xmlid, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf made a PDF")
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        # wkhtmltopdf keeps the narrow and non-breaking spaces of French numbers
        return re.sub(r"[\u00a0\u202f ]+", " ", text)

    def _assert_departement(self, text, words=None, amount="25,00 €"):
        self.assertIn("Département de la Drôme", text)
        self.assertIn("Valence", text, "the company's address, from its letterhead")
        self.assertRegex(text, FRENCH_DATE, "a date written the French way")
        for forbidden in FORBIDDEN:
            self.assertNotIn(forbidden, text)
        if amount:
            self.assertIn(amount, text)
        if words:
            self.assertIn(words, text.lower())

    def test_company_is_the_departement_in_euros(self):
        self.assertEqual(self.company.name, "Département de la Drôme")
        self.assertEqual(self.company.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(self.company.country_id, self.env.ref("base.fr"))
        self.assertEqual(self.company.chart_template, "fr")
        self.assertTrue(self.company.logo)
        self.assertEqual(
            self.company.parcours_contribution_account_id.code,
            "706000",
            "contributions post to 706000 on the French chart",
        )
        invoice = self.paid.invoice_id
        self.assertEqual(invoice.currency_id.name, "EUR")
        self.assertEqual(
            invoice.invoice_line_ids.account_id,
            self.company.parcours_contribution_account_id,
        )
        # no demo login works in another company
        users = self.env["res.users"].search(
            [("share", "=", False), ("parcours_organisation_id", "!=", False)]
        ) | self.env.ref("base.user_admin")
        self.assertEqual(users.company_ids, self.company)

    def test_loan_agreement(self):
        text = self._pdf_text(
            "parcours_beneficiaries.action_report_loan_agreement", self.paid
        )
        self._assert_departement(text, "vingt-cinq euros")
        self.assertIn(self.paid.name, text)

    def test_contribution_receipt(self):
        text = self._pdf_text(
            "parcours_beneficiaries.action_report_contribution_receipt", self.paid
        )
        self._assert_departement(text, "vingt-cinq euros")

    def test_contribution_invoice(self):
        text = self._pdf_text("account.account_invoices", self.paid.invoice_id)
        self._assert_departement(text, "vingt-cinq euros")

    def test_partner_bill(self):
        # the ESAT's work of the demo, billed as a manager does at the month's end
        esat = self.env.ref("parcours_devices.organisation_esat_demo")
        lines = self.env["parcours.work.order.line"].search(
            [("organisation_id", "=", esat.id), ("state", "=", "done")]
        )
        bill = lines._parcours_create_bills(
            min(lines.mapped("date")), max(lines.mapped("date")), esat
        )
        text = self._pdf_text("account.account_invoices", bill)
        self._assert_departement(text, amount=None)
        self.assertIn(bill.partner_id.name, text)
        words = bill.currency_id.with_context(lang="fr_FR").amount_to_text(
            bill.amount_total
        )
        self.assertIn(words.lower(), text.lower(), "the total in words, in euros")

    def test_remittance_slip(self):
        slip = self.env["parcours.remittance"].search(
            [("amount_total", ">", 0)], limit=1, order="id"
        )
        text = self._pdf_text("parcours_beneficiaries.action_report_remittance", slip)
        words = slip.currency_id.with_context(lang="fr_FR").amount_to_text(
            slip.amount_total
        )
        self._assert_departement(text, words.lower(), amount=None)
        self.assertIn(" €", text)

    def test_remittance_slip_lists_receipts_and_cheques(self):
        """The public accountant's checks: receipt numbers, cheques, the régie."""
        cheque = self.env["parcours.remittance.line"].search(
            [("method", "=", "cheque"), ("receipt_number", "!=", False)],
            limit=1,
            order="id",
        )
        slip = cheque.remittance_id
        text = self._pdf_text("parcours_beneficiaries.action_report_remittance", slip)
        first, last = slip._receipt_range()
        self.assertIn(f"reçus n° {first} à {last}", text)
        for number in slip.line_ids.mapped("receipt_number"):
            self.assertIn(number, text)
        self.assertIn("Chèques", text)
        self.assertIn(cheque.cheque_number, text)
        title, act = {
            "regie": ("Bordereau de versement de la régie", "Acte constitutif"),
            "mandate": (
                "Bordereau de reversement — convention de mandat",
                "Convention de mandat",
            ),
        }[slip.regie_mode]
        self.assertIn(title, text)
        self.assertIn(act, text)
        self.assertIn(slip.regie_regisseur, text)

    def test_slip_under_a_convention_de_mandat(self):
        die = self.env.ref("parcours_devices.organisation_place_die_demo")
        slip = self.env["parcours.remittance"].search(
            [("place_id", "=", die.id), ("amount_total", ">", 0)], limit=1
        )
        text = self._pdf_text("parcours_beneficiaries.action_report_remittance", slip)
        self.assertIn("Bordereau de reversement — convention de mandat", text)
        self.assertIn("L.1611-7-1", text)
        self.assertNotIn("Bordereau de versement de la régie", text)

    def test_donation_certificate(self):
        lot = self.env.ref("parcours_devices.donation_lot_company_demo")
        text = self._pdf_text(
            "parcours_devices.action_report_donation_certificate", lot
        )
        self._assert_departement(text, amount=None)
        self.assertIn(lot.donor_id.name, text)

    def test_work_sheet(self):
        order = self.env.ref(
            "parcours_devices.donation_lot_company_demo"
        ).work_order_ids[:1]
        text = self._pdf_text("parcours_devices.action_report_work_order", order)
        self._assert_departement(text, amount=None)
        self.assertIn(order.name, text)

    def test_attendance_certificate(self):
        registration = self.env["event.registration"].search(
            [("state", "=", "done"), ("partner_id", "!=", False)], limit=1
        )
        text = self._pdf_text(
            "parcours_training.action_report_attendance_certificate",
            registration.partner_id,
        )
        self._assert_departement(text, amount=None)
        self.assertIn(registration.partner_id.name, text)
