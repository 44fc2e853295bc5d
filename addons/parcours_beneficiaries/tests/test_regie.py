# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import io
import re

import openpyxl
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import ContributionCase


def _text(page):
    """The words of a rendered page, tags removed, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@tagged("post_install", "-at_install")
class TestRegie(ContributionCase):
    """The régie as the public accountant checks it: receipts numbered from
    the place's receipt book, cheques one by one, the act that created the
    régie (or the convention de mandat) on the slip and the receipt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["parcours_devices", "parcours_beneficiaries"], ["fr_FR"], overwrite=True
        )
        cls.place.write(
            {
                "regie_mode": "regie",
                "regie_act_ref": "Arrêté n° 2024-DMN-TEST",
                "regie_act_date": "2024-01-15",
                "regie_regisseur": "Régine Régisseuse",
                "regie_mandataires": "Paul Mandataire",
                "regie_budget_line": "Chapitre 70, nature 7088",
            }
        )
        cls.alice_payment, cls.bruno_payment = cls.payments
        cls.account_manager = new_test_user(
            cls.env,
            login="regie_account_manager",
            groups="base.group_user,account.group_account_manager",
        )
        cls.book = "R%04d-" % cls.place.id

    def _render(self, report, records, user=None):
        page = (
            self.env["ir.actions.report"]
            .with_user(user or self.mediator)
            ._render_qweb_html(report, records.ids)[0]
            .decode()
        )
        return _text(page)

    def _slip(self, remittance):
        return self._render("parcours_beneficiaries.report_remittance", remittance)

    def _receipt(self, agreement):
        return self._render(
            "parcours_beneficiaries.report_contribution_receipt", agreement
        )

    def _collected(self):
        remittance = self._remittance(self.mediator)
        remittance.action_collect()
        return remittance

    def test_receipts_are_numbered_from_the_book_of_their_place(self):
        self.assertEqual(
            (self.alice | self.bruno).mapped("receipt_number"),
            [self.book + "00001", self.book + "00002"],
        )
        self.assertEqual(
            self.payments.mapped("parcours_receipt_number"),
            [self.book + "00001", self.book + "00002"],
        )
        self.assertEqual(self.payments.parcours_receipt_place_id, self.place)
        self.chloe.with_user(self.mediator)._parcours_register_payment("card")
        self.env.invalidate_all()
        self.assertEqual(self.chloe.receipt_number, self.book + "00003")
        # Another place has its own book, from its first number.
        self.assertEqual(
            self.place2._parcours_receipt_sequence().next_by_id(),
            "R%04d-00001" % self.place2.id,
        )
        self.assertNotEqual(
            self.place2.receipt_sequence_id, self.place.receipt_sequence_id
        )

    def test_a_receipt_number_is_never_written_nor_reused(self):
        for user in (self.mediator, self.account_manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.bruno_payment.with_user(user).write(
                    {"parcours_receipt_number": self.book + "00009"}
                )
        with self.assertRaises(UserError):
            self.place.with_user(self.officer).write({"receipt_sequence_id": False})
        # The database refuses a number twice in a book, to anyone.
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.bruno_payment.sudo().write(
                {"parcours_receipt_number": self.book + "00001"}
            )
            self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            self.bruno_payment.parcours_receipt_number, self.book + "00002"
        )

    def test_a_cancelled_receipt_keeps_its_number_and_shows_cancelled(self):
        self.bruno.partner_id.lang = "fr_FR"
        self.bruno_payment.with_user(self.account_manager).action_cancel()
        self.env.invalidate_all()
        self.assertEqual(self.bruno_payment.state, "canceled")
        self.assertEqual(
            self.bruno_payment.parcours_receipt_number, self.book + "00002"
        )
        receipt = self._receipt(self.bruno)
        self.assertTrue("REÇU ANNULÉ" in receipt, receipt)
        self.assertTrue(f"n° {self.book}00002" in receipt)
        # Paid again: the next number, the cancelled one is not reused.
        self.bruno.with_user(self.mediator)._parcours_register_payment(
            "cash", "2025-03-25"
        )
        self.env.invalidate_all()
        self.assertEqual(self.bruno.receipt_number, self.book + "00003")
        self.assertFalse("ANNULÉ" in self._receipt(self.bruno))
        # The slip lists the receipts by number, and the cancelled one.
        remittance = self._collected()
        self.assertEqual(
            remittance.line_ids.mapped("receipt_number"),
            [self.book + "00001", self.book + "00003"],
        )
        self.assertEqual(remittance.cancelled_receipts, self.book + "00002")
        slip = self._slip(remittance)
        for text in (
            f"reçus n° {self.book}00001 à {self.book}00003",
            f"Reçus annulés {self.book}00002 (annulés, conservés au carnet",
        ):
            self.assertTrue(text in slip, slip)

    def test_a_cheque_needs_its_number_bank_and_drawer(self):
        Wizard = self.env["parcours.contribution.wizard"].with_user(self.mediator)
        for details, missing in (
            ({}, "its number, its bank, its drawer"),
            (
                {"cheque_number": "1234568", "cheque_bank": "  "},
                "its bank, its drawer",
            ),
        ):
            wizard = Wizard.create(
                {"agreement_id": self.chloe.id, "method": "cheque", **details}
            )
            with self.subTest(details=details), self.assertRaises(UserError) as err:
                wizard.action_confirm()
            self.assertIn(
                "listed on the remittance slip cheque by cheque: fill in " + missing,
                str(err.exception),
            )
        self.env.invalidate_all()
        self.assertFalse(self.chloe.receipt_number)
        self.assertFalse(self.chloe.invoice_id.sudo().matched_payment_ids)
        Wizard.create(
            {
                "agreement_id": self.chloe.id,
                "method": "cheque",
                "cheque_number": "1234568",
                "cheque_bank": "La Banque Postale",
                "cheque_drawer": "Chloé Test",
            }
        ).action_confirm()
        self.env.invalidate_all()
        # No number was taken by the refused attempts.
        self.assertEqual(self.chloe.receipt_number, self.book + "00003")
        payment = self.chloe.invoice_id.sudo().matched_payment_ids
        self.assertRecordValues(
            payment,
            [
                {
                    "parcours_method": "cheque",
                    "parcours_cheque_number": "1234568",
                    "parcours_cheque_bank": "La Banque Postale",
                    "parcours_cheque_drawer": "Chloé Test",
                }
            ],
        )
        # Whoever writes the payment afterwards keeps the cheque complete.
        with self.assertRaises(ValidationError):
            payment.with_user(self.account_manager).write(
                {"parcours_cheque_drawer": False}
            )

    def test_the_slip_lists_receipts_cheques_and_the_regie(self):
        remittance = self._collected()
        self.assertEqual(remittance.regie_act_ref, "Arrêté n° 2024-DMN-TEST")
        slip = self._slip(remittance)
        for text in (
            "Bordereau de versement de la régie",
            "Acte constitutif de la régie Arrêté n° 2024-DMN-TEST du 15/01/2024",
            "Régisseur Régine Régisseuse",
            "Mandataires Paul Mandataire",
            "Imputation budgétaire Chapitre 70, nature 7088",
            f"reçus n° {self.book}00001 à {self.book}00002",
            f"Chèques Reçu n° Numéro du chèque Banque Tireur Montant "
            f"{self.book}00002 1234567 Banque Test Tireur Test",
        ):
            self.assertTrue(text in slip, slip)
        self.assertFalse("convention de mandat" in slip)
        self.assertFalse("Reçus annulés" in slip)

    def test_the_slip_of_a_convention_de_mandat(self):
        self.place.write(
            {
                "regie_mode": "mandate",
                "regie_act_ref": "Convention de mandat n° CM-TEST",
                "regie_regisseur": "Trésorier de l'association",
            }
        )
        slip = self._slip(self._collected())
        for text in (
            "Bordereau de reversement — convention de mandat",
            "au nom et pour le compte du",
            "L.1611-7-1",
            "Convention de mandat Convention de mandat n° CM-TEST",
            "Représentant du mandataire Trésorier de l'association",
            "Pour le mandataire",
        ):
            self.assertTrue(text in slip, slip)
        self.assertFalse("Bordereau de versement de la régie" in slip)
        self.alice.partner_id.lang = "fr_FR"
        receipt = self._receipt(self.alice)
        self.assertTrue("mandataire du" in receipt)
        self.assertTrue("Convention de mandat n° CM-TEST" in receipt)

    def test_the_receipt_names_its_number_the_regie_and_the_cheque(self):
        self.bruno.partner_id.lang = "fr_FR"
        receipt = self._receipt(self.bruno)
        for text in (
            f"Reçu de participation n° {self.book}00002",
            "Arrêté n° 2024-DMN-TEST",
            "Régine Régisseuse",
            "Chapitre 70, nature 7088",
            "Payé par chèque n° 1234567 , Banque Test , tiré par Tireur Test",
        ):
            self.assertTrue(text in receipt, receipt)

    def test_a_remitted_slip_keeps_its_regie_and_its_cheques(self):
        remittance = self._collected()
        remittance.action_remit()
        self.place.regie_act_ref = "Arrêté modificatif n° 2026-001"
        self.env.invalidate_all()
        self.assertEqual(remittance.regie_act_ref, "Arrêté n° 2024-DMN-TEST")
        self.assertTrue("Arrêté n° 2024-DMN-TEST" in self._slip(remittance))
        with self.assertRaises(UserError):
            remittance.write({"regie_act_ref": "Arrêté modificatif n° 2026-001"})
        with self.assertRaises(UserError):
            self.bruno_payment.with_user(self.account_manager).write(
                {"parcours_cheque_number": "7654321"}
            )
        self.env.invalidate_all()
        self.assertEqual(self.bruno_payment.parcours_cheque_number, "1234567")

    def test_the_xlsx_slip_lists_receipt_numbers_and_cheques(self):
        remittance = self._collected()
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.mediator)
            ._render(
                "parcours_beneficiaries.report_remittance_xlsx", remittance.ids, {}
            )
        )
        rows = list(
            openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(
                values_only=True
            )
        )
        self.assertEqual(
            rows[4][7:11], ("Reçu n°", "Numéro du chèque", "Banque", "Tireur")
        )
        self.assertEqual(rows[5][7:11], (self.book + "00001", None, None, None))
        self.assertEqual(
            rows[6][7:11],
            (self.book + "00002", "1234567", "Banque Test", "Tireur Test"),
        )
