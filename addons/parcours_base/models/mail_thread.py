# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailThread(models.AbstractModel):
    """The chatter's creation message, agreeing with the document in French.

    Core writes "<model description> created", translated as "%s créé" for
    every document, so a feminine one reads "Convention … créé". The Parcours
    documents whose French name is feminine say their own sentence instead;
    the masculine ones keep core's. Kept in one place, by model name, so that
    each sentence is a literal term of this addon's catalogue and the models
    of the other addons need no override of their own.
    """

    _inherit = "mail.thread"

    def _creation_message(self):
        messages = {
            "parcours.organisation": lambda: self.env._("Organisation created"),
            "parcours.application": lambda: self.env._("Application created"),
            "parcours.loan.agreement": lambda: self.env._("Loan agreement created"),
            "parcours.pass.claim": lambda: self.env._("Pass numérique claim created"),
            "parcours.skill.assessment": lambda: self.env._(
                "Skills assessment created"
            ),
        }
        if self._name in messages:
            self.ensure_one()
            return messages[self._name]()
        return super()._creation_message()
