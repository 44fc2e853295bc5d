# The demo stories: methods that only the demo data calls (see demo/*.xml).
from . import parcours_devices_demo
from . import res_company_demo
from . import parcours_waste_shipment_demo
