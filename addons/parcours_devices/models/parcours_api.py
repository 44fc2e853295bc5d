# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import calendar
import datetime
import functools
import json
import re
import uuid
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..wizards.parcours_lot_intake import COLUMNS as LOT_COLUMNS
from .parcours_api_sheet import Sheet, normalise, selection_choices
from .parcours_values import STORAGE_TYPES
from .parcours_work_order_line import FUNCTIONAL_TESTS

# Headers of the results files, English and French (compared without accents).
WORKER = (
    "worker",
    "employee",
    "intervenant",
    "intervenante",
    "travailleur",
    "travailleuse",
    "salarie",
)
HOURS = ("hours", "duration", "time", "time spent", "heures", "duree", "temps")
NOTE = ("note", "comment", "remarque", "commentaire")
TRIAGE_COLUMNS = {
    "serial": LOT_COLUMNS["serial"],
    "verdict": ("verdict", "result", "triage", "resultat", "decision"),
    "reason": ("reason", "fail reason", "motif", "raison", "cause"),
    "worker": WORKER,
    "hours": HOURS,
    "note": NOTE,
}
TEST_COLUMNS = {
    "test_boot": ("boot", "bios", "demarrage", "demarrage et bios"),
    "test_screen": ("screen", "display", "ecran"),
    "test_keyboard": ("keyboard", "clavier"),
    "test_pointing": ("touchpad", "mouse", "pave tactile", "souris"),
    "test_audio": ("sound", "son"),
    "test_network": ("network", "wifi", "wi-fi", "reseau", "wi-fi et ethernet"),
    "test_ports": ("ports", "usb", "ports usb et video"),
    "test_battery": ("battery", "batterie", "batterie et chargeur"),
    "test_webcam": ("webcam", "camera"),
}
REFURBISH_COLUMNS = {
    "serial": LOT_COLUMNS["serial"],
    **{key: (FUNCTIONAL_TESTS[key], *aliases) for key, aliases in TEST_COLUMNS.items()},
    "all_tests": ("tests", "all tests", "tests passed", "tous les tests", "tests ok"),
    "disk_serial": (
        "disk",
        "disk serial",
        "disk serial number",
        "disque",
        "numero de serie du disque",
        "serie du disque",
    ),
    "disk_type": ("disk type", "type de disque"),
    "capacity_gb": ("capacity", "capacity (gb)", "capacite", "capacite (go)"),
    "level": ("level", "nist level", "nist 800-88 level", "niveau", "niveau nist"),
    "method": ("method", "erasure method", "methode", "methode d'effacement"),
    "tool": ("tool", "erasure tool", "software", "outil", "logiciel"),
    "erasure_date": ("erasure date", "date", "date d'effacement"),
    "operator": ("operator", "erased by", "operateur", "operatrice", "efface par"),
    "verification": ("verification", "verified", "verifie", "resultat"),
    "certificate": (
        "certificate",
        "certificate reference",
        "certificat",
        "reference du certificat",
    ),
    "os": ("os", "os installed", "operating system", "systeme", "systeme installe"),
    "grade": ("grade", "grading", "classe", "etat"),
    "worker": WORKER,
    "hours": HOURS,
    "note": NOTE,
}
# Values of the files, besides the keys and labels of each selection.
VERDICTS = {
    "pass": ("pass", "ok", "good", "bon", "retenu", "reemploi", "oui", "yes"),
    "fail": ("fail", "ko", "reject", "rebut", "echec", "non", "no"),
}
REASONS = {
    "no_power": ("no power", "ne s'allume pas"),
    "broken": ("broken", "casse", "ecran ou boitier casse"),
    "missing": ("missing", "pieces manquantes", "incomplet"),
    "obsolete": ("too old", "obsolete", "trop ancien"),
    "other": ("autre",),
}
DISK_TYPES = {"nvme": ("nvme ssd", "ssd nvme")}
LEVELS = {"clear": ("nettoyage",), "destroy": ("destruction",)}
METHODS = {
    "overwrite": ("wipe", "reecriture", "ecrasement"),
    "secure_erase": ("secure erase", "effacement securise"),
    "crypto_erase": ("crypto erase", "effacement cryptographique"),
    "degauss": ("degauss", "demagnetisation"),
    "shred": ("shred", "destruction physique", "broyage"),
}
VERIFICATIONS = {
    "passed": ("pass", "ok", "yes", "oui", "verifie", "reussi"),
    "failed": ("fail", "ko", "no", "non", "echec"),
    "pending": ("not verified", "non verifie", "en attente"),
}
GRADES = {"a": ("as new", "comme neuf"), "b": ("light wear",), "c": ("visible wear",)}
# Values a device keeps from the rows of its disks, which must agree.
REFURBISH_DEVICE_KEYS = (
    *TEST_COLUMNS,
    "all_tests",
    "os",
    "grade",
    "worker",
    "hours",
    "note",
)
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


