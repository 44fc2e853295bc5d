# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.parcours_base.identifiers import identifier_key, normalise_identifier
from odoo.addons.parcours_base.importing import normalise

from .parcours_import_columns import (
    DISK_TYPES,
    GRADES,
    LEVELS,
    METHODS,
    REASONS,
    REFURBISH_DEVICE_KEYS,
    TEST_COLUMNS,
    VERDICTS,
    VERIFICATIONS,
)


class ParcoursWorkImport(models.AbstractModel):
    """The imports of work results on devices: triage and refurbishment.

    Two kinds of ``parcours.import`` (see ``_parcours_import_kinds``, whose
    ``model`` names this one): they read the devices a partner holds by their
    serial, its workers by their name, and write the lines of the work orders
    they open or continue. No record is stored here, and neither the work
    order line (one device's line) nor the import engine (every kind's
    reading) is the place of a whole sheet of results: an abstract model of
    their own keeps them together.
    """

    _name = "parcours.work.import"
    _description = "Parcours import of work results"

    # ------------------------------------------------------------ triage
    @api.model
    def _parcours_import_triage(self, sheet):
        """Record triage verdicts: serial, verdict, reason, worker, hours, note.

        A device whose lot is not in triage yet gets its lot's triage order; an
        order whose every device has its verdict is validated.
        """
        self.env["parcours.work.order.line"].check_access("write")
        results = self._parcours_import_read_triage(sheet)

        def write():
            lines = self._parcours_import_open_lines(results, "triage")
            return self._parcours_import_record(lines, results)

        return write

    # ------------------------------------------------------------ refurbishment
    @api.model
    def _parcours_import_refurbishment(self, sheet):
        """Record refurbishments: tests, one erasure per disk, OS, grade, work.

        One row per disk, the device's serial on each; the device's values
        (tests, os, grade, worker, hours) may be given once. A device not in a
        refurbishment order yet gets a new one; an order whose every device is
        finished is validated.
        """
        self.env["parcours.work.order.line"].check_access("write")
        self.env["parcours.erasure"].check_access("create")
        results, erasures = self._parcours_import_read_refurbishment(sheet)

        def write():
            lines = self._parcours_import_open_lines(results, "refurbish")
            by_device = {line.lot_id: line for line in lines}
            self.env["parcours.erasure"].create(
                [
                    dict(values, line_id=by_device[device].id)
                    for device, values in erasures
                ]
            )
            summary = self._parcours_import_record(lines, results)
            return [
                self.env._("Erasures recorded: %(count)s.", count=len(erasures)),
                *summary,
            ]

        return write

    def _parcours_import_read_triage(self, sheet):
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
        rows = self._parcours_import_unique_serials(sheet)
        devices = self._parcours_import_devices(sheet, rows)
        self._parcours_import_check_work(devices, rows, "triage")
        workers = self._parcours_import_workers(
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
                values["employee_id"] = self._parcours_import_worker(
                    row, "worker", workers, device
                )
            results.append((device, values))
        return results

    def _parcours_import_read_refurbishment(self, sheet):
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
                by_serial[identifier_key(serial)].append(row)
        devices = self._parcours_import_devices(
            sheet, {serial: rows[0] for serial, rows in by_serial.items()}
        )
        self._parcours_import_check_work(
            devices,
            {serial: rows[0] for serial, rows in by_serial.items()},
            "refurbish",
        )
        workers = self._parcours_import_workers(
            self.env["stock.lot"].union(*devices.values())
        )
        known_disks = {
            (erasure.lot_id.id, identifier_key(erasure.disk_serial))
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
            first = self._parcours_import_device_row(rows)
            results.append(
                (
                    device,
                    self._parcours_import_refurbish_values(
                        first, device, choices, workers
                    ),
                )
            )
            for row in rows:
                erasure = self._parcours_import_erasure(
                    row, device, choices, workers, known_disks
                )
                if erasure:
                    erasures.append((device, erasure))
        return results, erasures

    def _parcours_import_refurbish_values(self, row, device, choices, workers):
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
            values["employee_id"] = self._parcours_import_worker(
                row, "worker", workers, device
            )
        return values

    def _parcours_import_device_row(self, rows):
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

    def _parcours_import_erasure(self, row, device, choices, workers, known_disks):
        """The erasure values of the disk on ``row``, if it names one."""
        disk = row.get("disk_serial")
        if not disk:
            for key in ("tool", "level", "method", "operator", "verification"):
                if key in row.values and "disk_serial" not in row.bad:
                    row.error(
                        "disk_serial",
                        self.env._("name the disk erased on this row"),
                    )
                    break
            return None
        if (device.id, identifier_key(disk)) in known_disks:
            row.error(
                "disk_serial",
                self.env._(
                    "the erasure of disk %(disk)s is recorded already", disk=disk
                ),
            )
        known_disks.add((device.id, identifier_key(disk)))
        row.get("operator", required=True)
        values = {
            "disk_serial": disk,
            "tool": row.get("tool", required=True),
            "employee_id": self._parcours_import_worker(
                row, "operator", workers, device
            ),
            "certificate_ref": row.get("certificate") or False,
            "verifier_id": self._parcours_import_worker(
                row, "verifier", workers, device
            ),
        }
        for key in ("disk_make", "disk_model", "tool_version", "place"):
            if row.get(key):
                values[key] = row.get(key)
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

    def _parcours_import_open_lines(self, results, work_type):
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

    def _parcours_import_record(self, lines, results):
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

    @api.model
    def _parcours_import_devices(self, sheet, serials):
        """The devices the user may see, by serial; errors for the others.

        ``serials`` maps the serials' keys (``identifier_key``) to their rows.
        """
        found = self.env["stock.lot"].search(
            [
                ("parcours_serial_key", "in", list(serials)),
                ("parcours_stage", "!=", False),
            ]
            + self.env["parcours.import"]._parcours_import_held()
        )
        by_serial = defaultdict(lambda: self.env["stock.lot"])
        for device in found:
            by_serial[device.parcours_serial_key] |= device
        devices = {}
        for key, row in serials.items():
            serial = normalise_identifier(row.values["serial"])
            device = by_serial[key]
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
                devices[key] = device
        return devices

    def _parcours_import_check_work(self, devices, rows, work_type):
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
        for key, device in devices.items():
            if device not in open_lines.lot_id and device.parcours_stage not in allowed:
                rows[key].error(
                    "serial",
                    self.env._(
                        "device %(serial)s is at stage %(stage)s: it cannot get "
                        "%(work)s results",
                        serial=device.name,
                        stage=stages.get(device.parcours_stage, ""),
                        work=work_types[work_type].lower(),
                    ),
                )

    def _parcours_import_workers(self, devices):
        """The workers of the organisations holding ``devices``, by name."""
        employees = self.env["hr.employee"].search(
            [("parcours_organisation_id", "in", devices.parcours_holder_id.ids)]
        )
        workers = defaultdict(lambda: self.env["hr.employee"])
        for employee in employees:
            key = (employee.parcours_organisation_id.id, normalise(employee.name))
            workers[key] |= employee
        return workers

    def _parcours_import_worker(self, row, key, workers, device):
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

    def _parcours_import_unique_serials(self, sheet):
        """{serial's key: its row}; a serial on two rows is an error."""
        serials = {}
        for row in sheet:
            serial = normalise_identifier(row.get("serial", required=True))
            if not serial:
                continue
            key = identifier_key(serial)
            if key in serials:
                row.error(
                    "serial",
                    self.env._(
                        "%(serial)s is on row %(row)s already",
                        serial=serial,
                        row=serials[key].number,
                    ),
                )
            else:
                serials[key] = row
        return serials
