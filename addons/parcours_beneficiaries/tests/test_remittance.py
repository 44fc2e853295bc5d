# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ContributionCase


@tagged("post_install", "-at_install")
class TestRemittance(ContributionCase):
    """The régie's remittance slip: the mediator collects March's receipts,
    prints the slip and remits it; it is frozen from then on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice_payment, cls.bruno_payment = cls.payments
        cls.other_slip = cls._remittance(cls.mediator2, place=cls.place2)
        # A slip is printed in French whenever French is installed: install it,
        # so that the slips read the same on every database.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["parcours_devices", "parcours_beneficiaries"], ["fr_FR"], overwrite=True
        )
        cls.account_manager = new_test_user(
            cls.env,
            login="account_manager",
            groups="base.group_user,account.group_account_manager",
        )

    def _collected(self, user=None):
        remittance = self._remittance(user or self.mediator)
        remittance.action_collect()
        return remittance

    def _xlsx(self, remittance, user=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.mediator)
            ._render(
                "parcours_beneficiaries.report_remittance_xlsx", remittance.ids, {}
            )
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def test_collect_the_receipts_of_the_period(self):
        remittance = self._collected()
        self.assertRegex(remittance.name, r"^BV/\d{4}/\d{4}$")
        self.assertEqual(remittance.state, "draft")
        lines = remittance.line_ids
        self.assertEqual(
            [
                (
                    line.date,
                    line.agreement_ref,
                    line.beneficiary_ref,
                    line.method,
                    line.amount,
                )
                for line in lines
            ],
            [
                (
                    datetime.date(2025, 3, 5),
                    self.alice.name,
                    f"BEN-{self.alice.partner_id.id:06d}",
                    "cash",
                    25.0,
                ),
                (
                    datetime.date(2025, 3, 20),
                    self.bruno.name,
                    f"BEN-{self.bruno.partner_id.id:06d}",
                    "cheque",
                    25.0,
                ),
            ],
        )
        self.assertEqual(
            lines.sudo().mapped("invoice_ref"),
            (self.alice | self.bruno).invoice_id.mapped("name"),
        )
        self.assertEqual((remittance.line_count, remittance.amount_total), (2, 50.0))
        self.assertEqual(
            remittance._totals_by_method(), [("Cash", 1, 25.0), ("Cheque", 1, 25.0)]
        )

    def test_a_payment_is_on_one_slip_only(self):
        self._collected()
        second = self._remittance(self.mediator)
        with self.assertRaisesRegex(UserError, "is left to remit"):
            second.action_collect()
        self.env.invalidate_all()
        self.assertFalse(second.line_ids)
        # Only a period with a receipt left gives a slip.
        with self.assertRaises(UserError):
            self._remittance(
                self.mediator, date_from="2025-04-01", date_to="2025-04-30"
            ).action_collect()

    def test_a_receipt_is_its_slips_place(self):
        """A receipt's payment and agreement are the slip's third place's: the
        organisation check refuses another place's slip, whoever writes."""
        Line = self.env["parcours.remittance.line"].sudo()
        self.assertEqual(
            sorted(Line._parcours_organisation_checked_fields()),
            ["agreement_id", "payment_id"],
        )
        with (
            self.assertRaisesRegex(UserError, "another organisation"),
            self.env.cr.savepoint(),
        ):
            Line.create(
                {
                    "remittance_id": self.other_slip.id,
                    "payment_id": self.alice_payment.id,
                    "date": "2025-03-05",
                    "amount": 25.0,
                    "method": "cash",
                }
            )
        line = self._collected().line_ids[:1]
        with (
            self.assertRaisesRegex(UserError, "another organisation"),
            self.env.cr.savepoint(),
        ):
            line.sudo().write({"remittance_id": self.other_slip.id})
        self.env.invalidate_all()
        self.assertEqual(line.place_id, self.mediator.parcours_organisation_id)
        self.assertFalse(self.other_slip.line_ids)

    def test_a_draft_slip_can_be_dropped_and_its_receipts_collected_again(self):
        remittance = self._collected()
        remittance.unlink()
        self.assertEqual(len(self._collected().line_ids), 2)

    def test_remit_freezes_the_slip_and_its_payments(self):
        remittance = self._collected()
        with freeze_time("2025-04-01 09:00:00"):
            remittance.action_remit()
        self.assertEqual(remittance.state, "remitted")
        self.assertEqual(remittance.remitted_date, datetime.date(2025, 4, 1))
        self.assertEqual(remittance.remitted_uid, self.mediator)
        for attempt in (
            lambda: remittance.write({"note": "changed"}),
            lambda: remittance.unlink(),
            lambda: remittance.action_collect(),
            lambda: remittance.action_remit(),
        ):
            with self.assertRaises(UserError):
                attempt()
        payment = self.alice_payment.with_user(self.account_manager)
        for attempt in (
            lambda: payment.write({"memo": "changed"}),
            lambda: payment.action_draft(),
            lambda: payment.action_cancel(),
            lambda: payment.unlink(),
            lambda: payment.move_id.button_draft(),
            lambda: self.alice.invoice_id.with_user(
                self.account_manager
            ).button_draft(),
        ):
            with self.assertRaises(UserError):
                attempt()
        self.env.invalidate_all()
        self.assertEqual(self.alice_payment.state, "paid")
        self.assertEqual(self.alice_payment.memo, "Cash")
        self.assertEqual(self.alice.invoice_id.state, "posted")
        self.assertEqual(remittance.line_count, 2)
        # A payment on no remitted slip stays Odoo's to change.
        self.chloe._parcours_register_payment("card")
        chloe_payment = self.chloe.invoice_id.matched_payment_ids
        chloe_payment.with_user(self.account_manager).write({"memo": "Card (late)"})
        self.assertEqual(chloe_payment.memo, "Card (late)")

    def test_receipts_changed_since_collected_are_not_remitted(self):
        remittance = self._collected()
        self.bruno_payment.action_cancel()
        with self.assertRaisesRegex(UserError, "collect them again"):
            remittance.action_remit()
        self.env.invalidate_all()
        self.assertEqual(remittance.state, "draft")
        remittance.action_collect()
        self.assertEqual(remittance.line_ids.agreement_id, self.alice)

    def test_workflow_fields_are_not_written_by_hand(self):
        remittance = self._collected()
        Line = self.env["parcours.remittance.line"].with_user(self.mediator)
        with self.assertRaises(UserError):
            remittance.write({"state": "remitted"})
        with self.assertRaises(UserError):
            remittance.write({"remitted_date": "2025-04-01"})
        with self.assertRaises(UserError):
            self.env["parcours.remittance"].with_user(self.mediator).create(
                {"place_id": self.place.id, "name": "BV/FAKE", "state": "remitted"}
            )
        with self.assertRaises(AccessError):
            Line.browse(remittance.line_ids.ids).write({"amount": 1.0})
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "remittance_id": remittance.id,
                    "payment_id": self.env["account.payment"].search([], limit=1).id,
                    "date": "2025-03-01",
                    "amount": 1.0,
                    "method": "cash",
                }
            )
        with self.assertRaises(UserError):
            remittance.write({"place_id": self.place2.id})
        self.env.invalidate_all()
        self.assertEqual(remittance.state, "draft")
        self.assertEqual(remittance.place_id, self.place)

    def test_a_mediator_handles_their_own_place_only(self):
        Remittance = self.env["parcours.remittance"].with_user(self.mediator)
        with self.assertRaises(AccessError):
            Remittance.create({"place_id": self.place2.id})
        self.assertFalse(Remittance.search([("id", "=", self.other_slip.id)]))
        theirs = Remittance.browse(self.other_slip.id)
        for attempt in (
            theirs.action_collect,
            theirs.action_remit,
            lambda: theirs.read(["name"]),
        ):
            with self.assertRaises(AccessError):
                attempt()
        ours = self._collected()
        for step in ("action_collect", "action_remit"):
            with self.subTest(step=step), self.assertRaises(AccessError):
                getattr(ours.with_user(self.mediator2), step)()
        with self.assertRaises(AccessError):
            self._xlsx(ours, user=self.mediator2)
        self.env.invalidate_all()
        self.assertEqual(ours.state, "draft")

    def test_a_new_slip_is_for_the_mediators_place(self):
        """The slip opened from the menu starts on the mediator's own place."""
        Remittance = self.env["parcours.remittance"].with_user(self.mediator)
        self.assertEqual(
            Remittance.default_get(["place_id"])["place_id"],
            self.mediator.parcours_organisation_id.id,
        )
        slip = Remittance.create({"date_from": "2026-01-01", "date_to": "2026-01-31"})
        self.assertEqual(slip.place_id, self.mediator.parcours_organisation_id)

    def test_accountant_reads_and_cannot_remit(self):
        ours = self._collected()
        slip = ours.with_user(self.accountant)
        self.assertEqual(slip.amount_total, 50.0)
        self.assertEqual(len(slip.line_ids.payment_id), 2)
        with self.assertRaises(AccessError):
            slip.action_remit()
        with self.assertRaises(AccessError):
            self._remittance(self.accountant)

    def test_xlsx_one_line_per_receipt_in_french(self):
        remittance = self._collected()
        with freeze_time("2025-04-01 09:00:00"):
            remittance.action_remit()
        sheet = self._xlsx(remittance)
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], f"Bordereau de versement {remittance.name}")
        self.assertEqual(
            rows[1][0],
            f"Régie de Tiers-lieu Test, {remittance.company_id.name} : contributions "
            "encaissées du 2025-03-01 au 2025-03-31",
        )
        self.assertEqual(
            rows[4][:7],
            (
                "N°",
                "Date",
                "Convention",
                "Bénéficiaire",
                "Mode de paiement",
                "Facture",
                "Montant",
            ),
        )
        for number, (agreement, day, method) in enumerate(
            (
                (self.alice, "2025-03-05", "Espèces"),
                (self.bruno, "2025-03-20", "Chèque"),
            ),
            start=1,
        ):
            self.assertEqual(
                rows[4 + number][:7],
                (
                    number,
                    day,
                    agreement.name,
                    f"BEN-{agreement.partner_id.id:06d}",
                    method,
                    agreement.invoice_id.name,
                    25,
                ),
            )
        self.assertEqual(rows[8][:3], ("Mode de paiement", "Reçus", "Montant"))
        self.assertEqual(rows[9][:3], ("Espèces", 1, 25))
        self.assertEqual(rows[10][:3], ("Chèque", 1, 25))
        self.assertEqual(rows[11][:3], ("Total", 2, 50))
        self.assertEqual(rows[14][0], "Le régisseur de Tiers-lieu Test")
        self.assertEqual(rows[14][4], "Le comptable public")
        self.assertEqual(rows[15][0], f"Versé le 2025-04-01 par {self.mediator.name}")
        self.assertEqual(rows[16][0], "Nom et signature")
        values = {str(value) for row in rows for value in row}
        self.assertNotIn("Alice Test", values)

    def test_names_only_when_the_accountant_requires_them(self):
        self.env.company.parcours_remittance_show_names = True
        sheet = self._xlsx(self._collected())
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[4][4], "Nom")
        self.assertEqual([rows[5][4], rows[6][4]], ["Alice Test", "Bruno Test"])

    def test_formulas_are_neutralised(self):
        self.alice.partner_id.ref = "=1+1"
        sheet = self._xlsx(self._collected())
        cell = sheet.cell(row=6, column=4)
        self.assertEqual((cell.value, cell.data_type), ("=1+1", "s"))
        self.assertNotIn(
            "f", {cell.data_type for row in sheet.iter_rows() for cell in row}
        )

    def test_pdf_in_french(self):
        remittance = self._collected()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.mediator)
            ._render_qweb_html(
                "parcours_beneficiaries.report_remittance", remittance.ids
            )[0]
            .decode()
        )
        # assertTrue, not assertIn: a failure would print the whole page
        for text in ("Bordereau de versement", "Le comptable public", "Espèces"):
            self.assertTrue(text in html, text)
        self.assertTrue(f"BEN-{self.alice.partner_id.id:06d}" in html)
        self.assertFalse("Alice Test" in html, "no name on the slip")
        self.assertFalse("Remittance slip" in html, "no English left")
