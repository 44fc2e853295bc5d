from . import parcours_organisation_check_mixin
from . import parcours_protected_mixin
from . import ir_sequence
from . import parcours_document_mixin
from . import parcours_place_document_mixin
from . import parcours_organisation
from . import res_users
from . import ir_http
