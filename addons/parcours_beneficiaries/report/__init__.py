from . import res_partner_data_xlsx
from . import parcours_remittance_xlsx
