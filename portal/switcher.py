"""Language-switcher links: this page in another language, built only from the route and the
query parameters the page is known to read.

Query arguments are never passed to url_for as keywords (`_external`, `_scheme`, `endpoint`
… would change the link or fail), and unknown arguments are never echoed: cached pages are
keyed by the same inputs (`kept_query()`), so one visitor's query cannot end up in another's page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import g, request, url_for

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
#: The query parameter of the ふりがな switch (furigana=1: the same page with ruby; Japanese only).
RUBY_PARAM = "furigana"
#: URL code of the やさしい日本語 pages (portal.i18n.EASY; i18n imports this module).
EASY_LANG = "ja-easy"


def kept_query() -> tuple[tuple[str, str], ...]:
    """The known query parameters of this request that the switcher keeps, in a fixed order."""
    names = KEPT_QUERY.get(request.endpoint or "", ())
    return tuple((name, value) for name in names
                 if (value := request.args.get(name, "")) and len(value) <= MAX_VALUE)


def ruby_on() -> bool:
    """True on every やさしい日本語 page (ふりがな on every kanji) and when an ordinary Japanese page
    asks for ふりがな (furigana=1); any other value is the plain page, so a visitor's query never
    makes a new cache entry."""
    lang = g.get("lang")
    return lang == EASY_LANG or (lang == "ja" and request.args.get(RUBY_PARAM) == "1")


def switch_url(target: str, ruby: bool = False) -> str:
    """Return this page's URL in language TARGET (path parameters and known query kept), with
    ふりがな when RUBY."""
    rule = request.url_rule
    if rule is None or "lang" not in rule.arguments or request.endpoint is None:
        return url_for("site.home", lang=target)
    args = {k: v for k, v in (request.view_args or {}).items() if k in rule.arguments}
    args["lang"] = target
    url = url_for(request.endpoint, **args)
    query = kept_query() + (((RUBY_PARAM, "1"),) if ruby else ())
    return f"{url}?{urlencode(query)}" if query else url
