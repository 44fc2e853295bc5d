from . import parcours_allocation_wizard
from . import parcours_contribution_wizard
from . import parcours_contribution_amount_wizard
