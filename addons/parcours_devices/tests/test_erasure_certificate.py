# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..models.parcours_erasure_techniques import VALID_TECHNIQUES
from .common import ParcoursCase


@tagged("post_install", "-at_install")
class TestErasureCertificate(ParcoursCase):
    """Each disk's sanitisation fits NIST SP 800-88 and prints as a certificate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.verifier = cls.env["hr.employee"].create(
            {
                "name": "Supervisor V",
                "parcours_organisation_id": cls.pihc.id,
                "parcours_worker_type": "staff",
            }
        )
        lot = cls._received_lot(2, prefix="ER")
        cls._triage(lot)
        cls.devices = lot.device_ids.sorted("name")
        cls._send(cls.devices, cls.pihc)
        cls.order = (
            cls.env["parcours.work.order"]
            .with_user(cls.pihc_user)
            .create(
                {
                    "work_type": "refurbish",
                    "organisation_id": cls.pihc.id,
                    "line_ids": [Command.create({"lot_id": d.id}) for d in cls.devices],
                }
            )
        )
        cls.order.action_start()
        cls.line = cls.order.line_ids.filtered(
            lambda line: line.lot_id == cls.devices[0]
        )

    def _erase(self, **values):
        return (
            self.env["parcours.erasure"]
            .with_user(self.pihc_user)
            .create(
                dict(
                    {
                        "line_id": self.line.id,
                        "disk_serial": "S4EVNX0001",
                        "disk_make": "Samsung",
                        "disk_model": "PM981",
                        "disk_type": "nvme",
                        "level": "purge",
                        "method": "nvme_sanitize",
                        "tool": "nvme-cli",
                        "tool_version": "2.8",
                        "place": "Atelier PIHC, Valence",
                        "employee_id": self.pihc_worker.id,
                        "verifier_id": self.verifier.id,
                        "verification_method": "full",
                        "result": "passed",
                    },
                    **values,
                )
            )
        )

    def test_table_covers_every_media_and_category(self):
        Erasure = self.env["parcours.erasure"]
        media = {key for key, __ in Erasure._fields["disk_type"].selection}
        levels = {key for key, __ in Erasure._fields["level"].selection}
        methods = {key for key, __ in Erasure._fields["method"].selection}
        self.assertEqual(set(VALID_TECHNIQUES), media)
        for by_level in VALID_TECHNIQUES.values():
            self.assertEqual(set(by_level), levels)
            for valid in by_level.values():
                self.assertTrue(valid)
                self.assertLessEqual(valid, methods)

    def test_valid_combination_is_recorded(self):
        erasure = self._erase()
        self.assertEqual(erasure.lot_id, self.devices[0])
        self.assertEqual(erasure.organisation_id, self.pihc)

    def test_degaussing_flash_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._erase(disk_type="ssd", method="degauss")
        message = str(caught.exception)
        self.assertIn("Degaussing does not reach Purge on SATA SSD", message)
        self.assertIn("ATA sanitize command", message)

    def test_overwrite_is_not_a_purge_on_flash(self):
        for media in ("ssd", "nvme", "emmc", "flash"):
            with self.subTest(media=media), self.assertRaises(ValidationError) as c:
                self._erase(disk_type=media, method="overwrite")
            self.assertIn("Overwrite does not reach Purge", str(c.exception))
        # Overwrite stays a Clear of flash, and of a hard disk.
        self._erase(disk_type="nvme", level="clear", method="overwrite")
        self._erase(
            disk_serial="WD-1", disk_type="hdd", level="clear", method="overwrite"
        )

    def test_legacy_secure_erase_is_no_purge_of_an_ssd(self):
        with self.assertRaises(ValidationError):
            self._erase(disk_type="ssd", method="secure_erase")
        self._erase(disk_type="hdd", method="secure_erase")

    def test_changing_the_media_later_is_checked(self):
        erasure = self._erase()
        with self.assertRaises(ValidationError):
            erasure.write({"disk_type": "hdd"})

    def test_destroyed_disk_cannot_be_reused(self):
        with self.assertRaises(ValidationError) as caught:
            self._erase(level="destroy", method="shred")
        self.assertIn("set its destination to destroyed", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._erase(disk_type="hdd", method="degauss")
        self._erase(level="destroy", method="shred", destination="destroyed")

    def test_verifier_must_be_another_person_when_the_company_says_so(self):
        self.pihc.company_id.parcours_erasure_two_people = False
        self._erase(disk_serial="ONE", verifier_id=self.pihc_worker.id)
        self._erase(disk_serial="NONE", verifier_id=False)
        self.pihc.company_id.parcours_erasure_two_people = True
        with self.assertRaises(ValidationError) as caught:
            self._erase(verifier_id=self.pihc_worker.id)
        self.assertIn("the verifier must be another person", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._erase(verifier_id=False)
        erasure = self._erase(verifier_id=False, result="pending")
        with self.assertRaises(ValidationError):
            erasure.write({"result": "passed"})
        erasure.write({"result": "passed", "verifier_id": self.verifier.id})

    def test_certificates_render(self):
        erasure = self._erase()
        Report = self.env["ir.actions.report"].with_user(self.pihc_user)
        html = Report._render_qweb_html(
            "parcours_devices.report_erasure_certificate", erasure.ids
        )[0].decode()
        for text in (
            "NIST SP 800-88 Rev. 2",
            "S4EVNX0001",
            "Samsung",
            "PM981",
            "nvme-cli",
            "Atelier PIHC, Valence",
            "Insertion worker C",
            "Supervisor V",
            self.pihc.name,
            self.devices[0].name,
        ):
            self.assertIn(text, html)
        html = Report._render_qweb_html(
            "parcours_devices.report_device_erasure_certificate", self.devices.ids
        )[0].decode()
        self.assertIn("S4EVNX0001", html)
        self.assertIn("NIST SP 800-88 Rev. 2", html)
        self.assertEqual(html.count("NIST SP 800-88 Rev. 2"), 1)

    def test_other_organisation_cannot_read_the_certificate(self):
        erasure = self._erase()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["parcours.erasure"].with_user(self.esat_user).browse(
                erasure.id
            ).read(["disk_serial"])

    def test_donation_certificate_lists_the_disks(self):
        self._erase()
        lot = self.devices.parcours_donation_lot_id
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render_qweb_html("parcours_devices.report_donation_certificate", lot.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Certificates of sanitisation of the disks", html)
        self.assertIn("S4EVNX0001", html)
        # The triage workshop prints it too, without access to the erasures.
        html = (
            self.env["ir.actions.report"]
            .with_user(self.esat_user)
            ._render_qweb_html("parcours_devices.report_donation_certificate", lot.ids)[
                0
            ]
            .decode()
        )
        self.assertNotIn("S4EVNX0001", html)

    def test_import_reads_the_certificate_fields(self):
        lot = self._received_lot(1, prefix="ERI")
        self._triage(lot)
        self._send(lot.device_ids, self.pihc)
        report = (
            self.env["parcours.api"]
            .with_user(self.pihc_user)
            .import_refurbishment(
                rows=[
                    {
                        "serial": lot.device_ids.name,
                        "tests": "oui",
                        "disque": "WD-IMPORT",
                        "type de disque": "HDD",
                        "niveau": "Clear",
                        "méthode": "Overwrite",
                        "outil": "nwipe",
                        "version de l'outil": "0.35",
                        "marque du disque": "WD",
                        "modèle du disque": "Blue",
                        "lieu": "Valence",
                        "opérateur": "Insertion worker C",
                        "vérifié par": "Supervisor V",
                        "vérification": "ok",
                        "os": "Linux Mint 22",
                        "grade": "B",
                        "worker": "Insertion worker C",
                        "hours": 3,
                    }
                ]
            )
        )
        self.assertTrue(report["written"], report)
        erasure = lot.device_ids.parcours_erasure_ids
        self.assertEqual(
            (erasure.disk_make, erasure.disk_model, erasure.tool_version),
            ("WD", "Blue", "0.35"),
        )
        self.assertEqual(erasure.place, "Valence")
        self.assertEqual(erasure.verifier_id, self.verifier)
