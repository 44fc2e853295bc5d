from . import parcours_report_xlsx
from . import parcours_hours_xlsx
from . import parcours_partner_payment_xlsx
from . import ir_actions_report
from . import parcours_waste_register_xlsx
