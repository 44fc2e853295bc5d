from . import res_users
from . import spreadsheet_dashboard
