# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import datetime
import io

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ParcoursCase

HEADER = [
    "Shipment date",
    "Usual name of the waste",
    "Waste code",
    "Hazardous waste",
    "Tracking slip number (BSD)",
    "Quantity (t)",
    "Receiving site",
    "Receiving site SIRET",
    "Receiving site address",
    "Treatment code",
    "Carrier",
    "Carrier SIREN",
    "Carrier receipt number",
]


@tagged("post_install", "-at_install")
class TestWasteRegister(ParcoursCase):
    """March 2025: the ESAT dismantles two failed laptops of two lots into
    metal (1.2 + 0.8 kg) and a battery (0.3 kg); it ships the metal on 25
    March and the battery on 2 April. The register of March holds 2.0 kg."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel_battery = cls.env.ref("parcours_devices.recycling_channel_battery")
        with freeze_time("2025-03-10 10:00:00"):
            lot1 = cls._received_lot(2, prefix="WR-A", weight=2.5)
            lot2 = cls._received_lot(2, prefix="WR-B", weight=2.5)
            cls._triage(lot1, failed=(0,))
            cls._triage(lot2, failed=(0,))
        cls.lots = lot1 | lot2
        failed1 = lot1.device_ids.sorted("name")[0]
        failed2 = lot2.device_ids.sorted("name")[0]
        with freeze_time("2025-03-20 10:00:00"):
            order1 = cls._dismantle_lot(
                lot1,
                failed1,
                ("metal", 1.2, cls.channel_metal),
                ("battery", 0.3, cls.channel_battery),
            )
            order2 = cls._dismantle_lot(
                lot2, failed2, ("metal", 0.8, cls.channel_metal)
            )
        cls.metal = (order1 | order2).fraction_ids.filtered(
            lambda f: f.material == "metal"
        )
        cls.battery = order1.fraction_ids.filtered(lambda f: f.material == "battery")
        cls.Shipment = cls.env["parcours.waste.shipment"].with_user(cls.esat_user)

    @classmethod
    def _dismantle_lot(cls, lot, devices, *fractions):
        """Dismantle ``devices`` on an order of ``lot``, so that the fractions
        enter the lot's mass balance."""
        order = cls.env["parcours.work.order"].create(
            {
                "work_type": "dismantle",
                "organisation_id": cls.esat.id,
                "donation_lot_id": lot.id,
                "employee_id": cls.esat_worker.id,
                "line_ids": [Command.create({"lot_id": d.id}) for d in devices],
                "fraction_ids": [
                    Command.create(
                        {"material": material, "weight": weight, "channel_id": c.id}
                    )
                    for material, weight, c in fractions
                ],
            }
        )
        order.action_start()
        order.action_done()
        return order

    def _values(self, **values):
        return dict(
            {
                "date": "2025-03-25",
                "channel_id": self.channel_metal.id,
                "fraction_ids": [(6, 0, self.metal.ids)],
                "waste_code_id": self.env.ref("parcours_devices.waste_code_160216").id,
                "usual_name": "Métaux de démantèlement",
                "treatment_code": "R4",
                "carrier_name": "Transports Rhône",
                "carrier_siren": "123456789",
                "carrier_receipt": "26-2024-0042",
                "site_name": "Recycleur Drôme",
                "site_siret": "12345678900012",
                "site_address": "1 rue du Recyclage, 26000 Valence",
            },
            **values,
        )

    def _ship_all(self):
        metal = self.Shipment.create(self._values())
        battery = self.Shipment.create(
            self._values(
                date="2025-04-02",
                channel_id=self.channel_battery.id,
                fraction_ids=[(6, 0, self.battery.ids)],
                waste_code_id=self.env.ref("parcours_devices.waste_code_160601").id,
                usual_name="Batteries",
                treatment_code="R4",
                bsd_number="BSDA-20250402-ABCDEF",
            )
        )
        (metal | battery).action_send()
        return metal, battery

    def test_hazardous_needs_bsd(self):
        with self.assertRaisesRegex(ValidationError, "Trackdéchets"):
            self.Shipment.create(
                self._values(
                    channel_id=self.channel_battery.id,
                    fraction_ids=[(6, 0, self.battery.ids)],
                    waste_code_id=self.env.ref("parcours_devices.waste_code_160601").id,
                    bsd_number="  ",
                )
            )

    def test_identifiers_checked(self):
        for values, message in (
            ({"carrier_siren": "12345678"}, "SIREN"),
            ({"carrier_siren": "123 456 789"}, "SIREN"),
            ({"site_siret": "1234567890001"}, "SIRET"),
            ({"treatment_code": "R14"}, "Treatment code"),
            ({"treatment_code": "X4"}, "Treatment code"),
        ):
            with self.subTest(values=values):
                with self.assertRaisesRegex(ValidationError, message):
                    self.Shipment.create(self._values(**values))
        self.assertTrue(self.Shipment.create(self._values(treatment_code="D13")))

    def test_fractions_of_channel_and_organisation(self):
        with self.assertRaisesRegex(ValidationError, "its channel"):
            self.Shipment.create(
                self._values(fraction_ids=[(6, 0, (self.metal | self.battery).ids)])
            )
        # Another workshop's user neither reads nor ships the ESAT's fractions.
        other = self.env["parcours.waste.shipment"].with_user(self.esat2_user)
        with self.assertRaises(AccessError):
            other.create(self._values())
        # Nor may the ESAT hand its shipment over to another workshop.
        shipment = self.Shipment.create(self._values(fraction_ids=[]))
        with self.assertRaises(AccessError):
            shipment.write({"organisation_id": self.esat2.id})

    def test_register_xlsx_and_csv(self):
        metal, battery = self._ship_all()
        self.assertEqual(metal.weight, 2.0)
        report = self.env.ref("parcours_devices.action_report_waste_register_xlsx")
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(self.esat_user)
            ._render_xlsx(
                report.report_name,
                [],
                {"date_from": "2025-03-01", "date_to": "2025-03-31"},
            )
        )
        self.assertEqual(file_type, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), HEADER)
        self.assertEqual(len(rows), 2)
        row = dict(zip(HEADER, rows[1], strict=True))
        self.assertEqual(row["Shipment date"], datetime.datetime(2025, 3, 25))
        self.assertEqual(row["Waste code"], "16 02 16")
        self.assertEqual(row["Hazardous waste"], "No")
        self.assertEqual(row["Carrier SIREN"], "123456789")
        self.assertEqual(row["Receiving site SIRET"], "12345678900012")
        # The register adds up to the lots' mass balance: 1.2 + 0.8 kg of metal
        # shipped in March.
        self.env.invalidate_all()
        shipped = sum(
            self.lots.fraction_ids.filtered(
                lambda f: f.shipment_id.date and f.shipment_id.date.month == 3
            ).mapped("weight")
        )
        self.assertAlmostEqual(shipped, 2.0)
        self.assertAlmostEqual(row["Quantity (t)"] * 1000, shipped)

        # The whole spring: both shipments, all the lots' dismantled fractions,
        # which is what their mass balances count as recycled or residual.
        action = self.Shipment._register_shipments(
            datetime.date(2025, 3, 1), datetime.date(2025, 6, 30)
        ).action_export_register_csv()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        text = attachment.with_user(self.esat_user).raw.decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(lines[0], HEADER)
        self.assertEqual([line[2] for line in lines[1:]], ["16 02 16", "16 06 01*"])
        self.assertEqual(lines[2][3], "Yes")
        self.assertEqual(lines[2][4], "BSDA-20250402-ABCDEF")
        registered = sum(float(line[5]) for line in lines[1:]) * 1000
        self.assertAlmostEqual(registered, 2.3)
        self.assertAlmostEqual(
            registered,
            sum(self.lots.mapped("weight_recycled"))
            + sum(self.lots.mapped("weight_residual")),
        )

    def test_sent_shipment_is_frozen(self):
        """Once sent, the ESAT's user can neither edit the shipment, nor move a
        fraction out of it, nor add one to it, nor delete it, over the ORM."""
        shipment = self.Shipment.create(self._values(fraction_ids=[]))
        # A draft takes fractions; a draft without any cannot be sent.
        with self.assertRaisesRegex(UserError, "carries no fraction"):
            shipment.action_send()
        shipment.write({"fraction_ids": [Command.set(self.metal[:1].ids)]})
        with self.assertRaisesRegex(UserError, "workflow"):
            shipment.write({"state": "sent"})
        # the chatter tracks the step (the tests silence it elsewhere); a
        # record is not tracked in the transaction that creates it
        self.env.flush_all()
        self.env.cr.precommit.run()
        shipment.with_context(tracking_disable=False, mail_notrack=False).action_send()
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking is written on commit
        self.env.invalidate_all()
        self.assertEqual(shipment.state, "sent")
        self.assertIn(
            "Sent",
            shipment.sudo().message_ids.tracking_value_ids.mapped("new_value_char"),
        )
        with self.assertRaisesRegex(UserError, "already sent"):
            shipment.action_send()
        Fraction = self.env["parcours.recycling.fraction"].with_user(self.esat_user)
        kept, other = (
            Fraction.browse(self.metal[:1].id),
            Fraction.browse(self.metal[1:].id),
        )
        for write in (
            lambda: shipment.write({"treatment_code": "R5"}),
            lambda: shipment.write({"date": "2025-03-26"}),
            lambda: shipment.write({"fraction_ids": [Command.unlink(kept.id)]}),
            lambda: shipment.write({"fraction_ids": [Command.link(other.id)]}),
            lambda: kept.write({"shipment_id": False}),
            lambda: other.write({"shipment_id": shipment.id}),
            shipment.unlink,
        ):
            with self.assertRaises(UserError):
                write()
        self.env.invalidate_all()
        self.assertEqual(shipment.fraction_ids, self.metal[:1])
        self.assertEqual(shipment.treatment_code, "R4")
        self.assertEqual(shipment.weight, self.metal[:1].weight)
        # What follows the collection is still recorded on the fraction.
        kept.write({"certificate_ref": "CERT-42"})
        # A draft shipment can still be changed, and takes the other fraction.
        draft = self.Shipment.create(self._values(fraction_ids=[]))
        other.write({"shipment_id": draft.id})
        self.assertEqual(draft.fraction_ids, other)

    def test_register_lists_sent_shipments_only(self):
        draft = self.Shipment.create(self._values())
        period = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
        self.assertFalse(self.Shipment._register_shipments(*period))
        self.assertEqual(draft._register_rows(), [])
        draft.action_send()
        self.assertEqual(self.Shipment._register_shipments(*period), draft)

    def test_register_wizard_of_a_period(self):
        self._ship_all()
        Wizard = self.env["parcours.waste.register.wizard"].with_user(self.esat_user)
        wizard = Wizard.create({"date_from": "2025-03-01", "date_to": "2025-03-31"})
        self.assertEqual(wizard.organisation_id, self.esat)
        self.assertEqual(wizard.file_format, "xlsx")
        action = wizard.action_export()
        self.assertEqual(action["report_type"], "xlsx")
        content, _file_type = (
            self.env["ir.actions.report"]
            .with_user(self.esat_user)
            ._render_xlsx(action["report_name"], [], action["data"])
        )
        rows = list(
            load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
        )
        self.assertEqual(list(rows[0]), HEADER)
        self.assertEqual([row[2] for row in rows[1:]], ["16 02 16"])

        wizard.write({"file_format": "csv", "date_to": "2025-04-30"})
        action = wizard.action_export()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        text = attachment.with_user(self.esat_user).raw.decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(lines[0], HEADER)
        self.assertEqual([line[2] for line in lines[1:]], ["16 02 16", "16 06 01*"])

        wizard.write({"date_from": "2025-05-01"})
        with self.assertRaisesRegex(UserError, "swap"):
            wizard.action_export()
        # Another workshop prints its own register, never the ESAT's.
        other = self.env["parcours.waste.register.wizard"].with_user(self.esat2_user)
        with self.assertRaises(AccessError):
            other.create(
                {
                    "date_from": "2025-03-01",
                    "date_to": "2025-04-30",
                    "organisation_id": self.esat.id,
                }
            ).action_export()
        action = other.create(
            {"date_from": "2025-03-01", "date_to": "2025-04-30", "file_format": "csv"}
        ).action_export()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[-1].split("?")[0])
        )
        text = attachment.with_user(self.esat2_user).raw.decode("utf-8-sig")
        self.assertEqual(len(text.strip().splitlines()), 1)

    def test_weee_category_of_device_models(self):
        """Categories classify whole appliances: a laptop is category 2 (screen
        over 100 cm2), a desktop tower category 6; fractions have none."""
        self.assertEqual(self.laptop.parcours_weee_category, "2")
        self.assertEqual(self.desktop.parcours_weee_category, "6")
        all_in_one = self.env["product.template"].create(
            {"name": "All-in-one", "parcours_device_type": "desktop"}
        )
        self.assertEqual(all_in_one.parcours_weee_category, "6")
        all_in_one.parcours_weee_category = "2"
        self.env.invalidate_all()
        self.assertEqual(all_in_one.parcours_weee_category, "2")
        self.assertNotIn("weee_category", self.env["parcours.recycling.fraction"])
        self.assertNotIn("weee_category", self.env["parcours.recycling.channel"])
