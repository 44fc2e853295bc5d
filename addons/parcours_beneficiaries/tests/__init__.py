from . import test_access
from . import test_agreement
from . import test_application
from . import test_concurrency
from . import test_multi_company
from . import test_term_gdpr
from . import test_tour_allocation
from . import test_workflow_guard
