# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules hold at the server, whatever the client sends.

Each test runs as the user who would try the way round the form: the mediator
writing a workflow field of her own agreement, calling a step on another third
place's record, passing a context key, the accountant calling a step.
"""

import inspect

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import BeneficiaryCase
from .test_agreement import PAID, LoanFlowMixin

# Context keys a client may send: none of them grants anything.
SNEAKY_CONTEXT = {
    "parcours_stage_update": True,
    "parcours_reception_confirmed": True,
    "default_state": "active",
    "default_waived": True,
    "default_amount": 0,
    "default_payment_state": "paid",
}


def public_methods(model):
    """The methods of ``model`` that a client may call and our addons define."""
    names = set()
    for cls in type(model).__mro__:
        if not cls.__module__.startswith("odoo.addons.parcours_"):
            continue
        names.update(
            name
            for name, member in vars(cls).items()
            if not name.startswith("_") and inspect.isfunction(member)
        )
    # CRUD overrides are the ORM's own methods, guarded by the access rules.
    return sorted(names - {"create", "write", "unlink", "copy", "default_get"})


@tagged("post_install", "-at_install")
class TestWorkflowGuard(LoanFlowMixin, BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.devices2 = cls._ready_devices(cls.place2, 2, prefix="BEN2-")
        cls.paul = cls._beneficiary(
            "Paul Place B", place=cls.place2, user=cls.mediator2
        )
        cls.other_agreement = cls._signed_agreement(cls.paul, user=cls.mediator2)
        cls.other_application = cls._waiting_application(
            cls._beneficiary("Pia Place B", place=cls.place2, user=cls.mediator2),
            user=cls.mediator2,
        )

    def _snapshot(self, records, names):
        self.env.invalidate_all()
        return [{name: record.sudo()[name] for name in names} for record in records]

    # ---------------------------------------------------------- workflow fields
    def test_the_mediator_cannot_write_the_workflow_of_her_agreement(self):
        agreement = self._sign(self._allocate(name="Jeanne Pressée"))
        paid = self._sign(self._allocate(name="Jean Payé"))
        self._pay(paid)
        values = {
            "state": "active",
            "waived": True,
            "invoice_id": paid.sudo().invoice_id.id,
            "amount": 0,
            "contribution_method": "cash",
            "contribution_date": fields.Date.today(),
            "end_reason": "ownership",
            "delivery_picking_id": self.env["stock.picking"].search([], limit=1).id,
            "return_picking_id": False,
            "renewed_from_id": paid.id,
            "term_reminder_sent": True,
            "name": "CMD/FAKE/0001",
            "lot_id": self.devices[3].id,
            "place_id": self.place2.id,
            "partner_id": paid.partner_id.id,
            "application_id": paid.application_id.id,
            "company_id": self.env.company.id,
            # The terms the beneficiary signed.
            "start_date": fields.Date.to_date("2020-01-01"),
            "duration_months": 240,
            "end_date": fields.Date.to_date("2050-01-01"),
            "signature_date": fields.Date.to_date("2020-01-01"),
            "witness_id": self.mediator2.id,
        }
        before = self._snapshot(agreement, values)
        for name, value in values.items():
            with self.subTest(field=name):
                with self.assertRaises(UserError):
                    agreement.with_context(**SNEAKY_CONTEXT).write({name: value})
                self.assertEqual(self._snapshot(agreement, values), before)
        # Still unpaid, so still not handed over.
        with self.assertRaises(UserError):
            agreement.with_context(**SNEAKY_CONTEXT).action_handover()
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.sudo().lot_id.parcours_stage, "reserved")

    def test_a_closed_agreement_is_kept_as_it_is(self):
        agreement = self._lend(name="Jeanne Finie")
        agreement.action_return()
        for values in ({"note": "<p>rewritten</p>"}, {"user_id": self.mediator2.id}):
            with self.subTest(values=values), self.assertRaises(UserError):
                agreement.write(values)
        with self.assertRaises(UserError):
            agreement.with_user(self.manager).unlink()
        self.env.invalidate_all()
        self.assertTrue(agreement.exists())
        self.assertFalse(agreement.note)

    def test_the_mediator_cannot_write_the_workflow_of_an_application(self):
        application = self._waiting_application(
            self._beneficiary("Lucie Liste", user=self.mediator), user=self.mediator
        )
        values = {
            "state": "allocated",
            "date_submitted": fields.Date.to_date("2020-01-01"),
            "priority": 99,
            "priority_explanation": "Top of the list",
            "lot_id": self.devices[0].id,
            "name": "DMD/FAKE/0001",
            "company_id": self.env.company.id,
            # On the list: for this person at this third place.
            "partner_id": self._beneficiary("Autre", user=self.mediator).id,
            "place_id": self.place2.id,
        }
        before = self._snapshot(application, values)
        for name, value in values.items():
            with self.subTest(field=name):
                with self.assertRaises(UserError):
                    application.with_context(**SNEAKY_CONTEXT).write({name: value})
                self.assertEqual(self._snapshot(application, values), before)
        with self.assertRaises(UserError):
            self.env["parcours.application"].with_user(self.mediator).create(
                {
                    "partner_id": application.partner_id.id,
                    "state": "waiting",
                    "priority": 99,
                }
            )

    def test_the_mediator_cannot_write_the_workflow_of_a_beneficiary(self):
        partner = self._beneficiary("Marc Suivi", user=self.mediator)
        values = {
            "parcours_anonymised": True,
            "parcours_last_contact_date": fields.Date.to_date("2020-01-01"),
        }
        before = self._snapshot(partner, values)
        for name, value in values.items():
            with self.subTest(field=name):
                with self.assertRaises(UserError):
                    partner.write({name: value})
                self.assertEqual(self._snapshot(partner, values), before)
        with self.assertRaises(UserError):
            self.env["res.partner"].with_user(self.mediator).create(
                {
                    "name": "Déjà Anonyme",
                    "zip": "26400",
                    "parcours_is_beneficiary": True,
                    "parcours_place_id": self.place.id,
                    "parcours_anonymised": True,
                }
            )

    def test_nobody_links_an_invoice_to_an_agreement_by_hand(self):
        agreement = self._sign(self._allocate(name="Jeanne Facturée"))
        invoice = self._invoices(agreement)
        with self.assertRaises(UserError):
            invoice.with_user(self.manager).write({"parcours_agreement_id": False})
        self.env.invalidate_all()
        self.assertEqual(invoice.parcours_agreement_id, agreement)

    # --------------------------------------------------------------- creation
    def test_an_agreement_comes_from_the_allocation_only(self):
        partner = self._beneficiary("Jeanne Directe", user=self.mediator)
        self._waiting_application(partner, user=self.mediator)
        Agreement = self.env["parcours.loan.agreement"].with_user(self.mediator)
        for device in (self.devices[0], self._to_refurbish_device()):
            with self.subTest(device=device.name):
                with self.assertRaises(UserError):
                    Agreement.create(
                        {
                            "partner_id": partner.id,
                            "place_id": self.place.id,
                            "lot_id": device.id,
                        }
                    )
                self.env.invalidate_all()
                self.assertFalse(Agreement.sudo().search([("lot_id", "=", device.id)]))
        self.assertEqual(self.devices[0].parcours_stage, "ready")

    def _to_refurbish_device(self):
        lot = self._received_lot(1, prefix="UNERASED-")
        self._triage(lot)
        self._send(lot.device_ids, self.pihc)
        return lot.device_ids

    def test_only_a_ready_device_of_the_place_is_ever_lent(self):
        """Whoever creates the agreement, even with every right."""
        partner = self._beneficiary("Jeanne Invariant", user=self.mediator)
        application = self._waiting_application(partner, user=self.mediator)
        Agreement = self.env["parcours.loan.agreement"].sudo()
        for device in (self._to_refurbish_device(), self.devices2[1]):
            with self.subTest(device=device.name):
                with self.assertRaises(ValidationError) as caught:
                    Agreement.create(
                        {
                            "application_id": application.id,
                            "partner_id": partner.id,
                            "place_id": self.place.id,
                            "lot_id": device.id,
                        }
                    )
                self.assertIn(
                    f"Device {device.name} cannot be lent", str(caught.exception)
                )
                self.env.invalidate_all()
                self.assertFalse(
                    Agreement.search([("application_id", "=", application.id)])
                )

    def test_the_device_first_reserved_is_freed_when_the_agreement_changes(self):
        agreement = self._allocate(name="Jeanne Échange")
        first = agreement.sudo().lot_id
        self.assertEqual(first.parcours_stage, "reserved")
        # The mediator cannot swap it...
        with self.assertRaises(UserError):
            agreement.write({"lot_id": self.devices2[0].id})
        self.env.invalidate_all()
        self.assertEqual(agreement.sudo().lot_id, first)
        # ...the back office's maintenance can, and the first one is ready again.
        other = (self.devices - first)[0]
        agreement.sudo().write({"lot_id": other.id})
        self.env.invalidate_all()
        self.assertEqual(first.parcours_stage, "ready")
        self.assertEqual(other.parcours_stage, "reserved")
        self.assertIn(first, agreement.application_id._proposed_devices())
        # An open agreement is not deleted, so its device is never left reserved.
        with self.assertRaises(UserError):
            agreement.with_user(self.manager).unlink()
        agreement.action_cancel()
        self.env.invalidate_all()
        self.assertEqual(other.parcours_stage, "ready")

    def test_context_keys_grant_nothing(self):
        partner = self._beneficiary("Jeanne Contexte", user=self.mediator)
        application = self._waiting_application(partner, user=self.mediator)
        agreement = application.with_context(**SNEAKY_CONTEXT)._parcours_allocate(
            self.devices[0]
        )
        self.env.invalidate_all()
        self.assertRecordValues(
            agreement.sudo(), [{"state": "draft", "waived": False, "amount": 25.0}]
        )
        agreement.write({"signature_date": fields.Date.today()})
        agreement.with_context(
            default_amount=1, default_payment_difference_handling="reconcile"
        ).action_sign()
        self.assertEqual(self._invoices(agreement).amount_total, 25.0)
        agreement.with_context(default_amount=1)._parcours_register_payment("cash")
        self.env.invalidate_all()
        payment = self._payments(partner)
        self.assertEqual(payment.amount, 25.0)
        self.assertIn(agreement.payment_state, PAID)

    # ------------------------------------------------------------ other place
    def test_no_step_on_another_third_place_whatever_the_context(self):
        """Every public method of our models, called on place B's records."""
        records = {
            "parcours.loan.agreement": self.other_agreement,
            "parcours.application": self.other_application,
            "res.partner": self.paul,
        }
        watched = {
            self.other_agreement: ("state", "waived", "amount", "end_reason"),
            self.other_application: ("state",),
            self.paul: ("name", "parcours_place_id"),
        }
        before = {r: self._snapshot(r, names) for r, names in watched.items()}
        payments = len(self._payments(self.paul))
        for model, record in records.items():
            methods = public_methods(self.env[model])
            self.assertTrue(methods, model)
            for name in methods:
                with self.subTest(model=model, method=name):
                    method = getattr(
                        record.with_user(self.mediator).with_context(**SNEAKY_CONTEXT),
                        name,
                    )
                    with self.assertRaises(AccessError):
                        method()
        # The private steps the dialogs call check it too.
        steps = (
            lambda a: a._parcours_register_payment("cash"),
            lambda a: a._parcours_set_contribution(1, "x"),
        )
        for step in steps:
            with self.subTest(step=step), self.assertRaises(AccessError):
                step(self.other_agreement.with_user(self.mediator))
        with self.assertRaises(AccessError):
            self.other_application.with_user(self.mediator)._parcours_allocate(
                self.devices2[1]
            )
        wizard = (
            self.env["parcours.contribution.wizard"]
            .with_user(self.mediator)
            .create({"agreement_id": self.other_agreement.id, "method": "cash"})
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        for record, names in watched.items():
            self.assertEqual(self._snapshot(record, names), before[record])
        self.assertEqual(len(self._payments(self.paul)), payments)
        self.assertEqual(self.devices2[1].parcours_stage, "ready")

    def test_the_accountant_takes_no_step(self):
        agreement = self._sign(self._allocate(name="Jeanne Comptée"))
        for name in public_methods(agreement):
            if name in ("action_print", "action_print_receipt"):
                continue  # reading is the accountant's job
            with self.subTest(method=name), self.assertRaises(AccessError):
                getattr(agreement.with_user(self.accountant), name)()
        with self.assertRaises(AccessError):
            agreement.with_user(self.accountant)._parcours_register_payment("cash")
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.payment_state, "not_paid")
        self.assertTrue(agreement.with_user(self.accountant).action_print())

    # ----------------------------------------------------------- smaller ones
    def test_a_loss_is_a_loss(self):
        """No free argument turns a loss into a transfer of ownership."""
        agreement = self._lend(name="Jeanne Perdue")
        with self.assertRaises(TypeError):
            agreement.action_declare_lost("ownership")
        with self.assertRaises(TypeError):
            agreement.action_declare_lost(reason="ownership")
        self.env.invalidate_all()
        self.assertEqual(agreement.state, "active")
        agreement.action_declare_lost()
        self.assertRecordValues(agreement, [{"state": "lost", "end_reason": "lost"}])

    def test_a_contribution_is_paid_by_a_known_method(self):
        agreement = self._sign(self._allocate(name="Jeanne Bitcoin"))
        for method in ("bitcoin", False, "Cash"):
            with self.subTest(method=method):
                with self.assertRaises(UserError) as caught:
                    agreement._parcours_register_payment(method)
                self.assertIn("paid by Cash, Cheque, Card", str(caught.exception))
                self.env.invalidate_all()
                self.assertFalse(agreement.contribution_method)
                self.assertFalse(self._payments(agreement.partner_id))

    def test_only_the_back_office_waives(self):
        agreement = self._sign(self._allocate(name="Jeanne Exemptée"))
        agreement.waiver_reason = "Asked by the mediator"
        for user in (self.mediator, self.accountant, self.place_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                agreement.with_user(user).action_waive()
        self.env.invalidate_all()
        self.assertFalse(agreement.waived)
        self.assertEqual(self._invoices(agreement).state, "posted")
        agreement.with_user(self.officer).action_waive()
        self.assertTrue(agreement.waived)

    # ---------------------------------------------------------- opted in only
    def test_the_guard_leaves_plain_partners_and_invoices_alone(self):
        """Only the Parcours' records opt in: a plain contact or invoice of the
        database keeps Odoo's behaviour, a person or an agreement's invoice not."""
        clerk = new_test_user(
            self.env,
            login="plain_clerk",
            groups="base.group_user,base.group_partner_manager,"
            "account.group_account_invoice",
        )
        Partner = self.env["res.partner"].with_user(clerk)
        plain = Partner.create({"name": "Plain Supplier"})
        self.assertFalse(plain._parcours_guarded_records())
        plain.write({"name": "Plain Supplier & Co", "phone": "0475000000"})
        self.assertFalse(plain._parcours_guarded({"phone": "0475000001"}))
        # a workflow field of the Parcours is never given to a plain contact
        self.assertTrue(plain._parcours_guarded({"parcours_anonymised": True}))
        person = self._beneficiary("Marc Gardé")
        self.assertEqual(person._parcours_guarded_records(), person)
        with self.assertRaises(UserError):
            person.with_user(self.officer).write(
                {"parcours_last_contact_date": "2020-01-01"}
            )
        # a plain invoice: not guarded, until a value would make it the
        # invoice of an agreement
        invoice = (
            self.env["account.move"]
            .with_user(clerk)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": plain.id,
                    "invoice_line_ids": [
                        Command.create({"name": "Plain service", "price_unit": 12.0})
                    ],
                }
            )
        )
        self.assertFalse(invoice._parcours_guarded_records())
        invoice.write({"ref": "PLAIN-1"})
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        agreement = self._sign(self._allocate(name="Jeanne Gardée"))
        with self.assertRaises(UserError):
            invoice.with_user(clerk).write({"parcours_agreement_id": agreement.id})
        self.env.invalidate_all()
        self.assertFalse(invoice.parcours_agreement_id)
        contribution = self._invoices(agreement)
        self.assertEqual(contribution._parcours_guarded_records(), contribution)
        # a plain payment is not guarded either
        payment = (
            self.env["account.payment"]
            .with_user(clerk)
            .create({"partner_id": plain.id, "amount": 5.0, "payment_type": "inbound"})
        )
        self.assertFalse(payment._parcours_guarded_records())
