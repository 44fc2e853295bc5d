# The demo story of the dashboards: a method only the demo data calls.
from . import parcours_dashboard_demo
