"""GET /api/v1/search: the search page's answer as JSON (same service, same analysis)."""

from __future__ import annotations

from flask import current_app, g, jsonify, request, url_for

from portal.api import bp
from portal.errors import fail
from portal.i18n import _
from portal.search.documents import FACETS
from portal.search.labels import kind_label
from portal.search.services import SearchPage, page_number, search_documents


@bp.get("/search")
def search_api():
    """Search one language's index: ?q=&lang=&kind=&page= (and plan, pillar, chiku, department)."""
    lang = request.args.get("lang") or current_app.config["DEFAULT_LANGUAGE"]
    if lang not in current_app.config["LANGUAGES"]:  # messages stay in the Accept-Language
        fail(400, _("Unknown language. Use one of: %(langs)s.",
                    langs=", ".join(current_app.config["LANGUAGES"])))
    if request.args.get("lang"):
        g.lang = lang
    page = page_number(request.args.get("page"))
    if page is None:  # checked after lang, so the message is in the client's language
        fail(400, _("The page must be a whole number from 1 to 10000."))
    filters = {name: v for name in FACETS if (v := request.args.get(name, ""))}
    answer = search_documents(lang, request.args.get("q", ""), filters, page)
    if not answer.ready:
        return jsonify({"error": {"status": 503, "message": _(
            "The search index is being built. Please try again in a moment.")}}), 503
    return jsonify(_json(answer, lang))


def _json(answer: SearchPage, lang: str) -> dict:
    """The JSON body of a search answer; snippets are escaped HTML with <mark> around matches."""
    return {
        "query": answer.query, "lang": lang, "total": answer.total, "page": answer.page,
        "pages": answer.pages, "suggestion": answer.suggestion, "corrected": answer.corrected,
        "relaxed": answer.relaxed,
        "truncated": answer.truncated, "also_searched": answer.also, "unused_words": answer.absent,
        "related": answer.related,
        "results": [{"kind": r.kind, "id": r.key, "title": r.title, "snippet": str(r.snippet),
                     "url": url_for(r.endpoint, lang=lang, _external=False, **r.args),
                     "score": r.score} for r in answer.results],
        "facets": {name: [{"value": f.value, "count": f.count,
                           "label": kind_label(f.value) if name == "kind" else f.label}
                          for f in values] for name, values in answer.facets.items()},
    }
