# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import DISABLED_MAIL_CONTEXT, ParcoursCase

NUMBERED = ("parcours.donation.lot", "parcours.work.order.triage", "parcours.handoff")


@tagged("post_install", "-at_install")
class TestTwoDepartements(ParcoursCase):
    """Two départements in one database, each a company with its own partners.

    Nothing crosses from one to the other: records, devices, bills, numbering.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The Drôme (the main company) numbers already: the sequences of the data
        # files are its own, the new départements get theirs.
        for code in NUMBERED:
            cls.env["ir.sequence"]._parcours_company_sequence(code, cls.env.company)
        cls.departements = {}
        for code, name in (("07", "Ardèche"), ("38", "Isère")):
            company = cls.env["res.company"].create({"name": f"Département {name}"})
            env = cls.env(
                context=dict(
                    cls.env.context,
                    allowed_company_ids=[company.id],
                    **DISABLED_MAIL_CONTEXT,
                )
            )
            Organisation = env["parcours.organisation"]
            workshop = Organisation.create({"name": f"ESAT {name}", "role": "workshop"})
            refurbisher = Organisation.create(
                {"name": f"Refurbisher {name}", "role": "refurbisher"}
            )
            donor = Organisation.create({"name": f"Donor {name}", "role": "donor"})
            worker = env["hr.employee"].create(
                {
                    "name": f"Worker {name}",
                    "company_id": company.id,
                    "parcours_organisation_id": workshop.id,
                    "parcours_worker_type": "supported",
                }
            )
            env["parcours.unit.price"].create(
                {"organisation_id": workshop.id, "work_type": "triage", "price": 9.0}
            )

            def user(login, group, organisation, company=company, code=code):
                return new_test_user(
                    cls.env,
                    login=f"{login}_{code}",
                    groups=f"base.group_user,parcours_devices.{group}",
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                    parcours_organisation_id=organisation.id,
                )

            cls.departements[code] = {
                "company": company,
                "env": env,
                "workshop": workshop,
                "refurbisher": refurbisher,
                "donor": donor,
                "worker": worker,
                "operator": user("esat", "group_workshop_operator", workshop),
                "officer": user("officer", "group_officer", workshop),
                "manager": user("manager", "group_manager", workshop),
            }

    def _lot(self, code, prefix="D"):
        """A lot received at the département's workshop, by its operator."""
        departement = self.departements[code]
        Lot = self.env["parcours.donation.lot"].with_user(departement["operator"])
        lot = Lot.create(
            {
                "donor_id": departement["donor"].id,
                "workshop_id": departement["workshop"].id,
            }
        )
        lot._receive_devices(self._rows(2, prefix=f"{prefix}{code}-"))
        return lot

    def test_each_departement_numbers_from_one(self):
        with freeze_time("2026-05-04"):
            ardeche, isere = self._lot("07"), self._lot("38")
            self.assertEqual(ardeche.name, "DON/2026/0001")
            self.assertEqual(isere.name, "DON/2026/0001")
            self.assertEqual(self._lot("07", prefix="E").name, "DON/2026/0002")
            for lot in (ardeche, isere):
                order = self._triage(lot, worker=self._worker(lot))
                self.assertEqual(order.name, "TRI/2026/0001")
            handoffs = [
                lot.device_ids._parcours_handoff(self.departements[code]["refurbisher"])
                for code, lot in (("07", ardeche), ("38", isere))
            ]
        self.assertEqual([h.name for h in handoffs], ["TRA/2026/0001"] * 2)
        self.assertEqual(handoffs[0].company_id, self.departements["07"]["company"])
        self.assertNotEqual(
            handoffs[0].picking_type_id.sequence_id,
            handoffs[1].picking_type_id.sequence_id,
        )

    def _worker(self, lot):
        return next(
            d["worker"]
            for d in self.departements.values()
            if d["company"] == lot.company_id
        )

    def test_records_and_devices_stay_in_their_departement(self):
        ardeche, isere = self._lot("07"), self._lot("38")
        self.assertEqual(ardeche.company_id, self.departements["07"]["company"])
        self.assertEqual(
            set(ardeche.device_ids.mapped("company_id")),
            {self.departements["07"]["company"]},
        )
        workshop = self.departements["07"]["workshop"]
        self.assertEqual(workshop.location_id.company_id, ardeche.company_id)
        self.assertEqual(workshop.location_id.location_id.parcours_usage, "root")
        self.assertEqual(
            workshop.location_id.location_id.company_id, ardeche.company_id
        )
        for code, lot, other in (("07", ardeche, isere), ("38", isere, ardeche)):
            for role in ("operator", "officer", "manager"):
                user = self.departements[code][role]
                with self.subTest(departement=code, user=user.login):
                    self.assertEqual(
                        self.env["parcours.donation.lot"].with_user(user).search([]),
                        lot,
                    )
                    self.assertEqual(
                        self.env["stock.lot"]
                        .with_user(user)
                        .search([("parcours_stage", "!=", False)]),
                        lot.device_ids,
                    )
                    self.assertFalse(
                        self.env["parcours.organisation"]
                        .with_user(user)
                        .search([("id", "in", other.workshop_id.ids)])
                    )
                    with self.assertRaises(AccessError):
                        other.with_user(user).read(["name"])
        # The Drôme's own accounts see neither.
        for user in (self.officer, self.esat_user):
            self.assertFalse(
                self.env["parcours.donation.lot"]
                .with_user(user)
                .search([("id", "in", (ardeche | isere).ids)])
            )

    def test_devices_do_not_cross(self):
        ardeche = self._lot("07")
        self._triage(ardeche, worker=self.departements["07"]["worker"])
        devices = ardeche.device_ids
        isere = self.departements["38"]
        with self.assertRaises(UserError) as caught:
            devices.with_user(self.departements["07"]["operator"])._parcours_handoff(
                isere["refurbisher"]
            )
        self.assertIn("holds no devices of this département", str(caught.exception))
        # Nor into a work order of the other département, even by the superuser.
        with self.assertRaises(UserError):
            self.env["parcours.work.order"].create(
                {
                    "work_type": "triage",
                    "organisation_id": isere["workshop"].id,
                    "company_id": isere["company"].id,
                    "line_ids": [Command.create({"lot_id": devices[0].id})],
                }
            )
        self.env.invalidate_all()
        self.assertFalse(devices.parcours_handoff_id)
        self.assertEqual(
            devices.parcours_holder_id, self.departements["07"]["workshop"]
        )

    def test_bills_stay_in_their_departement(self):
        for departement in self.departements.values():
            self.env["account.chart.template"].try_loading(
                "generic_coa", company=departement["company"], install_demo=False
            )
        with freeze_time("2026-03-10"):
            lots = {code: self._lot(code) for code in self.departements}
            for code, lot in lots.items():
                self._triage(lot, worker=self.departements[code]["worker"])
        for code, departement in self.departements.items():
            with self.subTest(departement=code):
                Line = self.env["parcours.work.order.line"].with_user(
                    departement["manager"]
                )
                bills = Line._parcours_create_bills(
                    lots[code].work_order_ids.date_done,
                    lots[code].work_order_ids.date_done,
                )
                self.assertEqual(bills.company_id, departement["company"])
                self.assertEqual(bills.partner_id, departement["workshop"].partner_id)
                self.assertEqual(bills.journal_id.company_id, departement["company"])
                self.assertEqual(lots[code].work_order_ids.line_ids.bill_id, bills)
                self.assertEqual(bills.amount_untaxed, 18.0)
