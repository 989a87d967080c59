"""Search use cases shared by the page, the JSON API and the features that keep the index current.

``search_documents`` answers a resident's query; ``update_documents`` and ``remove_documents`` are
what a feature calls after its database commit (e.g. a consultation opened or a comment summary
published). They take the single writer lock, so concurrent writers queue and no update is lost.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from portal.search.documents import FACETS, Document
from portal.search.engine import RawHit, RawResults
from portal.search.fallback import absent_words, partial
from portal.search.index import SearchIndex, get_index
from portal.search.query import MAX_QUERY_CHARS, Chunk, analyse, expansions_of
from portal.search.snippets import highlight, needles
from portal.search.suggest import suggest

PER_PAGE = 10
MAX_PAGE = 100
SNIPPET_CHARS = 140


@dataclass
class Result:
    """One result as the page and the API show it."""

    kind: str
    key: str
    title: str
    title_html: Markup
    snippet: Markup
    endpoint: str
    args: dict[str, str]
    score: float


@dataclass
class FacetValue:
    """One value of a facet with its label and the number of matches that carry it."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchPage:
    """Everything a search answer holds."""

    query: str
    total: int = 0
    results: list[Result] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    page: int = 1
    pages: int = 0
    suggestion: str | None = None
    #: True when no document matched every word and partial matches are shown instead.
    relaxed: bool = False
    #: The did-you-mean query whose results are shown because the query itself found nothing.
    corrected: str | None = None
    #: True when the query was longer than MAX_QUERY_CHARS and only its start was searched.
    truncated: bool = False
    #: False when the index has not been built yet.
    ready: bool = True
    #: Plan words and synonyms also searched for (words pages use; the typed words weigh more).
    also: list[str] = field(default_factory=list)
    #: Typed words that no page uses.
    absent: list[str] = field(default_factory=list)
    #: When nothing relevant was found: plan words related to the query, offered as links.
    related: list[str] = field(default_factory=list)


def search_documents(lang: str, text: str, filters: dict[str, str] | None = None, page: int = 1,
                     index: SearchIndex | None = None) -> SearchPage:
    """Search LANG's index for TEXT within FILTERS and return page PAGE."""
    index = index or get_index()
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    page = min(max(page, 1), MAX_PAGE)
    answer = SearchPage(text, page=page, truncated=len(text.strip()) > MAX_QUERY_CHARS)
    chunks = analyse(text)
    raw = index.search(lang, chunks, filters, page, PER_PAGE)
    if raw is None:
        answer.ready = False
        return answer
    if raw.total == 0 and chunks:
        raw, chunks = _fallback(answer, index, lang, chunks, filters) or (raw, chunks)
    else:
        answer.absent = absent_words(index, lang, chunks)
    if raw.total:
        answer.also = [e.text for e in expansions_of(chunks) if not index.unused(lang, e)]
    patterns = needles(chunks)
    answer.total, answer.pages = raw.total, math.ceil(raw.total / PER_PAGE)
    answer.results = [_result(hit, patterns) for hit in raw.hits]
    answer.facets = _facets(raw.facets, index.meta(lang).get("labels", {}), filters)
    return answer


def page_number(raw: str | None) -> int | None:
    """The page number a page or API request asked for (1 when absent), None when not 1–10000."""
    if raw is None or raw == "":
        return 1
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= 10_000 else None


def _fallback(answer: SearchPage, index: SearchIndex, lang: str, chunks: list[Chunk],
              filters: dict[str, str]) -> tuple[RawResults, list[Chunk]] | None:
    """Nothing matched every word: a did-you-mean query, else the rare words, else no list at all."""
    page = answer.page
    answer.suggestion = _suggestion(index, lang, answer.query)
    if answer.suggestion:
        fixed = analyse(answer.suggestion)
        raw = index.search(lang, fixed, filters, page, PER_PAGE)
        if raw is not None and raw.total:
            answer.corrected = answer.suggestion
            return raw, fixed
    found = partial(index, lang, chunks)
    answer.absent = found.absent
    if found.query is not None:
        raw = index.search(lang, chunks, filters, page, PER_PAGE, query=found.query)
        if raw is not None and raw.total:
            answer.relaxed = True
            return raw, chunks
    answer.related = found.related + ([answer.suggestion] if answer.suggestion else [])
    return None


def _suggestion(index: SearchIndex, lang: str, text: str) -> str | None:
    """A did-you-mean query that the index knows, different from TEXT."""
    found = suggest(text, index.meta(lang).get("vocabulary", {}), MAX_QUERY_CHARS)
    return found if found and found != text.strip() else None


def _result(hit: RawHit, patterns: list[Any]) -> Result:
    """Turn a raw hit into a Result with highlighted title and snippet."""
    f = hit.fields
    url = json.loads(f["url"])
    return Result(f["kind"], f["key"], f["title"], highlight(f["title"], patterns),
                  highlight(f.get("body") or "", patterns, SNIPPET_CHARS),
                  url["endpoint"], url["args"], round(hit.score, 4))


def _facets(counts: dict[str, dict[str, int]], labels: dict[str, dict[str, str]],
            filters: dict[str, str]) -> dict[str, list[FacetValue]]:
    """Facet values sorted by count, labelled from the index's facet labels."""
    out = {}
    for name in FACETS:
        values = sorted(counts.get(name, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        out[name] = [FacetValue(v, labels.get(name, {}).get(v, v), n, filters.get(name) == v)
                     for v, n in values]
    return out


def update_documents(docs: Iterable[Document], timeout: float | None = None,
                     index: SearchIndex | None = None) -> None:
    """Add or replace DOCS in their languages' indexes (call after the database commit)."""
    (index or get_index()).apply(docs=docs, timeout=timeout)


def remove_documents(uids: Iterable[str], timeout: float | None = None,
                     index: SearchIndex | None = None) -> None:
    """Delete the documents with UIDS ("kind:key") from every language's index."""
    (index or get_index()).apply(uids=uids, timeout=timeout)
