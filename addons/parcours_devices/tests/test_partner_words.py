# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged
from odoo.tools.translate import code_translations

from odoo.addons.parcours_base import french_of, selection_label

from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestPartnerWords(ParcoursCase):
    """What partners read, in French: plain words, none of the stock's jargon,
    and no "Prêt" that could be the ready stage or a loan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["stock", "parcours_devices"], ["fr_FR"]
        )
        cls.esat_user.lang = "fr_FR"

    def _field_strings(self, view_ref):
        view = self.env.ref(view_ref)
        arch = (
            self.env["stock.lot"]
            .with_user(self.esat_user)
            .with_context(lang="fr_FR")
            .get_views([(view.id, view.type)])["views"][view.type]["arch"]
        )
        return {
            node.get("name"): node.get("string")
            for node in etree.fromstring(arch).iter("field")
        }

    def test_french_elision(self):
        self.assertEqual(french_of("ESAT Messidor"), "d'ESAT Messidor")
        self.assertEqual(french_of("Élan numérique"), "d'Élan numérique")
        self.assertEqual(french_of("Habitat solidaire"), "d'Habitat solidaire")
        self.assertEqual(french_of("PIHC"), "de PIHC")

    def test_handoffs_of_an_organisation_elide(self):
        workshop = self.env["parcours.organisation"].create(
            {"name": "ESAT Messidor", "role": "workshop"}
        )
        self.assertEqual(
            workshop.handoff_type_id.with_context(lang="fr_FR").name,
            "Transmissions d'ESAT Messidor",
        )

    def test_serial_number_not_lot(self):
        for view_ref in (
            "parcours_devices.stock_lot_view_list",
            "parcours_devices.stock_lot_view_form_device",
        ):
            with self.subTest(view=view_ref):
                self.assertEqual(
                    self._field_strings(view_ref)["name"], "Numéro de série"
                )

    def test_ready_is_not_a_loan(self):
        lot = self.env["stock.lot"].with_user(self.esat_user).with_context(lang="fr_FR")
        label = selection_label(lot, "parcours_stage", "ready")
        self.assertEqual(label, "Disponible")
        labels = [
            name
            for __, name in lot._fields["parcours_stage"]._description_selection(
                lot.env
            )
        ]
        self.assertFalse([name for name in labels if name.lower() == "prêt"])

    def test_row_button_reads_voir(self):
        # The row's button that opens its form, in every list of the web client.
        bundle = self.env["ir.qweb"]._get_asset_bundle("web.assets_backend")
        templates = "".join(
            asset.content
            for asset in bundle.templates
            if "parcours_devices" in asset.url
        )
        self.assertIn("o_list_record_open_form_view", templates)
        self.assertIn(">See</button>", templates)
        terms = code_translations.get_web_translations("parcours_devices", "fr_FR")
        self.assertIn({"id": "See", "string": "Voir"}, terms["messages"])

    def test_reception_not_a_stock_reference(self):
        lot = self._received_lot(2, prefix="RECEP")
        picking = lot.picking_id
        self.assertTrue(picking)
        as_partner = lot.with_user(self.esat_user).with_context(lang="fr_FR")
        as_partner.invalidate_recordset()
        shown = as_partner.picking_id.display_name
        self.assertTrue(shown.startswith("Réception du "), shown)
        self.assertNotIn(picking.name, shown)
        # The stock's users keep the reference they search and file by.
        self.assertEqual(
            picking.with_user(self.env.ref("base.user_admin")).display_name,
            picking.name,
        )

    def test_handoff_states_are_not_ready(self):
        picking = self.env["stock.picking"].with_user(self.esat_user)
        labels = dict(
            picking.with_context(lang="fr_FR")
            ._fields["parcours_handoff_state"]
            ._description_selection(picking.with_context(lang="fr_FR").env)
        )
        self.assertEqual(labels["sent"], "Envoyé, à réceptionner")
        self.assertEqual(labels["received"], "Reçu")
        arch = picking.get_views(
            [
                (
                    self.env.ref("parcours_devices.stock_picking_view_form_handoff").id,
                    "form",
                )
            ]
        )["views"]["form"]["arch"]
        statusbar = etree.fromstring(arch).xpath("//field[@widget='statusbar']")
        self.assertEqual(
            [node.get("name") for node in statusbar], ["parcours_handoff_state"]
        )
