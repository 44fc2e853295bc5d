# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base.identifiers import (
    control_characters,
    identifier_key,
    normalise_identifier,
)

from .parcours_values import (
    MAX_DEVICE_WEIGHT,
    MAX_LOT_WEIGHT,
    MAX_RAM_GB,
    MAX_STORAGE_GB,
    STORAGE_TYPES,
)

ERRORS_SHOWN = 10
# What a row of an intake may say about a device, besides its serial and model.
INTAKE_SPECS = (
    "cpu",
    "ram_gb",
    "storage_gb",
    "storage_type",
    "os",
    "battery_health",
    "weight",
)


def format_errors(env, errors):
    """One message listing the first errors of a batch, so all can be fixed at once."""
    shown = "\n".join("- " + error for error in errors[:ERRORS_SHOWN])
    more = ""
    if len(errors) > ERRORS_SHOWN:
        more = "\n" + env._("... and %(count)s more.", count=len(errors) - ERRORS_SHOWN)
    return (
        env._("Nothing was received. Correct these devices and try again:")
        + "\n"
        + shown
        + more
    )


class ParcoursDonationLotReception(models.AbstractModel):
    """The reception of a donation lot: its rows checked all at once, its
    serials created in one batch and its receipt (a ``stock.picking``).

    An abstract model that only ``parcours.donation.lot`` inherits, so that
    the lot's own file keeps its fields, its mass balance and its steps
    (triage, dismantling, closing); the methods here run on lots and read
    their fields. An extension overrides them on the lot as before
    (``_check_intake_rows``, ``_prepare_device_values``).
    """

    _name = "parcours.donation.lot.reception"
    _description = "Donation lot: its reception"

    def parcours_check_intake(self, rows):
        """Dry run of an intake: the errors ``rows`` would meet, none if it can go.

        The entry point of a remote client. ``rows`` are plain values: see
        ``parcours.import._parcours_import_lot_values``. Nothing is written.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        rows, errors = self.env["parcours.import"]._parcours_import_lot_values(rows)
        return errors + self._check_intake_rows(rows)

    def parcours_receive(self, rows, received_weight=0.0, received_date=False):
        """Receive the lot from plain ``rows``; returns the id of its receipt.

        The entry point of a remote client, the same step as the intake form.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        rows, errors = self.env["parcours.import"]._parcours_import_lot_values(rows)
        if errors:
            raise UserError(format_errors(self.env, errors))
        self._receive_devices(rows, received_weight, received_date or None)
        return self.picking_id.id

    # ------------------------------------------------------------ intake
    def _check_receivable(self):
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Lot %(lot)s is already received: its devices cannot be "
                    "received a second time.",
                    lot=self.name,
                )
            )

    @api.model
    def _normalize_intake_rows(self, rows):
        """Serials as identifiers (``normalise_identifier``): ' PC-1 ' and 'PC-1'
        are one serial, and so is 'PC‑1' typed with a non-breaking hyphen."""
        return [
            dict(row, serial=normalise_identifier(str(row.get("serial") or "")))
            for row in rows
        ]

    def _check_intake_rows(self, rows):
        """Every error ``rows`` would meet on receiving this lot, as a list of lines.

        ``rows`` are dicts with ``serial``, ``product`` (a device model) and the
        optional specs of ``INTAKE_SPECS``. Nothing is written: this is the dry
        run that ``_receive_devices`` does first.
        """
        self.ensure_one()
        rows = self._normalize_intake_rows(rows)
        errors = []
        seen = set()
        for index, row in enumerate(rows, start=1):
            number = row.get("row") or index
            serial, product = row["serial"], row["product"]
            label = serial or self.env._("row %(row)s", row=number)
            for key in ("serial", "cpu", "os"):
                characters = control_characters(row.get(key))
                if characters:
                    errors.append(
                        self.env._(
                            "row %(row)s: the %(column)s holds a control character "
                            "(%(chars)s) that no text may hold: type it again",
                            row=number,
                            column=key,
                            chars=", ".join(characters),
                        )
                    )
            if not serial:
                errors.append(
                    self.env._("row %(row)s: the serial number is missing", row=number)
                )
            elif (identifier_key(serial), product.id) in seen:
                errors.append(
                    self.env._("%(serial)s: typed twice in this lot", serial=serial)
                )
            seen.add((identifier_key(serial), product.id))
            if not product.parcours_device_type or product.tracking != "serial":
                errors.append(
                    self.env._(
                        "%(serial)s: %(product)s is not a device model tracked by "
                        "serial number",
                        serial=label,
                        product=product.display_name,
                    )
                )
            errors += self._check_intake_specs(row, label)
            if not row.get("weight") and not product.weight:
                errors.append(
                    self.env._(
                        "%(serial)s: the weight is missing and model %(product)s has "
                        "no default weight",
                        serial=label,
                        product=product.display_name,
                    )
                )
        existing = (
            # sudo: a serial is new only if no device of the département has
            # it, whoever holds that device now.
            self.env["stock.lot"]
            .sudo()
            .search(
                [
                    (
                        "parcours_serial_key",
                        "in",
                        [
                            identifier_key(row["serial"])
                            for row in rows
                            if row["serial"] and not control_characters(row["serial"])
                        ],
                    ),
                    ("product_id", "in", list({row["product"].id for row in rows})),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        for device in existing.filtered(
            lambda d: (d.parcours_serial_key, d.product_id.id) in seen
        ):
            errors.append(
                self.env._(
                    "%(serial)s: a %(product)s with this serial number is already "
                    "registered (lot %(lot)s)",
                    serial=device.name,
                    product=device.product_id.display_name,
                    lot=device.parcours_donation_lot_id.name or "-",
                )
            )
        return errors

    def _check_intake_specs(self, row, label):
        """The errors of the specs of one row: numbers in range, known values."""
        limits = {
            "ram_gb": (MAX_RAM_GB, self.env._("RAM (GB)")),
            "storage_gb": (MAX_STORAGE_GB, self.env._("storage (GB)")),
            "battery_health": (100, self.env._("battery health (%)")),
            "weight": (MAX_DEVICE_WEIGHT, self.env._("weight (kg)")),
        }
        errors = []
        for key, (high, name) in limits.items():
            value = row.get(key) or 0
            if isinstance(value, bool) or not isinstance(value, int | float):
                errors.append(
                    self.env._(
                        "%(serial)s: %(field)s must be a number",
                        serial=label,
                        field=name,
                    )
                )
            elif value < 0:
                errors.append(
                    self.env._(
                        "%(serial)s: %(field)s cannot be negative",
                        serial=label,
                        field=name,
                    )
                )
            elif not value <= high:  # NaN included
                errors.append(
                    self.env._(
                        "%(serial)s: %(field)s must be at most %(high)s, not "
                        "%(value)s",
                        serial=label,
                        field=name,
                        high=high,
                        value=value,
                    )
                )
        storage_type = row.get("storage_type")
        if storage_type and storage_type not in dict(STORAGE_TYPES):
            errors.append(
                self.env._(
                    "%(serial)s: the storage type must be one of %(types)s",
                    serial=label,
                    types=", ".join(key for key, __ in STORAGE_TYPES),
                )
            )
        return errors

    def _receive_devices(self, rows, received_weight=0.0, received_date=None):
        """Receive the lot: create its serials and the receipt in one batch.

        ``rows`` are dicts with ``serial``, ``product`` (a device model) and the
        optional specs. Every row is checked (``_check_intake_rows``) before
        anything is written, so a bad row leaves the lot as it was.
        """
        self.ensure_one()
        self._parcours_check_step_access()
        self._check_receivable()
        if not rows:
            raise UserError(
                self.env._(
                    "Type in the devices of lot %(lot)s or import a spreadsheet: "
                    "there is nothing to receive.",
                    lot=self.name,
                )
            )
        if not 0 <= (received_weight or 0.0) <= MAX_LOT_WEIGHT:
            raise UserError(
                self.env._(
                    "The weight received must be between 0 and %(high)s kg: weigh "
                    "the lot again.",
                    high=MAX_LOT_WEIGHT,
                )
                if (received_weight or 0.0) >= 0
                else self.env._(
                    "The weight received cannot be negative: weigh the lot again."
                )
            )
        rows = self._normalize_intake_rows(rows)
        errors = self._check_intake_rows(rows)
        if errors:
            raise UserError(format_errors(self.env, errors))
        devices = self._create_devices(rows)
        picking = (
            # sudo: the receipt moves the devices' quants into the workshop,
            # which partner accounts never do themselves.
            self.env["stock.picking"]
            .sudo()
            ._parcours_transfer_devices(
                devices,
                self.env.ref("stock.stock_location_suppliers"),
                self.workshop_id.location_id,
                origin=self.name,
                partner_id=self.donor_id.partner_id.id,
            )
        )
        self._parcours_write_step(
            {
                "state": "received",
                "picking_id": picking.id,
                "received_date": received_date or fields.Date.context_today(self),
                "received_weight": received_weight
                or sum(devices.mapped("parcours_weight")),
            }
        )
        # A log note: partner accounts may have no email address to send from.
        self._message_log(
            body=self.env._(
                "%(count)s devices received in %(picking)s.",
                count=len(devices),
                picking=picking.name,
            )
        )
        return True

    def _create_devices(self, rows):
        """The serials of ``rows``, created at once once the rows are checked."""
        try:
            with self.env.cr.savepoint():
                return (
                    # sudo: the devices are created by the checked intake only;
                    # partner accounts only read devices (no right to create one).
                    self.env["stock.lot"]
                    .sudo()
                    .with_context(mail_create_nolog=True, tracking_disable=True)
                    .create([self._prepare_device_values(row) for row in rows])
                )
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != "stock_lot_parcours_serial_uniq":
                raise
            # Another intake registered one of these serials at the same moment.
            raise ValidationError(
                self.env._(
                    "Nothing was received: one of these serial numbers was registered "
                    "by someone else at the same moment. Try again to see which."
                )
            ) from error

    def _prepare_device_values(self, row):
        return {
            "name": row["serial"],
            "product_id": row["product"].id,
            "company_id": self.company_id.id,
            "parcours_donation_lot_id": self.id,
            "parcours_stage": "received",
            "parcours_cpu": row.get("cpu") or False,
            "parcours_ram_gb": row.get("ram_gb") or 0,
            "parcours_storage_gb": row.get("storage_gb") or 0,
            "parcours_storage_type": row.get("storage_type") or False,
            "parcours_os": row.get("os") or False,
            "parcours_battery_health": row.get("battery_health") or 0,
            "parcours_weight": row.get("weight") or row["product"].weight,
        }
