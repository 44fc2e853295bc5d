from . import res_partner_data_xlsx
