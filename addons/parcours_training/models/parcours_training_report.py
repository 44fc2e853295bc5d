# Copyright 2026 Département de la Drôme
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class ParcoursTrainingReport(models.Model):
    """Workshops analysis: one row per registration to a Parcours workshop.

    People trained, hours and attendance rate by third place, workshop type
    and month, as pivot and graph. Cancelled registrations are left out; the
    attendance rate counts the registrations whose attendance is marked.
    """

    _name = "parcours.training.report"
    _description = "Training analysis"
    _auto = False
    _depends = {
        "event.event": [
            "parcours_place_id",
            "event_type_id",
            "user_id",
            "date_begin",
            "parcours_duration",
        ],
        "event.registration": ["event_id", "partner_id", "state", "active"],
    }
    _order = "date desc"

    event_id = fields.Many2one("event.event", string="Workshop", readonly=True)
    place_id = fields.Many2one(
        "parcours.organisation", string="Third place", readonly=True
    )
    event_type_id = fields.Many2one("event.type", string="Workshop type", readonly=True)
    trainer_id = fields.Many2one("res.users", string="Trainer", readonly=True)
    date = fields.Datetime(string="Workshop date", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    trained_partner_id = fields.Many2one(
        "res.partner", string="People trained", readonly=True
    )
    state = fields.Selection(
        [("draft", "Unconfirmed"), ("open", "Registered"), ("done", "Attended")]
        + [("absent", "Absent")],
        string="Attendance",
        readonly=True,
    )
    registration_count = fields.Integer(string="Registrations", readonly=True)
    attended_count = fields.Integer(string="People present", readonly=True)
    absent_count = fields.Integer(string="Absent", readonly=True)
    hours = fields.Float(string="Hours of training", readonly=True)
    attendance_rate = fields.Float(
        string="Attendance rate (%)", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    SELECT registration.id AS id,
                           registration.event_id AS event_id,
                           event.parcours_place_id AS place_id,
                           event.event_type_id AS event_type_id,
                           event.user_id AS trainer_id,
                           event.date_begin AS date,
                           registration.partner_id AS partner_id,
                           CASE WHEN registration.state = 'done'
                                THEN registration.partner_id END
                               AS trained_partner_id,
                           registration.state AS state,
                           1 AS registration_count,
                           CASE WHEN registration.state = 'done' THEN 1 ELSE 0 END
                               AS attended_count,
                           CASE WHEN registration.state = 'absent' THEN 1 ELSE 0 END
                               AS absent_count,
                           CASE WHEN registration.state = 'done'
                                THEN event.parcours_duration ELSE 0 END AS hours,
                           CASE WHEN registration.state = 'done' THEN 100.0
                                WHEN registration.state = 'absent' THEN 0.0 END
                               AS attendance_rate
                      FROM event_registration registration
                      JOIN event_event event ON event.id = registration.event_id
                     WHERE event.parcours_place_id IS NOT NULL
                       AND registration.active
                       AND registration.state != 'cancel'
                )""",
                SQL.identifier(self._table),
            )
        )
