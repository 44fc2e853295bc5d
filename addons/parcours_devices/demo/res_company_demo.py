# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging

from odoo import Command, api, models
from odoo.tools import file_open

_logger = logging.getLogger(__name__)

LOGO = "parcours_devices/demo/img/departement_drome_logo.png"


class ParcoursDemoCompany(models.AbstractModel):
    """The demo's own step on the company: no model of the addons needs it, and a
    real database never calls it."""

    _name = "parcours.demo.company"
    _description = "Parcours demo: the Département as the company"

    @api.model
    def _demo_become_departement(self, user_xmlids):
        """Make the demo's main company the Département de la Drôme.

        Called by the demo data only, before any Parcours document exists. Its
        name, postal address and a logo placeholder of its own replace Odoo's
        "My Company"; on the French chart of accounts (``l10n_fr_account``,
        which ``make run``, the Docker demo and ``make test`` install with the
        addons) its currency becomes the euro. Installed in the same run,
        ``l10n_fr_account`` loads first: Odoo loads modules by depth in the
        dependency graph, then by name, and it is two levels above ``account``
        (through ``base_iban``) as ``parcours_devices`` is at least (through
        ``stock_account``). A real département installs
        ``l10n_fr_account`` and fills its company itself (see the README).

        Odoo's other demo companies stay (the two-company tests use their own),
        but the demo logins ``user_xmlids`` work in the Département only.
        """
        # the demo records that follow name their models in French (chatter)
        self.env["res.lang"]._demo_lang(["parcours_base", "parcours_devices"])
        company = self.env.ref("base.main_company")
        with file_open(LOGO, "rb") as logo:
            logo_data = base64.b64encode(logo.read())
        company.write(
            {
                "name": "Département de la Drôme",
                "street": "Hôtel du Département",
                "street2": "26 avenue du Président Herriot",
                "zip": "26026",
                "city": "Valence Cedex",
                "country_id": self.env.ref("base.fr").id,
                "phone": "+33 4 75 79 26 26",
                "website": "https://www.ladrome.fr",
                "email": "parcours-numerique@example.org",
                "logo": logo_data,
                # invoices and partner bills give their total in words too
                "display_invoice_amount_total_words": True,
            }
        )
        company.partner_id.lang = (
            "fr_FR" if self.env["res.lang"]._lang_get("fr_FR") else "en_US"
        )
        chart = self.env["account.chart.template"]
        if self.env["ir.module.module"].search_count(
            [("name", "=", "l10n_fr_account"), ("state", "=", "installed")]
        ):
            if company.chart_template != "fr":
                # Odoo's own switch of a demo company's chart: the generic chart
                # and Odoo's demo entries of this company go, the French chart
                # comes, with the euro (no Parcours entry exists yet).
                # try_loading() would only add a warning about the registry
                # still loading, which is the case of any demo data.
                chart._load("fr", company, install_demo=False)
        else:
            # parcours_devices alone, as make test installs it: a valid setup
            _logger.info(
                "Demo: l10n_fr_account is not installed, the Département keeps "
                "Odoo's generic chart of accounts and %s",
                company.currency_id.name,
            )
        users = self.env["res.users"].browse(
            [self.env.ref(xmlid).id for xmlid in user_xmlids]
        )
        users.write(
            {
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
        )
