# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import datetime
import io
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.parcours_base import ALL_FIELDS

# The register of outgoing waste, in the order of the arrêté du 31 mai 2021
# fixant le contenu des registres déchets (article 2, outgoing waste, laid out
# like article 1): a) the date of shipment; b) the usual name of the waste, its
# code (article R. 541-7 of the code de l'environnement), whether it is
# hazardous, the number of its tracking slip (article R. 541-45: a Trackdéchets
# BSD), its quantity in tonnes; c) the receiving site (name, SIRET, address)
# and the treatment code (R or D, annexes I and II of directive 2008/98/EC);
# d) the carrier (name, SIREN, receipt number).
REGISTER_COLUMNS = (
    ("date", "Shipment date"),
    ("usual_name", "Usual name of the waste"),
    ("waste_code", "Waste code"),
    ("hazardous", "Hazardous waste"),
    ("bsd_number", "Tracking slip number (BSD)"),
    ("quantity", "Quantity (t)"),
    ("site_name", "Receiving site"),
    ("site_siret", "Receiving site SIRET"),
    ("site_address", "Receiving site address"),
    ("treatment_code", "Treatment code"),
    ("carrier_name", "Carrier"),
    ("carrier_siren", "Carrier SIREN"),
    ("carrier_receipt", "Carrier receipt number"),
)
TREATMENT_CODE = re.compile(r"^[RD](1[0-3]|[1-9])$")


