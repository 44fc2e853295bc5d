from . import parcours_activity_xlsx
from . import parcours_pass_claim_xlsx
from . import res_partner_data_xlsx
