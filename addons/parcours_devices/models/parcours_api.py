# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii
import datetime
import functools
import json
import re
import uuid

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.parcours_base.identifiers import normalise_identifier
from odoo.addons.parcours_base.importing import normalise, selection_choices

UPLOAD_PREFIX = "parcours-upload-"
UPLOAD_TOKEN = re.compile(r"^[0-9a-f]{32}$")
UPLOAD_KEPT = datetime.timedelta(days=1)


def _in_user_language(method):
    """Answer in the user's language: RPC calls come without a context."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not self.env.context.get("lang"):
            self = self.with_context(lang=self.env.user.lang)  # noqa: PLW0642
        return method(self, *args, **kwargs)

    return wrapper


def _offered(command):
    """Refuse the call, with a plain message, to a role it is not offered to."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            self._parcours_api_check_offered(command)
            return method(self, *args, **kwargs)

        return wrapper

    return decorate


def _idempotent(method):
    """Accept ``idempotency_key``: a write sent again with the same key answers
    the first call's answer and writes nothing twice (``parcours.api.call``).
    A dry run writes nothing: it needs no key."""

    @functools.wraps(method)
    def wrapper(self, *args, idempotency_key=None, **kwargs):
        if not idempotency_key or kwargs.get("dry_run"):
            return method(self, *args, **kwargs)
        # sudo: the log of writes done is the server's; each row is found by
        # the calling user's id, so one user never gets another's answer.
        return (
            self.env["parcours.api.call"]
            .sudo()
            ._parcours_once(
                idempotency_key,
                method.__name__,
                lambda: method(self, *args, **kwargs),
            )
        )

    return wrapper


