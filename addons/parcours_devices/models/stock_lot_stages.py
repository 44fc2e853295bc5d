# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The device's stage machine, as one table.

Every step of the chain that changes a device's stage is named here with the
moves it may make, ``{step: {(stage before, stage after), ...}}``, as OCA
``contract`` declares in ``contract_line_constraints.py`` what a contract line
allows in each situation. ``stock.lot._parcours_set_stage(stage, step=...)``
checks each device against it, in one place; the layers above the device
chain add their own steps (the loans) by extending
``_parcours_stage_transitions`` with ``super()``.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.parcours_base import selection_label


def moves(sources, target):
    """The moves of a step that takes devices from any of ``sources`` to ``target``."""
    return {(source, target) for source in sources}


STAGE_TRANSITIONS = {
    # a work order starts: its devices enter work (dismantling keeps their stage)
    "triage_start": moves(["received"], "in_triage"),
    "dismantle_start": moves(["to_recycle"], "to_recycle"),
    "refurbish_start": moves(["to_refurbish"], "refurbishing"),
    # a work order is done: each device takes its verdict
    "triage_pass": moves(["in_triage"], "to_refurbish"),
    "triage_fail": moves(["in_triage"], "to_recycle"),
    "dismantle_done": moves(["to_recycle"], "recycled"),
    "refurbish_done": moves(["refurbishing"], "ready"),
    # a work order in progress is cancelled: each device goes back where it was
    "work_cancel": {
        ("in_triage", "received"),
        ("to_recycle", "to_recycle"),
        ("refurbishing", "to_refurbish"),
    },
}


class StockLot(models.Model):
    _inherit = "stock.lot"

    @api.model
    def _parcours_stage_transitions(self):
        """The stage machine: {step: {(stage before, stage after)}}.

        Extend with ``super()``; add to the set of a step rather than replace it.
        """
        return {step: set(pairs) for step, pairs in STAGE_TRANSITIONS.items()}

    @api.model
    def _parcours_work_stages(self, work_type):
        """Stages a device may have to enter a work order of ``work_type``."""
        pairs = self._parcours_stage_transitions()["%s_start" % work_type]
        return sorted({before for before, _after in pairs})

    @api.model
    def _parcours_work_progress_stage(self, work_type):
        """The stage a device has while its work order of ``work_type`` runs."""
        (stage,) = {
            after
            for _before, after in self._parcours_stage_transitions()[
                "%s_start" % work_type
            ]
        }
        return stage

    def _parcours_set_stage(self, stage, *, step):
        """Move devices to ``stage`` by ``step``: the one path that changes a stage.

        Only business methods call it, once they checked that the user may
        take the step on their own record. Each device must be at a stage from
        which ``step`` leads to ``stage`` (``_parcours_stage_transitions``),
        or nothing moves. The date the device entered its stage moves only for
        the devices whose stage changes.
        """
        transitions = self._parcours_stage_transitions()
        if step not in transitions:
            # a programming error, not the user's: every step is in the table
            raise ValueError("No step %r changes the stage of a device." % step)
        # sudo: partner accounts only read devices (no right to write stock.lot);
        # the stage follows from their checked step and from the table above.
        moved = self.sudo().filtered(lambda device: device.parcours_stage != stage)
        allowed = transitions[step]
        for device in moved:
            if (device.parcours_stage, stage) not in allowed:
                raise UserError(
                    self.env._(
                        "Device %(serial)s is at stage %(stage)s: this step cannot "
                        "move it to %(target)s. Refresh the page: another step may "
                        "have moved it in the meantime.",
                        serial=device.name,
                        stage=selection_label(device, "parcours_stage")
                        or self.env._("none"),
                        target=selection_label(device, "parcours_stage", stage),
                    )
                )
        if moved:
            moved.write(
                {"parcours_stage": stage, "parcours_stage_date": fields.Datetime.now()}
            )
