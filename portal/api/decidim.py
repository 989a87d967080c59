"""GET /api/v1/plans/<plan>/revisions/<revision>/decidim.csv: a revision as Decidim Accountability results."""

from __future__ import annotations

from flask import Response, current_app

from portal.api import bp
from portal.catalog.links import public_url
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _
from portal.plan import decidim, services


@bp.get("/plans/<plan_id>/revisions/<revision_id>/decidim.csv")
def decidim_results(plan_id: str, revision_id: str):
    """施策 and 事業 of a revision in the CSV shape decidim-accountability imports."""
    session = get_session()
    revision = services.get_revision(session, plan_id, revision_id)
    if revision is None:
        fail(404, _("There is no revision %(id)s in this plan.", id=revision_id))
    lang = current_app.config["DEFAULT_LANGUAGE"]
    body = decidim.export(session, revision,
                          lambda node_id: public_url("plan.node_page", lang=lang, node_id=node_id))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename=decidim-results-{plan_id}.csv"
    return response
