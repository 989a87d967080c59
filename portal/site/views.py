"""Site-wide pages: language redirect, home page, health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for

from portal import clock
from portal.catalog import services as catalog_services
from portal.db import get_session
from portal.i18n import best_language
from portal.plan import services as plan_services
from portal.review.results import published_results
from portal.search import index as search_index
from portal.site import services

bp = Blueprint("site", __name__)


@bp.get("/")
def root():
    """Send the visitor to their language's home page (Accept-Language), Japanese by default."""
    lang = best_language(request.accept_languages, current_app.config["LANGUAGES"],
                         current_app.config["DEFAULT_LANGUAGE"])
    response = redirect(url_for("site.home", lang=lang), code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/<lang>/")
def home():
    """Show what the portal is, the plans and the way in to every part."""
    session = get_session()
    plans = plan_services.list_plans(session)
    return render_template("site/home.html", plans=plans,
                           datasets=catalog_services.list_datasets(session),
                           results=published_results(session, clock.now()))


@bp.get("/healthz")
def healthz():
    """Report database and search-index status as JSON (200 when both answer)."""
    status = services.health(get_session(), search_index.status())
    return jsonify(status), 200 if status["status"] == "ok" else 503


@bp.app_context_processor
def main_nav() -> dict[str, object]:
    """Offer the main navigation, listing only the sections that are installed."""
    from flask import current_app

    from portal.i18n import _l

    nav = current_app.extensions.get("main_nav")
    if nav is None:  # the installed sections are known once the app is set up: compute once
        # Lazy labels: translated where the header is rendered (once per page, portal.chrome).
        items = [("plan.plans_index", _l("Plans")), ("areas.chiku_index", _l("Districts (地区)")),
                 ("consult.index", _l("Public comment")),
                 ("catalog.datasets_index", _l("Open data")), ("search.search_page", _l("Search"))]
        nav = current_app.extensions["main_nav"] = [
            (e, label) for e, label in items if e in current_app.view_functions]
    return {"main_nav": nav}
