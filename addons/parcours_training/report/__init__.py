from . import parcours_activity_xlsx
from . import parcours_pass_claim_xlsx
