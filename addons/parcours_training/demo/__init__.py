# The demo stories: methods that only the demo data calls (see demo/*.xml).
from . import parcours_training_demo
