from . import parcours_remittance_xlsx
