# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.parcours_base.identifiers import identifier_key, normalise_identifier
from odoo.addons.parcours_base.importing import CellError, normalise

from .parcours_donation_lot import INTAKE_SPECS
from .parcours_import_columns import (
    DISK_TYPES,
    LOT_COLUMNS,
    REFURBISH_COLUMNS,
    TRIAGE_COLUMNS,
)
from .parcours_values import STORAGE_TYPES

# The number columns of a lot's rows, and whether each holds whole numbers.
LOT_NUMBERS = {
    "ram_gb": True,
    "storage_gb": True,
    "battery_health": True,
    "weight": False,
}


class ParcoursImport(models.AbstractModel):
    """The imports of devices: a lot's intake, triage and refurbishment results."""

    _inherit = "parcours.import"

    @api.model
    def _parcours_import_kinds(self):
        return {
            **super()._parcours_import_kinds(),
            "lot": {
                "label": self.env._("Devices of a donation lot"),
                "columns": LOT_COLUMNS,
                "method": "_parcours_import_lot",
            },
            "triage": {
                "label": self.env._("Triage results"),
                "columns": TRIAGE_COLUMNS,
                "model": "parcours.work.import",
                "method": "_parcours_import_triage",
            },
            "refurbish": {
                "label": self.env._("Refurbishment results"),
                "columns": REFURBISH_COLUMNS,
                "model": "parcours.work.import",
                "method": "_parcours_import_refurbishment",
            },
        }

    # ------------------------------------------------------------ lot
    @api.model
    def _parcours_import_lot_values(self, values):
        """Rows of ``_receive_devices`` from values already typed, and the errors.

        What ``parcours.donation.lot.parcours_check_intake`` and
        ``parcours_receive`` take from a script: dicts with ``serial``, the
        device model as ``product_id`` (an id) or ``model`` (its internal
        reference or name), and the specs of ``INTAKE_SPECS`` as numbers. The
        specs are checked with the rows (``_check_intake_rows``), every error
        at once; a file or its cells go through ``_parcours_import_lot_rows``.
        """
        if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
            raise UserError(
                self.env._("The rows are sent as a list of dicts, one per row.")
            )
        Product = self.env["product.product"]
        by_key = Product._parcours_device_models_by_key()
        rows, errors = [], []
        for index, value in enumerate(values, start=1):
            number = value.get("row") or index
            product = Product.browse()
            product_id = value.get("product_id")
            if isinstance(product_id, str) and product_id.strip().isdigit():
                product_id = int(product_id)
            if isinstance(product_id, int) and not isinstance(product_id, bool):
                product = Product.browse(product_id).exists()
            elif value.get("model"):
                product = by_key.get(str(value["model"]).strip().lower(), Product)
            if not product:
                errors.append(
                    self.env._(
                        "row %(row)s: unknown device model '%(model)s'",
                        row=number,
                        model=value.get("model") or product_id or "",
                    )
                )
                continue
            rows.append(
                dict(
                    {key: value.get(key) for key in INTAKE_SPECS},
                    row=number,
                    serial=value.get("serial"),
                    product=product,
                )
            )
        return rows, errors

    @api.model
    def _parcours_import_lot(
        self, sheet, lot=None, received_weight=0.0, received_date=None
    ):
        """Receive the devices of donation lot ``lot`` (a record)."""
        devices = self._parcours_import_lot_rows(sheet)

        def write():
            lot._receive_devices(
                devices, received_weight=received_weight, received_date=received_date
            )
            return [
                self.env._(
                    "Devices received in lot %(lot)s: %(count)s (receipt %(picking)s).",
                    count=len(devices),
                    lot=lot.name,
                    picking=lot.picking_id.name,
                )
            ]

        return write

    @api.model
    def _parcours_import_lot_rows(self, sheet):
        """The intake rows of ``_receive_devices`` whose cells all read.

        The errors of the others are in the sheet. Ranges are those of
        ``parcours.donation.lot._check_intake_specs``, named by column.
        """
        if not sheet.require("serial", "model"):
            return []
        Lot = self.env["parcours.donation.lot"]
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

        def number(integer):
            convert = sheet.number(integer=integer)

            def read(value):
                try:
                    return convert(value)
                except CellError as error:
                    raise CellError(
                        str(error),
                        lead=self.env._(
                            "RAM, storage, battery and weight must be numbers"
                        ),
                    ) from error

            return read

        devices, seen = [], {}
        for row in sheet:
            errors = len(sheet.errors)
            serial = normalise_identifier(row.get("serial"))
            if not serial and "serial" not in row.bad:
                row.error("serial", self.env._("the serial number is missing"))
            model = row.get("model", required=True)
            product = products.get(model.lower()) if model else None
            if model and not product:
                row.error(
                    "model",
                    self.env._("unknown device model '%(model)s'", model=model),
                )
            if serial and product:
                key = (identifier_key(serial), product.id)
                first = seen.setdefault(key, row.number)
                if first != row.number:
                    row.error(
                        "serial",
                        self.env._(
                            "%(serial)s: typed twice in this lot, on row %(row)s "
                            "already",
                            serial=serial,
                            row=first,
                        ),
                    )
            values = {
                "row": row.number,
                "serial": serial,
                "product": product,
                "cpu": row.get("cpu") or False,
                "storage_type": row.get("storage_type", storage_types) or False,
                "os": row.get("os") or False,
            }
            label = serial or self.env._("row %(row)s", row=row.number)
            for key, integer in LOT_NUMBERS.items():
                values[key] = row.get(key, number(integer), default=0)
                for message in Lot._check_intake_specs({key: values[key]}, label):
                    row.error(key, message)
            if len(sheet.errors) == errors:
                devices.append(values)
        return devices

    @api.model
    def _parcours_import_held(self):
        """A partner works on what its organisation holds now.

        It may read more (the devices its work touched, once they moved on):
        the imports and the device list keep to what it holds.
        """
        if self.env.user.has_group("parcours_devices.group_officer"):
            return []
        organisation = self.env.user.parcours_organisation_id
        return [("parcours_holder_id", "=", organisation.id)]