class ParcoursApi(models.AbstractModel):
    """What the partners' remote client (``parcours``) calls, one method per job.

    Keyword arguments and plain values in and out (dicts, lists, strings), so
    that any JSON-RPC client can call them. The calls span devices, lots, work
    order lines, erasures and reports, and no record stores anything here: an
    abstract model gives them one small, stable surface. Each method runs as the
    calling user and goes through the same business methods as the web client
    (``_receive_devices``, line writes then ``action_done``, erasure creation),
    so every access right, record rule and workflow check holds.

    A façade: the imports are those of the one import engine
    (``parcours.import``), which parses the file sent (base64) or its cells,
    reports what is wrong row by row and column by column and, only if nothing
    is, writes all in the current transaction (or, with ``dry_run``, writes and
    rolls back). Big files come in chunks: ``upload`` keeps each chunk in a
    private attachment and the import takes them all at once. ``commands``
    tells each role which calls it is offered; the others are refused in plain
    words. Every write (``upload`` and the imports) takes an
    ``idempotency_key``: sent again with it, the call answers the first answer
    and writes nothing twice.
    """

    _name = "parcours.api"
    _description = "Parcours remote client API"

    # ------------------------------------------------------------ who
    @api.model
    @api.readonly
    @_in_user_language
    def whoami(self):
        """The calling user, their organisation and its role."""
        user = self.env.user
        organisation = user.parcours_organisation_id
        return {
            "uid": user.id,
            "name": user.name,
            "login": user.login,
            "lang": user.lang,
            "organisation": organisation.name or False,
            "role": organisation.role or False,
        }

    @api.model
    @api.readonly
    @_in_user_language
    def commands(self):
        """The commands of the client, each with whether it is offered to the
        user: [{"command", "label", "offered"}]. A command not offered is
        refused with a message saying so, never with a raw access error."""
        return [
            {"command": name, "label": spec["label"], "offered": spec["offered"]}
            for name, spec in self._parcours_api_commands().items()
        ]

    # ------------------------------------------------------------ imports
    @api.model
    @_in_user_language
    @_idempotent
    def upload(self, rows=None, upload=None, file=None):
        """Keep a chunk of an import for later; return the upload's token.

        A chunk is a list of rows, or a piece of the file (in base64): the
        import joins the pieces in order and parses the file. The first chunk
        comes without ``upload`` and gets a new token; the next ones pass it.
        Only the user who sent a chunk can read it.
        """
        if file is None:
            self._parcours_api_check_rows(rows)
            chunk = rows
        elif isinstance(file, str):
            chunk = {"file": file}
        else:
            raise UserError(self.env._("A piece of a file is sent in base64."))
        if upload:
            self._parcours_api_check_token(upload)
        else:
            upload = uuid.uuid4().hex
            self._parcours_api_uploads(older_than=UPLOAD_KEPT).unlink()
        self.env["ir.attachment"].create(
            {
                "name": f"{UPLOAD_PREFIX}{upload}.json",
                "res_model": self._name,
                "mimetype": "application/json",
                "raw": json.dumps(chunk).encode(),
            }
        )
        return upload

    @api.model
    @_in_user_language
    @_offered("lot import")
    @_idempotent
    def import_lot(
        self,
        lot,
        rows=None,
        upload=None,
        dry_run=False,
        received_weight=0.0,
        received_date=None,
        file=None,
        filename=None,
    ):
        """Receive the devices of donation lot ``lot`` (its reference).

        The file (its content in base64, or in chunks sent by ``upload``) or
        its ``rows`` have the columns of the intake wizard: serial, model, cpu,
        ram, storage, storage type, os, battery, weight.
        """
        sheet = self._parcours_api_sheet("lot", rows, upload, file, filename)
        if sheet.unreadable:
            return sheet.report(dry_run)
        reference = normalise_identifier(lot)
        donation_lot = self.env["parcours.donation.lot"].search(
            [("name", "=ilike", reference)], limit=1
        )
        if not donation_lot:
            raise UserError(
                self.env._(
                    "There is no donation lot %(lot)s among the lots you may see: "
                    "check its reference.",
                    lot=lot,
                )
            )
        donation_lot._parcours_check_step_access()
        try:
            weight = float(received_weight or 0.0)
            date = fields.Date.to_date(received_date) if received_date else None
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The weight received is a number of kilograms and the date of "
                    "receipt is written 2026-11-05."
                )
            ) from error
        return self.env["parcours.import"]._parcours_import(
            "lot",
            sheet,
            dry_run=dry_run,
            lot=donation_lot,
            received_weight=weight,
            received_date=date,
        )

    @api.model
    @_in_user_language
    @_offered("triage import")
    @_idempotent
    def import_triage(
        self, rows=None, upload=None, dry_run=False, file=None, filename=None
    ):
        """Record triage verdicts: serial, verdict, reason, worker, hours, note
        (see ``parcours.import._parcours_import_triage``)."""
        sheet = self._parcours_api_sheet("triage", rows, upload, file, filename)
        return self.env["parcours.import"]._parcours_import(
            "triage", sheet, dry_run=dry_run
        )

    @api.model
    @_in_user_language
    @_offered("refurbish import")
    @_idempotent
    def import_refurbishment(
        self, rows=None, upload=None, dry_run=False, file=None, filename=None
    ):
        """Record refurbishments, one row per disk (see
        ``parcours.import._parcours_import_refurbishment``)."""
        sheet = self._parcours_api_sheet("refurbish", rows, upload, file, filename)
        return self.env["parcours.import"]._parcours_import(
            "refurbish", sheet, dry_run=dry_run
        )

    # ------------------------------------------------------------ lists
    @api.model
    @api.readonly
    @_in_user_language
    @_offered("devices")
    def devices(self, stage=None, limit=None):
        """The devices the user may see, at ``stage`` if given."""
        Device = self.env["stock.lot"]
        stage_field = Device._fields["parcours_stage"]
        stages = dict(stage_field._description_selection(self.env))
        held = self.env["parcours.import"]._parcours_import_held()
        domain = [("parcours_stage", "!=", False), *held]
        if stage:
            key = selection_choices(self.env, stage_field).get(normalise(stage))
            if not key:
                raise UserError(
                    self.env._(
                        "There is no stage %(stage)s: choose one of %(stages)s.",
                        stage=stage,
                        stages=", ".join(stages),
                    )
                )
            domain.append(("parcours_stage", "=", key))
        records = Device.search_read(
            domain,
            [
                "name",
                "product_id",
                "parcours_stage",
                "parcours_grade",
                "parcours_os",
                "parcours_donation_lot_id",
                "parcours_holder_id",
            ],
            order="name, id",
            limit=limit,
        )
        return [
            {
                "serial": record["name"],
                "model": record["product_id"][1],
                "stage": record["parcours_stage"],
                "stage_label": stages.get(record["parcours_stage"], ""),
                "grade": record["parcours_grade"] or "",
                "os": record["parcours_os"] or "",
                "lot": (record["parcours_donation_lot_id"] or [0, ""])[1],
                "holder": (record["parcours_holder_id"] or [0, ""])[1],
            }
            for record in records
        ]

    @api.model
    @api.readonly
    @_in_user_language
    @_offered("lots")
    def lots(self):
        """The donation lots the user may see."""
        Lot = self.env["parcours.donation.lot"]
        states = dict(Lot._fields["state"]._description_selection(self.env))
        lots = Lot.search([])
        records = lots.read(
            [
                "name",
                "donor_id",
                "workshop_id",
                "state",
                "declared_qty",
                "device_count",
                "expected_date",
                "received_date",
                "received_weight",
            ]
        )
        return [
            {
                "reference": record["name"],
                "donor": record["donor_id"][1],
                "workshop": record["workshop_id"][1],
                "state": record["state"],
                "state_label": states[record["state"]],
                "declared": record["declared_qty"],
                "devices": record["device_count"],
                "expected": fields.Date.to_string(record["expected_date"]) or "",
                "received": fields.Date.to_string(record["received_date"]) or "",
                "weight": record["received_weight"],
            }
            for record in records
        ]

    # ------------------------------------------------------------ exports
    @api.model
    @api.readonly
    @_in_user_language
    def export_kinds(self):
        """The exports the user may download: [{"kind", "label"}]."""
        return [
            {"kind": kind, "label": spec["label"]}
            for kind, spec in self._parcours_api_exports().items()
            if self._parcours_api_may_print(spec.get("report"))
        ]

    @api.model
    @api.readonly
    @_in_user_language
    def export(self, kind, period):
        """One export for a month (``2026-11``) or a year (``2026``).

        Returns {"filename", "mimetype", "content"}, the content in base64.
        """
        exports = self._parcours_api_exports()
        spec = exports.get(kind)
        if not spec:
            raise UserError(
                self.env._(
                    "There is no export %(kind)s: choose one of %(kinds)s.",
                    kind=kind,
                    kinds=", ".join(exports),
                )
            )
        self._parcours_api_check_print(spec.get("report"), spec["label"])
        date_from, date_to = self._parcours_api_period(period)
        filename, content = getattr(self, spec["method"])(date_from, date_to)
        return {
            "filename": filename,
            "mimetype": spec.get("mimetype", "application/octet-stream"),
            "content": base64.b64encode(content).decode(),
        }

    @api.model
    @api.readonly
    @_in_user_language
    def dashboard(self):
        """The figures the user may see: [{"section", "label", "value"}]."""
        return self._parcours_api_dashboard_figures()

    # ------------------------------------------------------------ hooks
    @api.model
    def _parcours_api_commands(self):
        """The client's commands, by name: {"label", "offered"}; what the
        layers above extend. Offered means the user's rights let the command
        do its job; the server checks every record anyway."""
        Lot = self.env["parcours.donation.lot"]
        Line = self.env["parcours.work.order.line"]
        return {
            "lot import": {
                "label": self.env._("Receive the devices of a donation lot"),
                "offered": Lot.has_access("write"),
            },
            "triage import": {
                "label": self.env._("Record triage verdicts"),
                "offered": Lot.has_access("write") and Line.has_access("write"),
            },
            "refurbish import": {
                "label": self.env._("Record refurbishments and erasures"),
                "offered": Line.has_access("write")
                and self.env["parcours.erasure"].has_access("create"),
            },
            "devices": {
                "label": self.env._("List the devices your organisation holds"),
                "offered": self.env["stock.lot"].has_access("read"),
            },
            "lots": {
                "label": self.env._("List the donation lots"),
                "offered": Lot.has_access("read"),
            },
            "export": {
                "label": self.env._("Download the exports"),
                "offered": any(
                    self._parcours_api_may_print(spec.get("report"))
                    for spec in self._parcours_api_exports().values()
                ),
            },
            "dashboard": {
                "label": self.env._("The figures you may see"),
                "offered": True,
            },
        }

    @api.model
    def _parcours_api_check_offered(self, command):
        spec = self._parcours_api_commands().get(command)
        if spec and not spec["offered"]:
            organisation = self.env.user.parcours_organisation_id
            raise AccessError(
                self.env._(
                    "The command %(command)s (%(label)s) is not offered to "
                    "%(who)s: it is for other roles of the Parcours. "
                    "'parcours commands' lists those you may use.",
                    command=command,
                    label=spec["label"].lower(),
                    who=organisation.display_name or self.env.user.name,
                )
            )

    @api.model
    def _parcours_api_exports(self):
        """The exports of ``export``, by kind: what the layers above extend.

        Each kind gives its ``label``, the ``report`` (XML id) whose groups say
        who may download it, the file's ``mimetype`` and the ``method`` of this
        model that makes it: ``method(date_from, date_to)`` returns
        ``(file name, content bytes)``.
        """
        return {
            "hours": {
                "label": self.env._("Hours of work per worker and month"),
                "report": "parcours_devices.action_report_hours_xlsx",
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
                "method": "_parcours_api_export_hours",
            },
            "partner-payments": {
                "label": self.env._("Partner payments per work type and bill"),
                "report": "parcours_devices.action_report_partner_payments_xlsx",
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
                "method": "_parcours_api_export_partner_payments",
            },
        }

    @api.model
    def _parcours_api_dashboard_figures(self):
        """The figures of ``dashboard``: the layers above add theirs."""
        figures = []
        Device = self.env["stock.lot"]
        if Device.has_access("read"):
            section = self.env._("Devices")
            stages = Device._fields["parcours_stage"]._description_selection(self.env)
            counts = dict(
                Device._read_group(
                    [("parcours_stage", "!=", False)], ["parcours_stage"], ["__count"]
                )
            )
            figures.append(
                {
                    "section": section,
                    "label": self.env._("Total"),
                    "value": sum(counts.values()),
                }
            )
            figures += [
                {"section": section, "label": label, "value": counts[key]}
                for key, label in stages
                if counts.get(key)
            ]
        Line = self.env["parcours.work.order.line"]
        if Line.has_access("read"):
            today = fields.Date.context_today(self)
            hours = Line._read_group(
                [("state", "=", "done"), ("date", ">=", today.replace(day=1))],
                ["work_type"],
                ["duration:sum", "__count"],
            )
            work_types = dict(
                Line._fields["work_type"]._description_selection(self.env)
            )
            section = self.env._("Work this month")
            for work_type, duration, count in hours:
                figures += [
                    {
                        "section": section,
                        "label": self.env._(
                            "%(work)s: devices", work=work_types[work_type]
                        ),
                        "value": count,
                    },
                    {
                        "section": section,
                        "label": self.env._(
                            "%(work)s: hours", work=work_types[work_type]
                        ),
                        "value": round(duration, 2),
                    },
                ]
        return figures

    # ------------------------------------------------------------ rows
    def _parcours_api_check_rows(self, rows):
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise UserError(
                self.env._("The rows are sent as a list of dicts, one per row.")
            )

    def _parcours_api_check_token(self, upload):
        if not UPLOAD_TOKEN.match(str(upload)):
            raise UserError(
                self.env._(
                    "%(upload)s is not an upload: send the file again.",
                    upload=upload,
                )
            )

    def _parcours_api_uploads(self, token=None, older_than=None):
        """The user's own uploads (attachments only their creator may read)."""
        name = f"{UPLOAD_PREFIX}{token}.json" if token else f"{UPLOAD_PREFIX}%"
        domain = [
            ("res_model", "=", self._name),
            ("create_uid", "=", self.env.uid),
            ("name", "=like", name),
        ]
        if older_than:
            domain.append(("create_date", "<", fields.Datetime.now() - older_than))
        return self.env["ir.attachment"].search(domain, order="id")

    def _parcours_api_sheet(self, kind, rows, upload, file, filename):
        """The sheet of the import ``kind``: the chunks uploaded under
        ``upload`` then ``rows`` or ``file``, read by the import engine."""
        Import = self.env["parcours.import"]
        staged = self._parcours_api_staged(upload)
        pieces = [chunk["file"] for chunk in staged if isinstance(chunk, dict)]
        if not (file or pieces):
            rows = list(rows or [])
            self._parcours_api_check_rows(rows)
            return Import._parcours_import_sheet(
                kind, rows=[row for chunk in staged for row in chunk] + rows
            )
        if rows or len(pieces) != len(staged):
            raise UserError(
                self.env._("Send the rows of a file or the file, not both.")
            )
        if file:
            pieces.append(file)
        try:
            content = b"".join(base64.b64decode(piece) for piece in pieces)
        except (binascii.Error, TypeError, ValueError) as error:
            raise UserError(
                self.env._(
                    "The file %(file)s did not arrive whole: send it again.",
                    file=filename or "",
                )
            ) from error
        return Import._parcours_import_sheet(
            kind, file=base64.b64encode(content), filename=filename
        )

    def _parcours_api_staged(self, upload, keep=False):
        """The chunks uploaded under ``upload``, in order (deleted once read,
        unless ``keep``)."""
        if not upload:
            return []
        self._parcours_api_check_token(upload)
        chunks = self._parcours_api_uploads(token=upload)
        if not chunks:
            raise UserError(
                self.env._(
                    "The upload %(upload)s is not there any more: send the file "
                    "again.",
                    upload=upload,
                )
            )
        if keep:
            return []
        staged = [json.loads(chunk.raw) for chunk in chunks]
        chunks.unlink()
        return staged
