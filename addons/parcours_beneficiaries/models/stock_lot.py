# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# The stages of a device once the third places lend it.
LOAN_STAGES = ["reserved", "lent", "returned", "lost", "given"]
# The steps of a loan in the device's stage machine (see parcours_devices'
# stock_lot_stages.py): {step: {(stage before, stage after)}}.
LOAN_TRANSITIONS = {
    # allocated to an application, or put on an agreement in place of another
    "loan_reserve": {("ready", "reserved")},
    # no open agreement reserves it any more
    "loan_release": {("reserved", "ready")},
    "loan_handover": {("reserved", "lent")},
    "loan_end": {("lent", "returned"), ("lent", "lost"), ("lent", "given")},
}


class StockLot(models.Model):
    _inherit = "stock.lot"
    # A device's loans come from allocations only.
    _parcours_protected_fields = ("parcours_agreement_ids",)

    parcours_stage = fields.Selection(
        selection_add=[
            ("ready",),
            ("reserved", "Reserved"),
            ("lent", "Lent"),
            ("returned", "Returned"),
            ("lost", "Lost"),
            ("given", "Given to the beneficiary"),
        ],
        # Without the loans, a device reserved or returned is again one of the
        # chain; one lent, lost or given has left it.
        ondelete={
            "reserved": "set ready",
            "returned": "set to_refurbish",
            "lent": "set null",
            "lost": "set null",
            "given": "set null",
        },
    )

    parcours_agreement_ids = fields.One2many(
        "parcours.loan.agreement",
        "lot_id",
        string="Loans",
        groups="parcours_beneficiaries.group_mediator,parcours_devices.group_officer,"
        "parcours_devices.group_accountant",
    )

    @api.model
    def _parcours_reused_stages(self):
        return super()._parcours_reused_stages() + LOAN_STAGES

    @api.model
    def _parcours_stage_transitions(self):
        transitions = super()._parcours_stage_transitions()
        # A returned device is erased and checked again before a new loan.
        transitions["refurbish_start"].add(("returned", "refurbishing"))
        transitions["work_cancel"].add(("refurbishing", "returned"))
        transitions.update(LOAN_TRANSITIONS)
        return transitions

    @api.model
    def _parcours_handoff_routes(self):
        routes = super()._parcours_handoff_routes()
        routes[("third_place", "refurbisher")] = [
            *routes.get(("third_place", "refurbisher"), []),
            "returned",
        ]
        return routes

    def _parcours_outcome(self):
        stage = self.parcours_stage
        if stage == "reserved":
            return self.env._("Refurbished, reserved for a resident")
        if stage in ("lent", "returned"):
            return self.env._("Refurbished and lent to a resident")
        if stage == "lost":
            return self.env._("Refurbished and lent, then lost")
        if stage == "given":
            return self.env._("Refurbished, lent, then given to the resident")
        return super()._parcours_outcome()
