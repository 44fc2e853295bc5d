from . import parcours_activity_export
