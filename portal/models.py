"""Import every feature's models so Base.metadata knows all tables (for Alembic and tests)."""

from portal.areas import models as areas_models
from portal.catalog import models as catalog_models
from portal.consult import models as consult_models
from portal.notify import models as notify_models
from portal.plan import models as plan_models
from portal.publishing import models as publishing_models
from portal.review import models as review_models
from portal.staff import models as staff_models

__all__ = ["areas_models", "catalog_models", "consult_models", "notify_models", "plan_models",
           "publishing_models", "review_models", "staff_models"]
