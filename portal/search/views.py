"""The search page."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from portal.i18n import current_lang
from portal.search.index import get_index

bp = Blueprint("search", __name__, url_prefix="/<lang>/search")


@bp.get("/")
def search_page():
    """Search every document in the visitor's language."""
    q = request.args.get("q", "")
    results = get_index().search(current_lang(), q)
    return render_template("search/search.html", q=q, results=results)
