"""The server is the boundary: every rule holds for every partner account.

Generated from the registry (see boundary.py), not hand-listed. For every model of
the Parcours addons and every core model a partner account may write, as each
partner role:

- every protected field: a create or a write that sets it is refused, and nothing
  changes, whatever context keys come with it;
- every public method of our models and wizards, called on a record of another
  organisation with tempting context keys: refused, nothing changed;
- every write that would move a record out of the role's organisation: refused;
- every field declared ``check_organisation=True``: the id of another
  organisation's record, written on the role's own record or given on creation,
  is refused, and nothing changes;
- a partner role (workshop, refurbisher, third place operator) reads no
  beneficiary's identity in any record of any model it may read (transfers and
  their lines, chatter, attachments...), and of another organisation's users
  no more than a name;
- every dialog's defaults (``default_<field>``, ``active_ids``) naming a record
  the role may not read: refused before anything of it is shown;
- every core model the role may write: tried against another organisation's data.

The matrices (fields × roles, methods × roles, models × roles) are printed at the
end of the pytest run (conftest.py).
"""

import datetime

from boundary import (
    TEMPTING_CONTEXT,
    foreign_target,
    format_matrix,
    identity_in,
    is_model_method,
    organisation_checked_fields,
    other_value,
    parcours_models,
    protected_fields,
    public_methods,
    readable_models,
    readable_values,
    sample_arguments,
    scoped_relational_fields,
    snapshot,
)
from psycopg2 import IntegrityError

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.parcours_beneficiaries.tests.common import BeneficiaryCase

# AccessError, MissingError and ValidationError are UserErrors: a refusal is one.
REFUSED = UserError
MATRICES = {}


