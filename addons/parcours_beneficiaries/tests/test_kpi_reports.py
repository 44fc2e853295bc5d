# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ContributionCase

MARCH, APRIL = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)


@tagged("post_install", "-at_install")
class TestKpiReports(ContributionCase):
    """Every figure of loans, contributions and beneficiaries, counted by hand."""

    def _read_group(self, model, domain, groupby, aggregates, user=None):
        return (
            self.env[model]
            .with_user(user or self.officer)
            ._read_group(domain, groupby, aggregates)
        )

    def test_devices_lent_per_month(self):
        groups = self._read_group(
            "parcours.device.flow.report",
            [("lot_id", "in", self.agreements.lot_id.ids), ("kind", "=", "lent")],
            ["date:month", "organisation_id"],
            ["__count"],
        )
        self.assertEqual(groups, [(MARCH, self.place, 2)])

    def test_active_loans_and_loans_ending_soon(self):
        domain = [("agreement_id", "in", self.agreements.ids)]
        self.assertEqual(
            dict(
                self._read_group("parcours.loan.report", domain, ["state"], ["__count"])
            ),
            {"active": 2, "signed": 2},
        )
        Loan = self.env["parcours.loan.report"].with_user(self.officer)
        # Alice's loan ends on 2027-03-05, Bruno's on 2027-03-20.
        for today, soon, past in (
            ("2027-01-03", [], []),
            ("2027-01-10", [self.alice], []),
            ("2027-02-01", [self.alice, self.bruno], []),
            ("2027-03-10", [self.bruno], [self.alice]),
        ):
            with self.subTest(today=today), freeze_time(today):
                self.assertEqual(
                    Loan.search(domain + [("ending_soon", "=", True)]).agreement_id,
                    self.env["parcours.loan.agreement"].concat(*soon),
                )
                self.assertEqual(
                    Loan.search(domain + [("past_term", "=", True)]).agreement_id,
                    self.env["parcours.loan.agreement"].concat(*past),
                )
                self.assertEqual(
                    Loan.search_count(domain + [("ending_soon", "=", False)]),
                    4 - len(soon),
                )

    def _contributions(self, user=None):
        return {
            (kind, month): (count, amount)
            for kind, month, count, amount in self._read_group(
                "parcours.contribution.report",
                [("agreement_id", "in", self.agreements.ids)],
                ["kind", "date:month"],
                ["__count", "amount:sum"],
                user=user,
            )
        }

    def test_contributions_due_collected_waived(self):
        self.assertEqual(
            self._contributions(),
            {
                ("due", MARCH): (2, 50.0),
                ("due", APRIL): (1, 25.0),
                ("collected", MARCH): (2, 50.0),
                ("to_remit", MARCH): (2, 50.0),
                ("waived", APRIL): (1, 25.0),
            },
        )
        methods = dict(
            self._read_group(
                "parcours.contribution.report",
                [
                    ("agreement_id", "in", self.agreements.ids),
                    ("kind", "=", "collected"),
                ],
                ["method"],
                ["amount:sum"],
            )
        )
        self.assertEqual(methods, {"cash": 25.0, "cheque": 25.0})

    def test_remitted_contributions_leave_the_cash_office(self):
        remittance = self._remittance(self.mediator)
        remittance.action_collect()
        # On a draft slip, still in the cash office.
        self.assertEqual(self._contributions()[("to_remit", MARCH)], (2, 50.0))
        with freeze_time("2025-04-01 09:00:00"):
            remittance.action_remit()
        figures = self._contributions(user=self.accountant)
        self.assertEqual(figures[("remitted", APRIL)], (2, 50.0))
        self.assertNotIn(("to_remit", MARCH), figures)
        [(place, amount)] = self._read_group(
            "parcours.contribution.report",
            [("kind", "=", "remitted"), ("remittance_id", "=", remittance.id)],
            ["place_id"],
            ["amount:sum"],
        )
        self.assertEqual((place, amount), (self.place, 50.0))

    def test_beneficiaries_by_commune_and_profile(self):
        domain = [("place_id", "=", self.place.id)]

        def counts(dimension, field):
            return dict(
                self._read_group(
                    "parcours.beneficiary.report",
                    domain + [("dimension", "=", dimension)],
                    [field],
                    ["beneficiary_count:sum"],
                )
            )

        self.assertEqual(counts("commune", "city"), {"Crest": 3, "Saillans": 1})
        self.assertEqual(
            counts("digital_level", "digital_level"),
            {"beginner": 1, "none": 1, "basic": 2},
        )
        self.assertEqual(counts("criterion", "criterion_id"), {self.criterion: 4})
        self.assertEqual(
            counts("commune", "first_loan_month:month"), {MARCH: 2, False: 2}
        )

    def test_beneficiary_report_names_nobody(self):
        Report = self.env["parcours.beneficiary.report"].with_user(self.officer)
        rows = Report.search_read(
            [("place_id", "=", self.place.id)], list(Report._fields)
        )
        self.assertTrue(rows)
        names = set(self.agreements.partner_id.mapped("name"))
        for row in rows:
            self.assertFalse(names & {str(value) for value in row.values()})
        self.assertFalse(
            {"partner_id", "name"} & set(Report._fields), "no field names a person"
        )

    def test_access_by_role(self):
        for model in ("parcours.loan.report", "parcours.contribution.report"):
            self.env[model].with_user(self.accountant).search_count([])
        with self.assertRaises(AccessError):
            self.env["parcours.beneficiary.report"].with_user(
                self.accountant
            ).search_count([])
        for user in (self.mediator, self.esat_user, self.place_user):
            for model in (
                "parcours.loan.report",
                "parcours.contribution.report",
                "parcours.beneficiary.report",
            ):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search_count([])
