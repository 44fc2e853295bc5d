# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import code_translations

# The web client's messages when wkhtmltopdf is missing or broken
# (web/static/src/webclient/actions/reports/utils.js); web's French catalogue
# leaves them untranslated, with a link that shows as raw HTML.
ODOO_MESSAGES = (
    "Unable to find Wkhtmltopdf on this system. The report will be shown in "
    "html.%(link)s",
    "Your installation of Wkhtmltopdf seems to be broken. The report will be "
    "shown in html.%(link)s",
)


@tagged("post_install", "-at_install")
class TestPrintWithoutWkhtmltopdf(TransactionCase):
    """A print without wkhtmltopdf says so in one plain French sentence."""

    def test_french_plain_sentence(self):
        messages = {
            message["id"]: message["string"]
            for message in code_translations.get_web_translations(
                "parcours_devices", "fr_FR"
            )["messages"]
        }
        for source in ODOO_MESSAGES:
            with self.subTest(source=source):
                french = messages.get(source)
                self.assertTrue(french, "the web client gets a French message")
                self.assertIn("wkhtmltopdf", french)
                self.assertIn("Impression en PDF impossible", french)
                self.assertNotIn("<", french, "no raw HTML")
                self.assertNotIn("%(link)s", french)
                self.assertEqual(french.count("."), 1, "one sentence")