@tagged("post_install", "-at_install")
class TestBoundary(BeneficiaryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Each role's own records at every step, and another organisation's.
        cls.rejects_lot = cls._received_lot(3, prefix="BND-R-")
        cls._triage(cls.rejects_lot, failed=(0, 1, 2))
        dismantle = cls.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": cls.esat.id,
                "donation_lot_id": cls.rejects_lot.id,
                "line_ids": [
                    Command.create(
                        {"lot_id": device.id, "employee_id": cls.esat_worker.id}
                    )
                    for device in cls.rejects_lot.device_ids
                ],
                "fraction_ids": [
                    Command.create(
                        {
                            "material": "metal",
                            "weight": 1.0,
                            "channel_id": cls.channel_metal.id,
                        }
                    )
                ],
            }
        )
        dismantle.action_start()
        at_pihc = cls._received_lot(2, prefix="BND-A-")
        cls._triage(at_pihc)
        cls._send(at_pihc.device_ids, cls.pihc)
        cls._refurbish_order(at_pihc.device_ids[:1], complete=False)
        cls.pending_lot = cls._received_lot(2, prefix="BND-P-")
        cls._triage(cls.pending_lot)
        cls.pending_handoff = cls._send(cls.pending_lot.device_ids, cls.pihc, False)
        cls.expected_lot = cls._new_lot()
        cls.other_lot = cls._received_lot(2, prefix="BND-O-", workshop=cls.esat2)
        cls.agreement = cls._signed_agreement()
        cls.waiting = cls._waiting_application(cls._beneficiary("Waiting Test"))
        # the mediator's own training records, for the organisation links
        person = cls._beneficiary("Trained Test", user=cls.mediator)
        cls.env["parcours.support.session"].with_user(cls.mediator).create(
            {
                "partner_id": person.id,
                "theme_ids": [
                    Command.set(
                        cls.env.ref("parcours_training.event_tag_theme_email").ids
                    )
                ],
            }
        )
        cls.env["parcours.skill.assessment"].with_user(cls.mediator).create(
            {
                "partner_id": person.id,
                "event_type_id": cls.env.ref(
                    "parcours_training.event_type_email_accounts"
                ).id,
            }
        )
        workshop = (
            cls.env["event.event"]
            .with_user(cls.mediator)
            .create(
                {
                    "name": "Boundary Workshop",
                    "event_type_id": cls.env.ref(
                        "parcours_training.event_type_getting_started"
                    ).id,
                    "date_begin": fields.Datetime.now() + datetime.timedelta(days=2),
                }
            )
        )
        cls.env["event.registration"].with_user(cls.mediator).create(
            {"event_id": workshop.id, "partner_id": person.id}
        )
        other_person = cls._beneficiary("Other Place Test", place=cls.place2)
        cls.other_application = cls._waiting_application(other_person)
        cls.roles = {
            "workshop": cls.esat_user,
            "refurbisher": cls.pihc_user,
            "third place": cls.place_user,
            "mediator": cls.mediator,
        }
        cls.samples = {
            "organisation": cls.pihc,
            "organisation_id": cls.pihc.id,
            "organisation_ids": cls.pihc.ids,
            "receiver": cls.pihc,
            "received_weight": 0.0,
            "received_date": fields.Date.today(),
            "device": cls.devices[:1],
            "devices": cls.devices[:1],
            "reason": "lost",
            "method": "cash",
            "date": fields.Date.today(),
            "date_from": fields.Date.today(),
            "date_to": fields.Date.today(),
            "rows": [],
            "days": 30,
        }

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()

    def _records(self, model_name, user):
        """(own, foreign): a record the user may write, and one they may not read."""
        Model = self.env[model_name].sudo().with_context(active_test=False)
        records = Model.search([], order="id desc", limit=400)
        readable = records.with_user(user)._filtered_access("read")
        writable = readable._filtered_access("write")
        foreign = records - readable.sudo()
        own = writable.sudo()[:1] or readable.sudo()[:1]
        return own, foreign[:1]

    def _cell(self, matrix, row, column, value):
        MATRICES.setdefault(matrix, {}).setdefault(row, {})[column] = value

    # ------------------------------------------------------------ protected fields
    def test_protected_fields_are_refused_to_every_role(self):
        for model_name in parcours_models(self.env):
            model = self.env[model_name]
            for name in protected_fields(model):
                row = f"{model_name}.{name}"
                for role, user in self.roles.items():
                    with self.subTest(field=row, role=role):
                        self._cell(
                            "fields", row, role, self._try_field(model, name, user)
                        )

    def _try_field(self, model, name, user):
        own, __ = self._records(model._name, user)
        outcome = []
        if own:
            value = other_value(own, name)
            if value is None:
                return "no value"
            before = snapshot(own)
            with self.assertRaises(REFUSED), mute_logger("odoo.models"):
                with self.env.cr.savepoint():
                    own.with_user(user).with_context(**TEMPTING_CONTEXT).write(
                        {name: value}
                    )
            self.assertEqual(snapshot(own), before, f"{own} changed")
            outcome.append("write")
            outcome.append(self._try_create(own, name, value, user))
        else:
            outcome.append("no own record")
        return " ".join(part for part in outcome if part)

    def _try_create(self, own, name, value, user):
        # the field's default may be given on create: try another value
        default = own._fields[name].default
        if default:
            value = other_value(own, name, avoid=(default(own),))
            if value is None:
                return ""
        if not value:
            # an empty value on create is no value: try a set one
            if own._fields[name].type != "boolean":
                return ""
            value = True
        vals = own.sudo().copy_data()[0]
        vals[name] = value
        Model = own.with_user(user).with_context(**TEMPTING_CONTEXT)
        count = Model.sudo().search_count([])
        label = own._fields[name].get_description(self.env)["string"]
        with self.assertRaises(REFUSED) as caught, mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                Model.create(vals)
        self.assertTrue(
            isinstance(caught.exception, AccessError) or label in str(caught.exception),
            f"creating {own._name} with {name} refused for another reason: "
            f"{caught.exception}",
        )
        self.assertEqual(Model.sudo().search_count([]), count)
        return "create"

    # ------------------------------------------------------------ public methods
    def test_public_methods_refuse_other_organisations(self):
        for model_name in parcours_models(self.env):
            model = self.env[model_name]
            for name, function in public_methods(model).items():
                row = f"{model_name}.{name}"
                for role, user in self.roles.items():
                    with self.subTest(method=row, role=role):
                        self._cell(
                            "methods",
                            row,
                            role,
                            self._try_method(model, name, function, user),
                        )

    def _try_method(self, model, name, function, user):
        if is_model_method(function):
            return "model-level"
        if model._transient:
            return self._try_wizard(model, name, user)
        __, foreign = self._records(model._name, user)
        if not foreign:
            return "no foreign record"
        arguments = sample_arguments(function, self.samples)
        self.assertIsNotNone(
            arguments,
            f"{model._name}.{name}: give its required parameters a sample in "
            "TestBoundary.samples",
        )
        before = snapshot(foreign)
        with self.assertRaises(REFUSED), mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                method = getattr(
                    foreign.with_user(user).with_context(**TEMPTING_CONTEXT), name
                )
                method(*arguments)
        self.assertEqual(snapshot(foreign), before, f"{foreign} changed")
        return "refused"

    def _try_wizard(self, model, name, user):
        """A wizard the user fills in with another organisation's records."""
        if not model.with_user(user).has_access("create"):
            with self.assertRaises(AccessError):
                model.with_user(user).create({})
            return "no access"
        values = {}
        for field_name, field in model._fields.items():
            if field.type not in ("many2one", "many2many") or not field.store:
                continue
            if field_name in models.MAGIC_COLUMNS:
                continue  # set by the ORM, whatever the values
            if field.comodel_name not in parcours_models(self.env) + ["stock.lot"]:
                continue
            __, foreign = self._records(field.comodel_name, user)
            if not foreign:
                continue
            values[field_name] = (
                foreign.id if field.type == "many2one" else [Command.set(foreign.ids)]
            )
        if not values:
            return "no foreign record"
        for field_name, field in model._fields.items():
            if field.required and field_name not in values and not field.default:
                if field.type == "many2one":
                    readable = (
                        self.env[field.comodel_name].with_user(user).search([], limit=1)
                    )
                    values[field_name] = readable.id
        with self.assertRaises(REFUSED), mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                wizard = model.with_user(user).with_context(**TEMPTING_CONTEXT)
                wizard = wizard.create(values)
                getattr(wizard, name)()
        return "refused (%s)" % ", ".join(sorted(values))

    # ------------------------------------------------------------ organisation
    def test_links_to_another_organisation_are_refused(self):
        """Generated from the declarations (``check_organisation=True``)."""
        tried = 0
        for model_name in parcours_models(self.env):
            model = self.env[model_name]
            for name in organisation_checked_fields(model):
                row = f"{model_name}.{name}"
                for role, user in self.roles.items():
                    with self.subTest(field=row, role=role):
                        outcome = self._try_link(model, name, user)
                        tried += "organisation" in outcome
                        self._cell("organisation links", row, role, outcome)
        self.assertTrue(tried, "no declared link was tried by the check itself")

    def _try_link(self, model, name, user):
        own, __ = self._records(model._name, user)
        if not own or not own.with_user(user).has_access("write"):
            return "no own record"
        target = foreign_target(own, name)
        if target is None:
            return "no foreign record"
        field = own._fields[name]
        value = (
            target.id
            if field.type == "many2one"
            else [Command.link(target.id)]
            if field.type == "one2many"
            else [Command.set(target.ids)]
        )
        before, target_before = snapshot(own), snapshot(target)
        with self.assertRaises(REFUSED) as caught, mute_logger("odoo.models"):
            with self.env.cr.savepoint():
                own.with_user(user).with_context(**TEMPTING_CONTEXT).write(
                    {name: value}
                )
        self.assertEqual(snapshot(own), before, f"{own} changed")
        self.assertEqual(snapshot(target), target_before, f"{target} changed")
        by_check = "another organisation" in str(caught.exception)
        outcome = "write refused" + (" (organisation)" if by_check else "")
        if field.type != "many2one":
            return outcome
        vals = own.sudo().copy_data()[0]
        vals[name] = value
        Model = own.with_user(user).with_context(**TEMPTING_CONTEXT)
        count = Model.sudo().search_count([])
        # a copy may break a unique key first: then the link is not what refused
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.models", "odoo.sql_db"):
                Model.create(vals)
        except IntegrityError:
            outcome += ", create: duplicate"
        except REFUSED:
            outcome += ", create refused"
        else:
            self.fail(f"{own._name}: created with {name} of another organisation")
        self.assertEqual(Model.sudo().search_count([]), count)
        return outcome

    def test_dialog_defaults_name_only_what_the_user_reads(self):
        """Every dialog, opened with another organisation's ids in its context."""
        for model_name in parcours_models(self.env):
            model = self.env[model_name]
            # the dialogs of the Parcours, not Odoo's own settings
            if not model._transient or not model._original_module.startswith(
                "parcours_"
            ):
                continue
            for name in scoped_relational_fields(model):
                row = f"{model_name}.{name}"
                for role, user in self.roles.items():
                    with self.subTest(field=row, role=role):
                        self._cell(
                            "dialog defaults",
                            row,
                            role,
                            self._try_default(model, name, user),
                        )

    def _try_default(self, model, name, user):
        field = model._fields[name]
        Comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
        records = Comodel.search([], order="id desc", limit=200)
        foreign = (records - records.with_user(user)._filtered_access("read").sudo())[
            :1
        ]
        if not foreign:
            return "no foreign record"
        context = {
            f"default_{name}": foreign.id if field.type == "many2one" else foreign.ids,
            "active_model": foreign._name,
            "active_id": foreign.id,
            "active_ids": foreign.ids,
        }
        Wizard = model.with_user(user).with_context(**context)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Wizard.default_get(list(model._fields))
        # the web client's way: onchange on a new record computes the defaults
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Wizard.onchange({}, [], {name: {"fields": {"display_name": {}}}})
        return "refused"

    # ------------------------------------------------------------ identities
    def _partner_roles(self):
        return {
            "workshop": self.esat_user,
            "refurbisher": self.pihc_user,
            "third place": self.place_user,
        }

    def test_partners_never_read_a_beneficiary_identity(self):
        """Every model a partner role may read, every record of it it may read."""
        identity = (
            "Zoé Secrète-Identité",
            "zoe.secrete@example.org",
            "+33 6 11 22 33 44",
            "12 rue Cachée",
        )
        self.env.company.parcours_training_gate = "none"
        person = self._beneficiary(identity[0])
        person.write(
            {"email": identity[1], "phone": identity[2], "street": identity[3]}
        )
        # lent, then returned to the refurbisher: the device went through the
        # partners' hands, with the person's transfers in its history
        agreement = self._signed_agreement(person)
        agreement._parcours_register_payment("cash")
        agreement.action_handover()
        agreement.action_return()
        self.env.invalidate_all()
        leaks = []
        for role, user in self._partner_roles().items():
            for model_name in readable_models(self.env, user):
                with self.subTest(model=model_name, role=role):
                    try:
                        rows = readable_values(self.env[model_name], user)
                    except AccessError:
                        self._cell("beneficiary identity", model_name, role, "-")
                        continue
                    found = sorted(
                        {
                            f"{name}: {part}"
                            for row in rows.values()
                            for name, value in row.items()
                            for part in identity_in(value, identity)
                        }
                    )
                    self._cell(
                        "beneficiary identity",
                        model_name,
                        role,
                        "SHOWN" if found else f"none of {len(rows)}",
                    )
                    if found:
                        leaks.append(f"{role} reads in {model_name}: {found}")
        self.assertFalse(leaks, "\n".join(leaks))

    def test_partners_read_other_organisations_users_by_name_only(self):
        personal = ["login", "email", "phone", "mobile", "street", "signature"]
        for role, user in self._partner_roles().items():
            others = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("parcours_organisation_id", "!=", False),
                        ("parcours_organisation_id.role", "!=", "department"),
                        (
                            "parcours_organisation_id",
                            "!=",
                            user.parcours_organisation_id.id,
                        ),
                    ]
                )
            )
            self.assertTrue(others)
            with self.subTest(role=role):
                Users = others.with_user(user)
                names = [
                    n for n in personal if Users._fields[n].is_accessible(Users.env)
                ]
                readable = Users._filtered_access("read")
                shown = [
                    f"{row['id']}.{name}"
                    for row in (readable.read(names) if readable else [])
                    for name in names
                    if row[name]
                ]
                self._cell(
                    "other organisations' users",
                    "res.users",
                    role,
                    "SHOWN" if shown else "name only",
                )
                self.assertFalse(shown, f"{role} reads {shown}")

    # ------------------------------------------------------------ isolation
    def test_no_write_moves_a_record_out_of_the_organisation(self):
        """A many2one to an organisation, rewritten to another one: refused."""
        Organisation = self.env["parcours.organisation"]
        for model_name in sorted(self.env.registry):
            model = self.env[model_name]
            if model._abstract or model._transient or not model._auto:
                continue
            links = [
                name
                for name, field in model._fields.items()
                if field.type == "many2one"
                and field.comodel_name == "parcours.organisation"
                and field.store
                and not field.related
                and not field.compute
            ]
            if not links:
                continue
            for role, user in self.roles.items():
                if not links or not model.with_user(user).has_access("write"):
                    continue
                own, __ = self._records(model_name, user)
                # the links that tie the record to the user's organisation
                organisation = user.parcours_organisation_id
                for name in [n for n in links if own and own[n] == organisation]:
                    with self.subTest(model=model_name, field=name, role=role):
                        if not own or not own.with_user(user).has_access("write"):
                            self._cell(
                                "models", f"{model_name}.{name}", role, "no own record"
                            )
                            continue
                        other = Organisation.search(
                            [("id", "!=", own[name].id), ("role", "=", own[name].role)],
                            limit=1,
                        ) or Organisation.search([("id", "!=", own[name].id)], limit=1)
                        before = snapshot(own)
                        with self.assertRaises(REFUSED), mute_logger("odoo.models"):
                            with self.env.cr.savepoint():
                                own.with_user(user).write({name: other.id})
                        self.assertEqual(snapshot(own), before)
                        self._cell("models", f"{model_name}.{name}", role, "refused")

    def test_core_models_a_partner_may_write(self):
        """Every core model a role may write, tried against another organisation."""
        foreign_order = self.env["parcours.work.order"].search(
            [("organisation_id", "=", self.esat2.id)], limit=1
        ) or self.env["parcours.work.order"].create(
            {"work_type": "triage", "organisation_id": self.esat2.id}
        )
        for role, user in self.roles.items():
            for model_name in sorted(self.env.registry):
                model = self.env[model_name]
                if (
                    model._abstract
                    or model._transient
                    or not model._auto
                    or model_name in parcours_models(self.env)
                    or not model.with_user(user).has_access("write")
                ):
                    continue
                with self.subTest(model=model_name, role=role):
                    result = self._try_core_model(model, user, foreign_order)
                    self._cell("core models", model_name, role, result)

    def _try_core_model(self, model, user, foreign_record):
        fields_ = model._fields
        if "res_model" in fields_ and "res_id" in fields_:
            # attachments, activities, followers, messages: on another
            # organisation's document
            values = {"res_model": foreign_record._name, "res_id": foreign_record.id}
            if model._name == "ir.attachment":
                values["name"] = "boundary.txt"
            elif model._name == "mail.activity":
                values.update(
                    activity_type_id=self.env.ref("mail.mail_activity_data_todo").id,
                    res_model_id=self.env["ir.model"]._get_id(foreign_record._name),
                    user_id=user.id,
                )
            elif model._name == "mail.followers":
                values["partner_id"] = user.partner_id.id
            elif model._name == "mail.message":
                values.update(body="boundary", message_type="comment")
            else:
                return "document link: not tried"
            count = model.sudo().search_count([])
            with self.assertRaises(REFUSED), mute_logger("odoo.models"):
                with self.env.cr.savepoint():
                    model.with_user(user).create(values)
            self.assertEqual(model.sudo().search_count([]), count)
            return "refused on another's document"
        if "location_id" in fields_ and "location_dest_id" in fields_:
            own_location = user.parcours_organisation_id.location_id
            values = {
                "location_id": self.pihc.location_id.id
                if own_location != self.pihc.location_id
                else self.esat.location_id.id,
                "location_dest_id": own_location.id,
                "product_id": self.laptop.id,
            }
            if model._name == "stock.move.line":
                values.update(
                    lot_id=self.devices[0].id,
                    quantity=1,
                    company_id=self.env.company.id,
                    product_uom_id=self.laptop.uom_id.id,
                )
            count = model.sudo().search_count([])
            with self.assertRaises(REFUSED), mute_logger("odoo.models"):
                with self.env.cr.savepoint():
                    model.with_user(user).create(values)
            self.assertEqual(model.sudo().search_count([]), count)
            return "refused from another's stock"
        org_fields = [
            name
            for name, field in fields_.items()
            if field.type == "many2one"
            and field.comodel_name == "parcours.organisation"
        ]
        if org_fields:
            return "see isolation (%s)" % ", ".join(org_fields)
        return "not tied to an organisation"


def matrices():
    """The matrices filled by the tests above, as text (printed by conftest.py)."""
    blocks = []
    for title, rows in MATRICES.items():
        columns = sorted({column for values in rows.values() for column in values})
        blocks.append(format_matrix(title, dict(sorted(rows.items())), columns))
    return "\n\n".join(blocks)
