# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ParcoursWasteShipment(models.Model):
    _inherit = "parcours.waste.shipment"

    @api.model
    def _demo_ship_fractions(self):
        """Ship the metals and the boards of the demo's dismantling: two lines
        of the register of outgoing waste. Called by the demo data only."""
        Fraction = self.env["parcours.recycling.fraction"]
        ref = self.env.ref
        carrier = {
            "carrier_name": "Transports Vallée du Rhône",
            "carrier_siren": "552100554",
            "carrier_receipt": "26-2025-0117",
            "site_name": "Centre de traitement DEEE Drôme",
            "site_siret": "55210055400013",
            "site_address": "ZI des Auréats, 26000 Valence",
        }
        shipped = self.browse()
        for channel, code, usual_name, treatment, bsd in (
            ("recycling_channel_metal", "waste_code_160216", "Métaux", "R4", False),
            (
                "recycling_channel_board",
                "waste_code_160215",
                "Cartes électroniques",
                "R4",
                "BSD-20250115-DEMO01",
            ),
        ):
            fractions = Fraction.search(
                [
                    ("channel_id", "=", ref(f"parcours_devices.{channel}").id),
                    ("order_id.state", "=", "done"),
                    ("shipment_id", "=", False),
                ]
            )
            for organisation, group in fractions.grouped("organisation_id").items():
                shipped |= self.create(
                    dict(
                        carrier,
                        date=fields.Date.context_today(self),
                        organisation_id=organisation.id,
                        company_id=group.company_id.id,
                        channel_id=group.channel_id.id,
                        fraction_ids=[fields.Command.set(group.ids)],
                        waste_code_id=ref(f"parcours_devices.{code}").id,
                        usual_name=usual_name,
                        treatment_code=treatment,
                        bsd_number=bsd,
                    )
                )
        shipped.action_send()
        return shipped
