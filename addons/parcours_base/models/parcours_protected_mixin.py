# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import math
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

# Returned by ``_parcours_frozen_fields`` when a record can no longer change at all.
ALL_FIELDS = "__all__"

# The write a business step is making right now: (model, ids, field names). Set
# only by ``_parcours_step_write`` in the server's own code, for the time of one
# write; unlike a context key, no client can send it.
_STEP_WRITE = contextvars.ContextVar("parcours_step_write", default=None)


@contextmanager
def _parcours_step_fields(records, names):
    """Let ``records`` take ``names`` from a checked step, for one write."""
    token = _STEP_WRITE.set((records._name, frozenset(records.ids), frozenset(names)))
    try:
        yield
    finally:
        _STEP_WRITE.reset(token)


class ParcoursProtectedMixin(models.AbstractModel):
    """Workflow fields that only the business methods write, whatever the client.

    The web client, a script and the partners' remote client all reach the
    server through the same JSON-RPC, with any values and any context. A view's
    ``readonly`` protects nothing, and a context key grants nothing. So:

    - a model lists in ``_parcours_protected_fields`` what its workflow sets
      (an extension lists only the fields it adds: the lists of every class of
      the model count)
      (states, stages, references, links to invoices, payments, transfers). A
      ``create`` or ``write`` by anyone but the superuser that sets one of them
      is refused. A business method checks that this user may take this step on
      this record, then writes them with ``_parcours_write_step``: as the user,
      under the record rules, the guard letting through the fields of that one
      write only;
    - ``_parcours_frozen_fields`` names, record by record, what its current
      state freezes (the amount of a signed agreement, a validated line). It
      returns ``ALL_FIELDS`` when nothing may change any more, and then the
      record cannot be deleted either;
    - a write may not move a record out of the user's reach: record rules are
      checked on the records after the write too, not only before;
    - searching, grouping or ordering on a field the user cannot read is
      refused. Odoo checks stored columns itself, not one2many and many2many
      fields, so the mixin checks every field of a domain;
    - a number out of ``_parcours_ranges`` is refused, for everyone, before the
      database sees it: a typing error gets a message saying what to fix, not
      a database error (an integer column overflows beyond 2**31);
    - its links are checked against the record's organisation
      (``parcours.organisation.check.mixin``).

    The guard applies to the records that opt in, as ``base_tier_validation``
    applies to given states only: a model of the Parcours opts in as a whole;
    a core model extended by the Parcours (a partner, an invoice, a payment, a
    device, a transfer, a worker) gives in ``_parcours_guard_domain`` the
    domain of its Parcours records (a person followed by a third place, the
    invoice of an agreement). A record a user of a partner organisation
    writes, and a value that sets a field of that domain or a protected field
    (a plain invoice given an agreement), are guarded too. Every other record
    of the database keeps Odoo's own behaviour. Searching and grouping on
    fields the user may not read stay refused on every model: they concern
    fields, not records.
    """

    _name = "parcours.protected.mixin"
    _inherit = ["parcours.organisation.check.mixin"]
    _description = "Parcours protected workflow fields"

    _parcours_protected_fields = ()
    # On a core model: the domain of its Parcours records (None: all records)
    _parcours_guard_domain = None
    # {field name: (minimum, maximum)}, both included
    _parcours_ranges = {}

    @api.model
    def _parcours_protected(self):
        """The protected fields of this model: those of all its classes."""
        cls = type(self)
        protected = cls.__dict__.get("_parcours_protected_cache")
        if protected is None:
            protected = frozenset(
                name
                for klass in cls.__mro__
                for name in vars(klass).get("_parcours_protected_fields", ())
            )
            cls._parcours_protected_cache = protected
        return protected

    def _parcours_frozen_fields(self):
        """Fields that the current state of this one record freezes."""
        return ()

    # ------------------------------------------------------------ opt-in
    def _parcours_guarded_records(self):
        """The records among ``self`` that the guard applies to: all of a
        model of the Parcours; on a core model, its Parcours records."""
        if self._parcours_guard_domain is None or self._parcours_is_partner_user():
            return self
        # sudo: whether a core record belongs to the Parcours is read on fields the user
        # may not read (e.g. an invoice's agreement); only the ids come back
        return self.browse(
            self.sudo()
            .with_context(active_test=False)
            .filtered_domain(self._parcours_guard_domain)
            .ids
        )

    @api.model
    def _parcours_is_guarded_vals(self, vals):
        """Whether creating (or writing) ``vals`` makes a record the guard
        applies to: always on a model of the Parcours; on a core model, when a
        partner organisation's user writes, or when a field of
        ``_parcours_guard_domain`` or a protected field is set (a person given
        a third place, an invoice given an agreement)."""
        if self._parcours_guard_domain is None or self._parcours_is_partner_user():
            return True
        # the fields that make a record the Parcours' (those of the domain),
        # and its workflow fields, which a plain record never has
        names = {
            leaf[0].split(".")[0]
            for leaf in self._parcours_guard_domain
            if expression.is_leaf(leaf)
        } | self._parcours_protected()
        return any(vals.get(name) for name in names)

    def _parcours_is_partner_user(self):
        """A user of a partner organisation: what they make is the Parcours'."""
        return not self.env.su and self.env.user._parcours_is_partner_user()

    def _parcours_guarded(self, vals=None):
        """The records of ``self`` the guard applies to, ``vals`` written."""
        if vals is not None and self._parcours_is_guarded_vals(vals):
            return self
        return self._parcours_guarded_records()

    # ------------------------------------------------------------ steps
    def _parcours_check_step_access(self):
        """The first line of a business step: may this user change these records?

        A client can call any public method on any id; record rules and access
        rights are checked here before the step reads or writes anything.
        """
        self.check_access("write")

    def _parcours_write_step(self, vals):
        """Write what a business step sets, once the step has been checked.

        The write runs as the user, under the access rights and record rules:
        only the guard of protected and frozen fields lets the fields of
        ``vals`` through, for these records and this one write.
        """
        self._parcours_check_step_access()
        with _parcours_step_fields(self, vals):
            return self.write(vals)

    # ------------------------------------------------------------ checks
    @api.model
    def _parcours_field_labels(self, names):
        return ", ".join(
            sorted(
                self._fields[name].get_description(self.env)["string"]
                for name in names
                if name in self._fields
            )
        )

    @api.model
    def _parcours_ignored_fields(self):
        """Fields any write may touch: bookkeeping of the ORM and the chatter."""
        return {
            name
            for name in self._fields
            if name in models.MAGIC_COLUMNS
            or name.startswith(("message_", "activity_", "website_message"))
        }

    def _parcours_check_protected(self, names):
        """Refuse a change of ``names`` unless it comes from a business method."""
        if self.env.su:
            return
        names = set(names) - self._parcours_ignored_fields()
        step = _STEP_WRITE.get()
        if step and step[0] == self._name and set(self.ids) <= step[1]:
            names -= step[2]
        protected = names & self._parcours_protected()
        if protected:
            raise UserError(
                self.env._(
                    "%(document)s: %(fields)s can only be changed by the steps of "
                    "its workflow (the buttons of its form), not written directly.",
                    fields=self._parcours_field_labels(protected),
                    document=self.env["ir.model"]._get(self._name).name,
                )
            )
        for record in self:
            frozen = record._parcours_frozen_fields()
            if frozen == ALL_FIELDS and names:
                raise UserError(
                    self.env._(
                        "%(record)s is validated: it is kept as a proof and cannot "
                        "be changed any more.",
                        record=record._parcours_record_label(),
                    )
                )
            blocked = names & set(frozen or ())
            if blocked and frozen != ALL_FIELDS:
                raise UserError(
                    self.env._(
                        "%(fields)s of %(record)s cannot change at this stage.",
                        fields=self._parcours_field_labels(blocked),
                        record=record._parcours_record_label(),
                    )
                )

    @api.model
    def _parcours_check_ranges(self, vals):
        """Refuse the numbers of ``vals`` that fall out of ``_parcours_ranges``."""
        for name, (low, high) in self._parcours_ranges.items():
            value = vals.get(name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if not (math.isfinite(value) and low <= value <= high):
                raise ValidationError(
                    self.env._(
                        "%(document)s: %(field)s must be between %(low)s and "
                        "%(high)s, not %(value)s. Correct the value and try again.",
                        document=self.env["ir.model"]._get(self._name).name,
                        field=self._parcours_field_labels([name]),
                        low=low,
                        high=high,
                        value=value,
                    )
                )

    def _parcours_record_label(self):
        self.ensure_one()
        return "%s %s" % (
            self.env["ir.model"]._get(self._name).name,
            self.display_name or "",
        )

    def _parcours_check_still_reachable(self):
        """After a write: the user must still be allowed to write the records.

        Odoo applies record rules to the records as they were before a write;
        this applies them to what the write made of them, so that no write
        moves a record out of the user's organisation.
        """
        if self.env.su or not self:
            return
        try:
            self.check_access("write")
        except AccessError as error:
            raise UserError(
                self.env._(
                    "This change would put %(record)s out of your organisation's "
                    "records: it is refused. Ask the département's back office if "
                    "it must move.",
                    record=self[:1]._parcours_record_label(),
                )
            ) from error

    @api.model
    def _parcours_check_domain_access(self, domain):
        """Refuse a domain on fields the user may not read, along every path."""
        if self.env.su or not domain:
            return
        for leaf in expression.normalize_domain(list(domain)):
            if not expression.is_leaf(leaf) or leaf in (
                expression.TRUE_LEAF,
                expression.FALSE_LEAF,
            ):
                continue
            model = self
            for name in str(leaf[0]).split("."):
                field = model._fields.get(name)
                if field is None:
                    break
                model.check_field_access_rights("read", [name])
                if not field.relational:
                    break
                model = self.env[field.comodel_name]

    # ------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        guarded = [vals for vals in vals_list if self._parcours_is_guarded_vals(vals)]
        for vals in guarded:
            self._parcours_check_ranges(vals)
        if not self.env.su:
            protected = self._parcours_protected()
            # default_<field> in the context would fill a protected field behind
            # the check below: any client can send any context key.
            context = {
                key: value
                for key, value in self.env.context.items()
                if not (key.startswith("default_") and key[8:] in protected)
            }
            if len(context) != len(self.env.context):
                # the whole context is replaced on purpose, to drop those keys
                # pylint: disable=context-overridden
                self = self.with_context(context)  # noqa: PLW0642
            for vals in guarded:
                typed = {
                    name
                    for name in protected & set(vals)
                    if vals[name] and vals[name] != self._parcours_default(name)
                }
                self._parcours_check_protected(typed)
        return super().create(self._parcours_complete_create_vals(vals_list))

    @api.model
    def _parcours_complete_create_vals(self, vals_list):
        """Fill in, after the check, what the model itself sets on creation."""
        return vals_list

    def write(self, vals):
        guarded = self._parcours_guarded(vals)
        if guarded:
            guarded._parcours_check_ranges(vals)
            guarded._parcours_check_protected(vals)
        result = super().write(vals)
        guarded._parcours_check_still_reachable()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_parcours_frozen(self):
        if self.env.su:
            return
        for record in self._parcours_guarded_records():
            if record._parcours_frozen_fields() == ALL_FIELDS:
                raise UserError(
                    self.env._(
                        "%(record)s is validated: it is kept as a proof and cannot "
                        "be deleted.",
                        record=record._parcours_record_label(),
                    )
                )

    @api.model
    def _parcours_default(self, name):
        field = self._fields[name]
        if not field.default:
            return False
        value = field.default(self)
        return value.id if isinstance(value, models.BaseModel) else value

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._parcours_check_domain_access(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        if not self.env.su:
            names = [spec.split(":")[0].split(".")[0] for spec in groupby]
            self.check_field_access_rights("read", [n for n in names if n in self])
        return super()._read_group(domain, groupby, aggregates, *args, **kwargs)
