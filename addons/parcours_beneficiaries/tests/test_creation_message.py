# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import BeneficiaryCase


@tagged("post_install", "-at_install")
class TestCreationMessage(BeneficiaryCase):
    """The chatter's creation message agrees with the document in French."""

    def _first_message(self, application):
        self.env.invalidate_all()
        return application.sudo().message_ids.sorted("id")[:1]

    def test_a_new_application_reads_demande_creee(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.mediator.lang = "fr_FR"
        # the chatter logs the creation: the suite's silenced mail is undone
        Application = (
            self.env["parcours.application"]
            .with_user(self.mediator)
            .with_context(mail_create_nolog=False, tracking_disable=False, lang="fr_FR")
        )
        partner = self._beneficiary(user=self.mediator)
        application = Application.create(
            {"partner_id": partner.id, "device_type": "laptop"}
        )
        body = self._first_message(application).body
        self.assertIn("Demande créée", body)
        self.assertNotIn("créé<", body.replace("créée", ""))

    def test_in_english_it_says_application_created(self):
        Application = (
            self.env["parcours.application"]
            .with_user(self.mediator)
            .with_context(mail_create_nolog=False, tracking_disable=False, lang="en_US")
        )
        partner = self._beneficiary(user=self.mediator)
        application = Application.create(
            {"partner_id": partner.id, "device_type": "laptop"}
        )
        self.assertIn("Application created", self._first_message(application).body)
