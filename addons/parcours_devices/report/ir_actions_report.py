# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import subprocess

from odoo import api, models
from odoo.tools.misc import find_in_path


@functools.cache
def _wkhtmltopdf_prints_headers():
    """Whether this wkhtmltopdf prints the page header and footer.

    Only the builds "with patched qt" do (wkhtmltopdf.org's packages, the
    odoo:18.0 image); Debian's package ignores --header-html, so the company's
    letterhead would be missing from every paper. Asked once per process.
    """
    try:
        out = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"],
            capture_output=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"patched qt" in out.lower()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _parcours_letterhead_in_body(self, report_type):
        """Print the company's identity in the page itself.

        True for a PDF when wkhtmltopdf drops the page header: the papers of
        the Parcours then still carry the company's logo, name and address
        (``parcours_devices.report_letterhead``).
        """
        return report_type == "pdf" and not _wkhtmltopdf_prints_headers()
