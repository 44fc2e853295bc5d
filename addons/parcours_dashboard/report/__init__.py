from . import parcours_activity_report_xlsx
