"""Language-switcher links: this page in another language, built only from the route and the
query parameters the page is known to read.

Query arguments are never passed to url_for as keywords (`_external`, `_scheme`, `endpoint`
… would change the link or fail), and unknown arguments are never echoed: cached pages are
keyed by the same inputs (`kept_query()`), so one visitor's query cannot end up in another's page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request, url_for

#: Query parameters each page reads and keeps when the language changes (everything else is dropped).
KEPT_QUERY: dict[str, tuple[str, ...]] = {
    "search.search_page": ("q", "page", "plan", "kind", "pillar", "chiku", "department"),
    "catalog.datasets_index": ("q", "plan", "theme", "format", "licence"),
    "plan.compare_page": ("from", "to"),
    "areas.find_page": ("q",),
    "consult.comment_form": ("measure",),
}
#: Longest kept value, in characters (a longer one is dropped, not cut).
MAX_VALUE = 200


def kept_query() -> tuple[tuple[str, str], ...]:
    """The known query parameters of this request that the switcher keeps, in a fixed order."""
    names = KEPT_QUERY.get(request.endpoint or "", ())
    return tuple((name, value) for name in names
                 if (value := request.args.get(name, "")) and len(value) <= MAX_VALUE)


def switch_url(target: str) -> str:
    """Return this page's URL in language TARGET (path parameters and known query kept)."""
    rule = request.url_rule
    if rule is None or "lang" not in rule.arguments or request.endpoint is None:
        return url_for("site.home", lang=target)
    args = {k: v for k, v in (request.view_args or {}).items() if k in rule.arguments}
    args["lang"] = target
    url = url_for(request.endpoint, **args)
    query = kept_query()
    return f"{url}?{urlencode(query)}" if query else url
