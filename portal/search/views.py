"""The search page: /<lang>/search?q=…, with facets, highlighted snippets and pagination."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for

from portal.i18n import content_lang
from portal.search.documents import FACETS
from portal.search.labels import FACET_LABELS, kind_label
from portal.search.services import page_number, search_documents

bp = Blueprint("search", __name__, url_prefix="/<lang>")


def _search_url(current: dict[str, str], **changes: Any) -> str:
    """The URL of the CURRENT search parameters with CHANGES applied (None drops a parameter)."""
    params: dict[str, Any] = {**current, **changes}
    return url_for("search.search_page", **{k: v for k, v in params.items() if v not in (None, "")})


@bp.get("/search", strict_slashes=False)
def search_page():
    """Search every document in the visitor's language."""
    q = request.args.get("q", "")
    active = {name: v for name in FACETS if (v := request.args.get(name, ""))}
    page = page_number(request.args.get("page")) or 1
    answer = search_documents(content_lang(), q, active, page) if q.strip() else None
    return render_template(
        "search/search.html", q=q, answer=answer, active=active, facet_labels=FACET_LABELS,
        kind_label=kind_label, search_url=lambda **c: _search_url({"q": q, **active}, **c))