class ParcoursWasteShipment(models.Model):
    """A shipment of dismantled fractions to a recycling channel: one line of
    the register of outgoing waste (arrêté du 31 mai 2021).

    Not a ``stock.picking``: fractions are kilograms of a material with neither
    product nor serial (see ``parcours.recycling.channel``), and a picking has
    none of the legal fields (waste code, treatment code, carrier receipt,
    tracking slip). Its weight is the sum of the fractions it carries, so the
    register adds up to the lots' mass balances by construction.

    Once sent (``action_send``) it is a line of the register: nothing of it
    changes any more, and no fraction enters or leaves it.
    """

    _name = "parcours.waste.shipment"
    _description = "Waste shipment"
    _order = "date desc, id desc"
    _check_company_auto = True
    # The guard of the Parcours: a write may not move a shipment out of its
    # organisation, its links are checked against it.
    _parcours_organisation_field = "organisation_id"
    _inherit = ["parcours.protected.mixin", "mail.thread"]
    _parcours_protected_fields = ("state",)

    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    organisation_id = fields.Many2one(
        "parcours.organisation",
        required=True,
        index=True,
        default=lambda s: s.env.user.parcours_organisation_id,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    channel_id = fields.Many2one(
        "parcours.recycling.channel", required=True, check_company=True
    )
    fraction_ids = fields.One2many(
        "parcours.recycling.fraction", "shipment_id", string="Fractions"
    )
    waste_code_id = fields.Many2one(
        "parcours.waste.code", string="Waste code", required=True
    )
    hazardous = fields.Boolean(related="waste_code_id.hazardous", store=True)
    usual_name = fields.Char(string="Usual name", required=True)
    weight = fields.Float(
        string="Quantity (kg)",
        digits="Stock Weight",
        compute="_compute_weight",
        store=True,
    )
    treatment_code = fields.Char(
        string="Treatment code", required=True, help="R1 to R13 or D1 to D15."
    )
    carrier_name = fields.Char(string="Carrier", required=True)
    carrier_siren = fields.Char(string="Carrier SIREN", required=True)
    carrier_receipt = fields.Char(
        string="Carrier receipt number",
        help="The prefecture's receipt of the carrier's declaration.",
    )
    site_name = fields.Char(string="Receiving site", required=True)
    site_siret = fields.Char(string="Receiving site SIRET", required=True)
    site_address = fields.Char(string="Receiving site address", required=True)
    bsd_number = fields.Char(
        string="Tracking slip (BSD)",
        help="The Trackdéchets number of the tracking slip, required for "
        "hazardous waste.",
    )

    def _parcours_frozen_fields(self):
        # A sent shipment is a line of the register printed for the
        # authorities: it is kept as it was sent.
        return ALL_FIELDS if self.state == "sent" else ()

    @api.depends("fraction_ids.weight")
    def _compute_weight(self):
        for shipment in self:
            shipment.weight = sum(shipment.fraction_ids.mapped("weight"))

    @api.constrains("waste_code_id", "bsd_number")
    def _check_bsd_number(self):
        for shipment in self:
            if shipment.hazardous and not (shipment.bsd_number or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(code)s is hazardous waste: enter the number of its "
                        "Trackdéchets tracking slip (BSD).",
                        code=shipment.waste_code_id.code,
                    )
                )

    @api.constrains("carrier_siren", "site_siret", "treatment_code")
    def _check_identifiers(self):
        for shipment in self:
            if not re.fullmatch(r"\d{9}", shipment.carrier_siren or ""):
                raise ValidationError(
                    self.env._(
                        "The carrier's SIREN %(siren)s must be 9 digits, without "
                        "spaces.",
                        siren=shipment.carrier_siren,
                    )
                )
            if not re.fullmatch(r"\d{14}", shipment.site_siret or ""):
                raise ValidationError(
                    self.env._(
                        "The receiving site's SIRET %(siret)s must be 14 digits, "
                        "without spaces.",
                        siret=shipment.site_siret,
                    )
                )
            code = shipment.treatment_code or ""
            if not TREATMENT_CODE.match(code) or (
                code.startswith("R") and int(code[1:]) > 13
            ):
                raise ValidationError(
                    self.env._(
                        "Treatment code %(code)s is not one of R1 to R13 or D1 to "
                        "D15: enter the code on the receiving site's certificate, "
                        "e.g. R4 for metals.",
                        code=code,
                    )
                )

    @api.constrains("fraction_ids", "organisation_id", "channel_id")
    def _check_fractions(self):
        for shipment in self:
            fractions = shipment.fraction_ids
            if fractions.filtered(
                lambda f, s=shipment: f.organisation_id != s.organisation_id
                or f.channel_id != s.channel_id
                or f.order_id.state != "done"
            ):
                raise ValidationError(
                    self.env._(
                        "A shipment carries fractions of validated dismantling "
                        "orders of its own organisation, sent to its channel "
                        "%(channel)s only.",
                        channel=shipment.channel_id.display_name,
                    )
                )

    # ------------------------------------------------------------- register
    @api.model
    def _register_header(self):
        labels = {
            "Shipment date": self.env._("Shipment date"),
            "Usual name of the waste": self.env._("Usual name of the waste"),
            "Waste code": self.env._("Waste code"),
            "Hazardous waste": self.env._("Hazardous waste"),
            "Tracking slip number (BSD)": self.env._("Tracking slip number (BSD)"),
            "Quantity (t)": self.env._("Quantity (t)"),
            "Receiving site": self.env._("Receiving site"),
            "Receiving site SIRET": self.env._("Receiving site SIRET"),
            "Receiving site address": self.env._("Receiving site address"),
            "Treatment code": self.env._("Treatment code"),
            "Carrier": self.env._("Carrier"),
            "Carrier SIREN": self.env._("Carrier SIREN"),
            "Carrier receipt number": self.env._("Carrier receipt number"),
        }
        return [labels[label] for _key, label in REGISTER_COLUMNS]

    @api.model
    def _register_shipments(self, date_from, date_to, organisation=None):
        """The sent shipments of the period the user may read (of
        ``organisation`` when given), in date order."""
        domain = [
            ("state", "=", "sent"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if organisation:
            domain.append(("organisation_id", "=", organisation.id))
        return self.search(domain, order="date, id")

    def _register_rows(self):
        """One row per shipment, the legal columns in order (dates as
        ``date``, quantity in tonnes as a float, the rest as text).

        Sent shipments only: a draft may still take or lose fractions, and the
        register must not say what has not left."""
        yes, no = self.env._("Yes"), self.env._("No")
        rows = []
        sent = self.filtered(lambda s: s.state == "sent")
        for shipment in sent.sorted(lambda s: (s.date, s.id)):
            values = {
                "date": shipment.date,
                "usual_name": shipment.usual_name,
                "waste_code": shipment.waste_code_id.code,
                "hazardous": yes if shipment.hazardous else no,
                "bsd_number": shipment.bsd_number or "",
                "quantity": round(shipment.weight / 1000.0, 6),
                "site_name": shipment.site_name,
                "site_siret": shipment.site_siret,
                "site_address": shipment.site_address,
                "treatment_code": shipment.treatment_code,
                "carrier_name": shipment.carrier_name,
                "carrier_siren": shipment.carrier_siren,
                "carrier_receipt": shipment.carrier_receipt or "",
            }
            rows.append([values[key] for key, _label in REGISTER_COLUMNS])
        return rows

    def _register_csv(self):
        """The register of these shipments, as CSV text (``;`` separated, as
        French spreadsheets read it)."""
        output = io.StringIO()
        writer = csv.writer(output, delimiter=";")
        writer.writerow(self._register_header())
        for row in self._register_rows():
            writer.writerow(
                [
                    fields.Date.to_string(cell)
                    if isinstance(cell, datetime.date)
                    # A leading = + - @ would be read as a formula.
                    else (
                        f"'{cell}"
                        if isinstance(cell, str) and cell[:1] in "=+-@"
                        else cell
                    )
                    for cell in row
                ]
            )
        return output.getvalue()

    # -------------------------------------------------------------- actions
    def _lock_for_update(self):
        """Lock the rows, so that a concurrent send and a change of the
        fractions cannot both commit (REPEATABLE READ: the later one fails
        and is retried, then sees the shipment sent)."""
        if self.ids:
            self.env.cr.execute(
                "SELECT id FROM parcours_waste_shipment WHERE id IN %s FOR UPDATE",
                [tuple(self.ids)],
            )
            self.invalidate_recordset(["state"])

    def action_send(self):
        """The shipment has left with its carrier: it enters the register and
        is frozen."""
        self._parcours_check_step_access()
        self._lock_for_update()
        for shipment in self:
            if shipment.state != "draft":
                raise UserError(
                    self.env._(
                        "Shipment of %(date)s to %(channel)s is already sent: it "
                        "cannot be sent again.",
                        date=shipment.date,
                        channel=shipment.channel_id.display_name,
                    )
                )
            if not shipment.fraction_ids:
                raise UserError(
                    self.env._(
                        "Shipment of %(date)s to %(channel)s carries no fraction: "
                        "add the fractions that left before sending it.",
                        date=shipment.date,
                        channel=shipment.channel_id.display_name,
                    )
                )
        self._parcours_write_step({"state": "sent"})
        return True

    def action_export_register_csv(self):
        """Download the register of the selected shipments (filter the list
        on a period first) as CSV."""
        self.check_access("read")
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Register of outgoing waste.csv"),
                # utf-8-sig: spreadsheets then read the accents right.
                "raw": self._register_csv().encode("utf-8-sig"),
                "mimetype": "text/csv",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
