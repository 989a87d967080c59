"""The dataset list with facets (plan, theme, format, licence) and a text filter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from portal.catalog import citation
from portal.catalog.models import Dataset

#: Facets offered on the list, in display order (query parameter names).
FACETS = ("plan", "theme", "format", "licence")
#: Formats every release offers (see publish.py).
FORMATS = ("CSV", "CSV (Excel)", "JSON", "ZIP")


def entry(ds: Dataset) -> dict[str, Any]:
    """Return what the list shows of one dataset, with its facet values."""
    portal = ds.descriptor.get("portal") or {}
    return {
        "name": ds.name, "version": ds.version, "title": {"ja": ds.title_ja, "en": ds.title_en},
        "description": {"ja": ds.description_ja, "en": ds.description_en},
        "keywords": ds.descriptor.get("keywords", []), "resources": len(ds.resources),
        "facets": {"plan": [portal["plan_id"]] if portal.get("plan_id") else [],
                   "theme": [portal["theme"]] if portal.get("theme") else [],
                   "format": list(FORMATS),
                   "licence": [citation.licence(ds.descriptor)["name"]]},
    }


def _matches_text(item: dict[str, Any], q: str) -> bool:
    """True when every word of Q occurs in the titles, descriptions, keywords or name (casefolded)."""
    hay = " ".join([item["name"], *item["title"].values(), *item["description"].values(),
                    *item["keywords"]]).casefold()
    return all(word in hay for word in q.casefold().split())


def _matches_facets(item: dict[str, Any], selected: dict[str, str]) -> bool:
    """True when ITEM has every selected facet value."""
    return all(value in item["facets"][facet] for facet, value in selected.items())


def search(entries: list[dict[str, Any]], selected: dict[str, str], q: str) -> list[dict[str, Any]]:
    """Keep the entries matching the text filter and every selected facet value."""
    return [e for e in entries if _matches_text(e, q) and _matches_facets(e, selected)]


def counts(entries: list[dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    """Count the facet values among ENTRIES, most frequent first, then by value."""
    result = {}
    for facet in FACETS:
        counter = Counter(v for e in entries for v in e["facets"][facet])
        result[facet] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return result
