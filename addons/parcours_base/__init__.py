from . import http, models
from .hooks import pre_init_hook
from .models.parcours_protected_mixin import ALL_FIELDS
from .tools import INTEGER_COLUMN, french_of, selection_label