class ParcoursApi(models.AbstractModel):
    """What the partners' remote client (``parcours``) calls, one method per job.

    Keyword arguments and plain values in and out (dicts, lists, strings), so
    that any JSON-RPC client can call them. The calls span devices, lots, work
    order lines, erasures and reports, and no record stores anything here: an
    abstract model gives them one small, stable surface. Each method runs as the
    calling user and goes through the same business methods as the web client
    (``_receive_devices``, line writes then ``action_done``, erasure creation),
    so every access right, record rule and workflow check holds.

    An import first reads every row and returns the report of what is wrong,
    row by row and column by column; then, only if nothing is, it writes all
    in the current transaction (or, with ``dry_run``, writes and rolls back).
    Big files come in chunks: ``upload`` keeps each chunk in a private
    attachment and the import takes them all at once, in one transaction.
    """

    _name = "parcours.api"
    _description = "Parcours remote client API"

    # ------------------------------------------------------------ who
    @api.model
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

    # ------------------------------------------------------------ imports
    @api.model
    @_in_user_language
    def upload(self, rows, upload=None):
        """Keep a chunk of rows for a later import; return the upload's token.

        The first chunk comes without ``upload`` and gets a new token; the next
        ones pass it. Only the user who sent a chunk can read it.
        """
        self._parcours_api_check_rows(rows)
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
                "raw": json.dumps(rows).encode(),
            }
        )
        return upload

    @api.model
    @_in_user_language
    def import_lot(
        self,
        lot,
        rows=None,
        upload=None,
        dry_run=False,
        received_weight=0.0,
        received_date=None,
    ):
        """Receive the devices of donation lot ``lot`` (its reference).

        ``rows`` have the columns of the intake wizard: serial, model, cpu, ram,
        storage, storage type, os, battery, weight.
        """
        rows = self._parcours_api_rows(rows, upload)
        donation_lot = self.env["parcours.donation.lot"].search(
            [("name", "=", lot)], limit=1
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
        sheet = Sheet(self.env, rows, LOT_COLUMNS)
        devices = self._parcours_api_read_lot(sheet)

        def write():
            donation_lot._receive_devices(
                devices, received_weight=weight, received_date=date
            )
            return [
                self.env._(
                    "Devices received in lot %(lot)s: %(count)s (receipt %(picking)s).",
                    count=len(devices),
                    lot=donation_lot.name,
                    picking=donation_lot.picking_id.name,
                )
            ]

        return self._parcours_api_write(sheet, dry_run, write)

    @api.model
    @_in_user_language
    def import_triage(self, rows=None, upload=None, dry_run=False):
        """Record triage verdicts: serial, verdict, reason, worker, hours, note.

        A device whose lot is not in triage yet gets its lot's triage order; an
        order whose every device has its verdict is validated.
        """
        self.env["parcours.work.order.line"].check_access("write")
        sheet = Sheet(self.env, self._parcours_api_rows(rows, upload), TRIAGE_COLUMNS)
        results = self._parcours_api_read_triage(sheet)

        def write():
            lines = self._parcours_api_open_lines(results, "triage")
            return self._parcours_api_record(lines, results)

        return self._parcours_api_write(sheet, dry_run, write)

    @api.model
    @_in_user_language
    def import_refurbishment(self, rows=None, upload=None, dry_run=False):
        """Record refurbishments: tests, one erasure per disk, OS, grade, work.

        One row per disk, the device's serial on each; the device's values
        (tests, os, grade, worker, hours) may be given once. A device not in a
        refurbishment order yet gets a new one; an order whose every device is
        finished is validated.
        """
        self.env["parcours.work.order.line"].check_access("write")
        self.env["parcours.erasure"].check_access("create")
        sheet = Sheet(
            self.env, self._parcours_api_rows(rows, upload), REFURBISH_COLUMNS
        )
        results, erasures = self._parcours_api_read_refurbishment(sheet)

        def write():
            lines = self._parcours_api_open_lines(results, "refurbish")
            by_device = {line.lot_id: line for line in lines}
            self.env["parcours.erasure"].create(
                [
                    dict(values, line_id=by_device[device].id)
                    for device, values in erasures
                ]
            )
            summary = self._parcours_api_record(lines, results)
            return [
                self.env._(
                    "Erasures recorded: %(count)s.",
                    count=len(erasures),
                ),
                *summary,
            ]

        return self._parcours_api_write(sheet, dry_run, write)

    # ------------------------------------------------------------ lists
    @api.model
    @_in_user_language
    def devices(self, stage=None, limit=None):
        """The devices the user may see, at ``stage`` if given."""
        Device = self.env["stock.lot"]
        stage_field = Device._fields["parcours_stage"]
        stages = dict(stage_field._description_selection(self.env))
        domain = [("parcours_stage", "!=", False), *self._parcours_api_held()]
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
    @_in_user_language
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
    @_in_user_language
    def export_kinds(self):
        """The exports the user may download: [{"kind", "label"}]."""
        return [
            {"kind": kind, "label": spec["label"]}
            for kind, spec in self._parcours_api_exports().items()
            if self._parcours_api_may_print(spec.get("report"))
        ]

    @api.model
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
    @_in_user_language
    def dashboard(self):
        """The figures the user may see: [{"section", "label", "value"}]."""
        return self._parcours_api_dashboard_figures()

    # ------------------------------------------------------------ hooks
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

    # ------------------------------------------------------------ exports
    def _parcours_api_export_hours(self, date_from, date_to):
        lines = self.env["parcours.work.order.line"].search(
            [("state", "=", "done"), ("date", ">=", date_from), ("date", "<=", date_to)]
        )
        content, __ = self.env["ir.actions.report"]._render(
            "parcours_devices.report_hours_xlsx", lines.ids, {}
        )
        return (
            f"heures-{self._parcours_api_period_name(date_from, date_to)}.xlsx",
            content,
        )

    def _parcours_api_export_partner_payments(self, date_from, date_to):
        # the export's own dialog, filled in as the user would
        wizard = self.env["parcours.partner.payment.wizard"].create(
            {"date_from": date_from, "date_to": date_to}
        )
        content, __ = self.env["ir.actions.report"]._render(
            "parcours_devices.report_partner_payments_xlsx", wizard.ids, {}
        )
        return (
            f"paiements-partenaires-"
            f"{self._parcours_api_period_name(date_from, date_to)}.xlsx",
            content,
        )

    def _parcours_api_may_print(self, report_xmlid):
        """A report restricted to groups is for the users of those groups only,
        and a report of records the user cannot read is not for them either."""
        if not report_xmlid:
            return True
        report = self.env.ref(report_xmlid)
        groups = report.groups_id
        if groups and not groups & self.env.user.groups_id:
            return False
        return self.env[report.model].has_access("read")

    def _parcours_api_check_print(self, report_xmlid, label):
        if not self._parcours_api_may_print(report_xmlid):
            raise AccessError(
                self.env._(
                    "You may not download the export %(export)s: ask the "
                    "département's back office for it.",
                    export=label,
                )
            )

    def _parcours_api_period(self, period):
        """The first and last day of ``2026-11`` or ``2026``."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", str(period or "").strip())
        month = match and match.group(2) and int(match.group(2))
        if not match or (month is not None and not 1 <= month <= 12):
            raise UserError(
                self.env._(
                    "The period %(period)s is not a month nor a year: write it "
                    "2026-11 or 2026.",
                    period=period,
                )
            )
        year = int(match.group(1))
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        last = calendar.monthrange(year, month)[1]
        return datetime.date(year, month, 1), datetime.date(year, month, last)

    def _parcours_api_period_name(self, date_from, date_to):
        """``2026-11`` for a month, ``2026`` for a year: for file names."""
        if (date_from.month, date_to.month) == (1, 12):
            return f"{date_from:%Y}"
        return f"{date_from:%Y-%m}"

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

    def _parcours_api_rows(self, rows, upload):
        """The rows of an import: those uploaded under ``upload``, then ``rows``."""
        rows = list(rows or [])
        self._parcours_api_check_rows(rows)
        if not upload:
            return rows
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
        staged = [row for chunk in chunks for row in json.loads(chunk.raw)]
        chunks.unlink()
        return staged + rows

    def _parcours_api_write(self, sheet, dry_run, write):
        """Write what ``write`` does unless the rows have errors; the report.

        The business methods may still refuse (a rule the rows alone do not
        show): their message joins the report and nothing is written.
        """
        if not sheet.rows and not sheet.errors:
            sheet.error(None, None, self.env._("The file has no row to import."))
        if sheet.errors:
            return sheet.report(dry_run)
        try:
            with self.env.cr.savepoint() as savepoint:
                summary = write()
                if dry_run:
                    self.env.flush_all()
                    savepoint.close(rollback=True)
        except AccessError:
            raise
        except UserError as error:
            sheet.error(None, None, error.args[0])
            return sheet.report(dry_run)
        return sheet.report(dry_run, written=not dry_run, summary=summary)

    def _parcours_api_read_lot(self, sheet):
        """The intake rows of ``_receive_devices``, read from the sheet."""
        if not sheet.require("serial", "model"):
            return []
        products = self.env["product.product"]._parcours_device_models_by_key()
        storage_types = sheet.choice(
            {
                **{normalise(key): key for key in sorted(dict(STORAGE_TYPES))},
                **{
                    normalise(name): key
                    for key, names in DISK_TYPES.items()
                    for name in names
                },
            }
        )
        devices, seen = [], {}
        for row in sheet:
            serial = row.get("serial", required=True)
            model = row.get("model", required=True)
            product = products.get(model.lower()) if model else None
            if model and not product:
                row.error(
                    "model",
                    self.env._("unknown device model %(model)s", model=model),
                )
            if serial and product:
                first = seen.setdefault((serial, product.id), row.number)
                if first != row.number:
                    row.error(
                        "serial",
                        self.env._(
                            "%(serial)s is on row %(row)s already",
                            serial=serial,
                            row=first,
                        ),
                    )
            devices.append(
                {
                    "row": row.number,
                    "serial": serial,
                    "product": product,
                    "cpu": row.get("cpu") or False,
                    "ram_gb": row.get(
                        "ram_gb", sheet.number(0, integer=True), default=0
                    ),
                    "storage_gb": row.get(
                        "storage_gb", sheet.number(0, integer=True), default=0
                    ),
                    "storage_type": row.get("storage_type", storage_types) or False,
                    "os": row.get("os") or False,
                    "battery_health": row.get(
                        "battery_health", sheet.number(0, 100, integer=True), default=0
                    ),
                    "weight": row.get("weight", sheet.number(0), default=0.0),
                }
            )
        return devices

    @api.model
    def _parcours_api_held(self):
        """A partner works on what its organisation holds now.

        It may read more (the devices its work touched, once they moved on):
        the imports and the device list keep to what it holds.
        """
        if self.env.user.has_group("parcours_devices.group_officer"):
            return []
        organisation = self.env.user.parcours_organisation_id
        return [("parcours_holder_id", "=", organisation.id)]

    def _parcours_api_devices(self, sheet, serials):
        """The devices the user may see, by serial; errors for the others."""
        found = self.env["stock.lot"].search(
            [("name", "in", list(serials)), ("parcours_stage", "!=", False)]
            + self._parcours_api_held()
        )
        by_serial = defaultdict(lambda: self.env["stock.lot"])
        for device in found:
            by_serial[device.name] |= device
        devices = {}
        for serial, row in serials.items():
            device = by_serial[serial]
            if not device:
                row.error(
                    "serial",
                    self.env._(
                        "no device %(serial)s among those your organisation holds",
                        serial=serial,
                    ),
                )
            elif len(device) > 1:
                row.error(
                    "serial",
                    self.env._(
                        "several devices have serial number %(serial)s: ask the "
                        "département's back office",
                        serial=serial,
                    ),
                )
            else:
                devices[serial] = device
        return devices

    def _parcours_api_check_work(self, devices, rows, work_type):
        """Every device must be in an open order of ``work_type`` or may enter one."""
        Device = self.env["stock.lot"]
        open_lines = self.env["parcours.work.order.line"].search(
            [
                ("lot_id", "in", [device.id for device in devices.values()]),
                ("work_type", "=", work_type),
                ("is_open", "=", True),
            ]
        )
        allowed = Device._parcours_work_stages(work_type)
        stages = dict(Device._fields["parcours_stage"]._description_selection(self.env))
        work_types = dict(
            open_lines._fields["work_type"]._description_selection(self.env)
        )
        for serial, device in devices.items():
            if device not in open_lines.lot_id and device.parcours_stage not in allowed:
                rows[serial].error(
                    "serial",
                    self.env._(
                        "device %(serial)s is at stage %(stage)s: it cannot get "
                        "%(work)s results",
                        serial=serial,
                        stage=stages.get(device.parcours_stage, ""),
                        work=work_types[work_type].lower(),
                    ),
                )

    def _parcours_api_workers(self, devices):
        """The workers of the organisations holding ``devices``, by name."""
        employees = self.env["hr.employee"].search(
            [("parcours_organisation_id", "in", devices.parcours_holder_id.ids)]
        )
        workers = defaultdict(lambda: self.env["hr.employee"])
        for employee in employees:
            key = (employee.parcours_organisation_id.id, normalise(employee.name))
            workers[key] |= employee
        return workers

    def _parcours_api_worker(self, row, key, workers, device):
        name = row.get(key)
        if not name:
            return False
        employee = workers.get((device.parcours_holder_id.id, normalise(name)))
        if not employee:
            row.error(
                key,
                self.env._(
                    "no worker named %(name)s at %(organisation)s",
                    name=name,
                    organisation=device.parcours_holder_id.name,
                ),
            )
            return False
        if len(employee) > 1:
            row.error(
                key,
                self.env._(
                    "several workers are named %(name)s: make their names distinct",
                    name=name,
                ),
            )
            return False
        return employee.id

    def _parcours_api_unique_serials(self, sheet):
        """{serial: its row}; a serial on two rows is an error."""
        serials = {}
        for row in sheet:
            serial = row.get("serial", required=True)
            if not serial:
                continue
            if serial in serials:
                row.error(
                    "serial",
                    self.env._(
                        "%(serial)s is on row %(row)s already",
                        serial=serial,
                        row=serials[serial].number,
                    ),
                )
            else:
                serials[serial] = row
        return serials

    def _parcours_api_read_triage(self, sheet):
        """[(device, line values)] read from the sheet."""
        if not sheet.require("serial", "verdict"):
            return []
        Line = self.env["parcours.work.order.line"]
        verdicts = sheet.choice(
            sheet.selection_choices(Line._fields["result"], VERDICTS)
        )
        reasons = sheet.choice(
            sheet.selection_choices(Line._fields["fail_reason"], REASONS)
        )
        rows = self._parcours_api_unique_serials(sheet)
        devices = self._parcours_api_devices(sheet, rows)
        self._parcours_api_check_work(devices, rows, "triage")
        workers = self._parcours_api_workers(
            self.env["stock.lot"].union(*devices.values())
        )
        results = []
        for serial, device in devices.items():
            row = rows[serial]
            verdict = row.get("verdict", verdicts, required=True)
            reason = row.get("reason", reasons) if verdict == "fail" else False
            if verdict == "fail" and not reason and "reason" not in row.values:
                row.error("reason", self.env._("say why the device is rejected"))
            values = {"result": verdict, "fail_reason": reason or False}
            if "hours" in row.values:
                values["duration"] = row.get("hours", sheet.hours, default=0.0)
            if "note" in row.values:
                values["note"] = row.get("note")
            if "worker" in row.values:
                values["employee_id"] = self._parcours_api_worker(
                    row, "worker", workers, device
                )
            results.append((device, values))
        return results

    def _parcours_api_read_refurbishment(self, sheet):
        """[(device, line values)] and [(device, erasure values)] from the sheet."""
        if not sheet.require("serial"):
            return [], []
        Line = self.env["parcours.work.order.line"]
        Erasure = self.env["parcours.erasure"]
        choices = {
            key: sheet.choice(sheet.selection_choices(field, aliases))
            for key, field, aliases in (
                ("disk_type", Erasure._fields["disk_type"], DISK_TYPES),
                ("level", Erasure._fields["level"], LEVELS),
                ("method", Erasure._fields["method"], METHODS),
                ("verification", Erasure._fields["result"], VERIFICATIONS),
                ("grade", Line._fields["grade"], GRADES),
            )
        }
        by_serial = defaultdict(list)
        for row in sheet:
            serial = row.get("serial", required=True)
            if serial:
                by_serial[serial].append(row)
        devices = self._parcours_api_devices(
            sheet, {serial: rows[0] for serial, rows in by_serial.items()}
        )
        self._parcours_api_check_work(
            devices,
            {serial: rows[0] for serial, rows in by_serial.items()},
            "refurbish",
        )
        workers = self._parcours_api_workers(
            self.env["stock.lot"].union(*devices.values())
        )
        known_disks = {
            (erasure.lot_id.id, normalise(erasure.disk_serial))
            for erasure in Erasure.search(
                [
                    ("lot_id", "in", [d.id for d in devices.values()]),
                    ("line_id.is_open", "=", True),
                ]
            )
        }
        results, erasures = [], []
        for serial, device in devices.items():
            rows = by_serial[serial]
            first = self._parcours_api_device_row(rows)
            results.append(
                (
                    device,
                    self._parcours_api_refurbish_values(
                        first, device, choices, workers
                    ),
                )
            )
            for row in rows:
                erasure = self._parcours_api_erasure(
                    row, device, choices, workers, known_disks
                )
                if erasure:
                    erasures.append((device, erasure))
        return results, erasures

    def _parcours_api_refurbish_values(self, row, device, choices, workers):
        """The line values of the cells the row gives (the others are kept)."""
        sheet = row.sheet
        values = {}
        if "all_tests" in row.values:
            values.update(
                dict.fromkeys(TEST_COLUMNS, bool(row.get("all_tests", sheet.boolean)))
            )
        for key in TEST_COLUMNS:
            if key in row.values:
                values[key] = bool(row.get(key, sheet.boolean))
        for key, name, convert in (
            ("os", "os_installed", None),
            ("grade", "grade", choices["grade"]),
            ("hours", "duration", sheet.hours),
            ("note", "note", None),
        ):
            if key in row.values:
                values[name] = row.get(key, convert) or False
        if "worker" in row.values:
            values["employee_id"] = self._parcours_api_worker(
                row, "worker", workers, device
            )
        return values

    def _parcours_api_device_row(self, rows):
        """The device's first row, with the device's cells of all its rows.

        A device's cells (tests, os, grade, worker...) are given once or the
        same on each of its rows.
        """
        first = rows[0]
        for row in rows[1:]:
            for key in REFURBISH_DEVICE_KEYS:
                if key not in row.values:
                    continue
                if key not in first.values:
                    first.values[key] = row.values[key]
                elif normalise(first.values[key]) != normalise(row.values[key]):
                    row.error(
                        key,
                        self.env._(
                            "differs from row %(row)s for the same device",
                            row=first.number,
                        ),
                    )
        return first

    def _parcours_api_erasure(self, row, device, choices, workers, known_disks):
        """The erasure values of the disk on ``row``, if it names one."""
        disk = row.get("disk_serial")
        if not disk:
            for key in ("tool", "level", "method", "operator", "verification"):
                if key in row.values:
                    row.error(
                        "disk_serial",
                        self.env._("name the disk erased on this row"),
                    )
                    break
            return None
        if (device.id, normalise(disk)) in known_disks:
            row.error(
                "disk_serial",
                self.env._(
                    "the erasure of disk %(disk)s is recorded already", disk=disk
                ),
            )
        known_disks.add((device.id, normalise(disk)))
        row.get("operator", required=True)
        values = {
            "disk_serial": disk,
            "tool": row.get("tool", required=True),
            "employee_id": self._parcours_api_worker(row, "operator", workers, device),
            "certificate_ref": row.get("certificate") or False,
        }
        for key in ("disk_type", "level", "method", "verification"):
            value = row.get(key, choices[key])
            if value:
                values["result" if key == "verification" else key] = value
        capacity = row.get("capacity_gb", row.sheet.number(0, integer=True))
        if capacity:
            values["capacity_gb"] = capacity
        erasure_date = row.get("erasure_date", row.sheet.date)
        if erasure_date:
            values["date"] = erasure_date
        return values

    def _parcours_api_open_lines(self, results, work_type):
        """The open lines of ``work_type`` of the devices, orders started.

        A device waiting for triage enters its lot's triage order; devices
        waiting for refurbishment enter a new order of their holder.
        """
        Line = self.env["parcours.work.order.line"]
        devices = self.env["stock.lot"].union(*(device for device, __ in results))

        def search():
            return Line.search(
                [
                    ("lot_id", "in", devices.ids),
                    ("work_type", "=", work_type),
                    ("is_open", "=", True),
                ]
            )

        waiting = devices - search().lot_id
        if work_type == "triage":
            waiting.parcours_donation_lot_id._parcours_check_step_access()
            for lot in waiting.parcours_donation_lot_id:
                lot.action_start_triage()
        elif waiting:
            self.env["parcours.work.order"].create(
                [
                    {
                        "work_type": work_type,
                        "organisation_id": holder.id,
                        "line_ids": [
                            Command.create({"lot_id": device.id})
                            for device in waiting
                            if device.parcours_holder_id == holder
                        ],
                    }
                    for holder in waiting.parcours_holder_id
                ]
            )
        lines = search()
        drafts = lines.order_id.filtered(lambda order: order.state == "draft")
        drafts._parcours_check_step_access()
        drafts.action_start()
        missing = devices - lines.lot_id
        if missing:
            raise UserError(
                self.env._(
                    "Devices %(serials)s could not enter a work order: open their "
                    "work order in the back office.",
                    serials=", ".join(missing.mapped("name")),
                )
            )
        return lines

    def _parcours_api_record(self, lines, results):
        """Write the results on the lines, then validate the finished orders."""
        lines.check_access("write")
        by_device = {line.lot_id: line for line in lines}
        # Lines with the same values are written at once: one query each.
        same = defaultdict(lambda: self.env["parcours.work.order.line"])
        for device, values in results:
            same[tuple(sorted(values.items()))] |= by_device[device]
        for values, group in same.items():
            group.write(dict(values))
        summary = [
            self.env._("Devices recorded: %(count)s.", count=len(results)),
        ]
        for order in lines.order_id:
            try:
                with self.env.cr.savepoint():
                    order.action_done()
            except AccessError:
                raise
            except UserError as error:
                summary.append(
                    self.env._(
                        "%(order)s stays in progress: %(reason)s",
                        order=order.name,
                        reason=error.args[0],
                    )
                )
            else:
                summary.append(self.env._("%(order)s validated.", order=order.name))
        return summary
