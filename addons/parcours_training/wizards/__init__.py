from . import parcours_activity_export
from . import parcours_workshop_registration_wizard
