from . import parcours_lot_intake
from . import parcours_lot_intake_line
from . import parcours_partner_period_mixin
from . import parcours_partner_bill_wizard
from . import parcours_handoff_wizard
from . import parcours_partner_payment_wizard
from . import parcours_waste_register_wizard
