from . import parcours_hours_xlsx
