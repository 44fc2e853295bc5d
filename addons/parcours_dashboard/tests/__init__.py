from . import test_dashboards
from . import test_activity_report
from . import test_training_figures
from . import test_home_action
from . import test_tour_dashboard
from . import test_tour_accountant
from . import test_readonly
