"""package_search over package dicts: q, fq, sort, rows, start and facets, as CKAN answers them."""

from __future__ import annotations

import json
from typing import Any

from portal.catalog.ckan_query import QueryError, parse, tokenize

#: Fields `sort` may name (`title_string` is CKAN's sortable title).
SORTABLE = {"name", "title", "title_string", "metadata_modified", "metadata_created", "score", "id",
            "num_resources", "num_tags", "version"}
FACETABLE = {"tags", "groups", "organization", "owner_org", "res_format", "license_id", "type", "state",
             "version", "name"}
#: CKAN's default order.
DEFAULT_SORT = "score desc, metadata_modified desc"


def document(pkg: dict[str, Any]) -> dict[str, list[str]]:
    """The searchable fields of a package dict, each a list of strings."""
    extras = {e["key"]: e["value"] for e in pkg["extras"]}
    titles = [pkg["title"], extras.get("title_en", "")]
    notes = [pkg["notes"], extras.get("notes_en", "")]
    tags = [t["name"] for t in pkg["tags"]]
    return {"id": [pkg["id"]], "name": [pkg["name"]], "title": titles, "notes": notes, "tags": tags,
            "groups": [g["name"] for g in pkg["groups"]], "organization": [pkg["organization"]["name"]],
            "owner_org": [pkg["owner_org"]], "res_format": sorted({r["format"] for r in pkg["resources"]}),
            "license_id": [pkg["license_id"]], "version": [pkg["version"]], "type": [pkg["type"]],
            "state": [pkg["state"]], "metadata_created": [pkg["metadata_created"]],
            "metadata_modified": [pkg["metadata_modified"]], "num_resources": [str(pkg["num_resources"])],
            "num_tags": [str(pkg["num_tags"])], "isopen": [str(pkg["isopen"]).lower()], "private": ["false"],
            "text": [" ".join([pkg["name"], *titles, *notes, *tags])]}


def _score(doc: dict[str, list[str]], words: list[str]) -> int:
    """Relevance of a document to the free words of `q`: how often they occur in its text."""
    text = doc["text"][0].casefold()
    return sum(text.count(w.strip('"').casefold()) for w in words)


def parse_sort(raw: str) -> list[tuple[str, bool]]:
    """`field dir, field dir` → [(field, descending)]; anything else raises QueryError."""
    keys = []
    for part in raw.split(","):
        bits = part.split()
        if len(bits) != 2 or bits[0] not in SORTABLE or bits[1].lower() not in {"asc", "desc"}:
            raise QueryError(f"sort: {part.strip()!r} is not `field asc|desc` with a field among "
                             + ", ".join(sorted(SORTABLE)))
        keys.append((bits[0], bits[1].lower() == "desc"))
    return keys


def _sort_value(pkg: dict[str, Any], doc: dict[str, list[str]], field: str, score: int) -> Any:
    """The value a package sorts by on FIELD."""
    if field == "score":
        return score
    if field in {"num_resources", "num_tags"}:
        return pkg[field]
    return (pkg["title"] if field == "title_string" else pkg[field]).casefold()


def facet_fields(raw: Any) -> list[str]:
    """`facet.field`: a JSON list of facetable fields (as CKAN takes it)."""
    try:
        fields = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        raise QueryError("facet.field must be a JSON list such as [\"tags\"]") from None
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise QueryError("facet.field must be a JSON list such as [\"tags\"]")
    unknown = [f for f in fields if f not in FACETABLE]
    if unknown:
        raise QueryError(f"facet.field: {unknown[0]!r} cannot be faceted; fields: "
                         + ", ".join(sorted(FACETABLE)))
    return fields


def facets(docs: list[dict[str, list[str]]], fields: list[str], limit: int, mincount: int,
           titles: dict[str, dict[str, str]]) -> tuple[dict, dict]:
    """CKAN's `facets` ({field: {value: count}}) and `search_facets` (items with display names)."""
    plain, rich = {}, {}
    for field in fields:
        counts: dict[str, int] = {}
        for doc in docs:
            for value in set(doc[field]):
                counts[value] = counts.get(value, 0) + 1
        ordered = sorted(((v, c) for v, c in counts.items() if c >= mincount), key=lambda vc: (-vc[1], vc[0]))
        if limit >= 0:
            ordered = ordered[:limit]
        plain[field] = dict(ordered)
        rich[field] = {"title": field, "items": [
            {"name": v, "display_name": titles.get(field, {}).get(v, v), "count": c} for v, c in ordered]}
    return plain, rich


def search(packages: list[dict[str, Any]], *, q: str, fq: list[str], sort: str) -> list[dict[str, Any]]:
    """The packages matching Q and every FQ, in SORT order (ties by name)."""
    q = q.strip()
    match_q = parse(q, free_text=True)
    match_fq = [parse(f, free_text=False) for f in fq]
    keys = parse_sort(sort)
    words = [t for t in tokenize(q) if ":" not in t and t not in {"AND", "OR", "NOT", "(", ")"}]
    found = []
    for pkg in packages:
        doc = document(pkg)
        if match_q(doc) and all(m(doc) for m in match_fq):
            found.append((pkg, doc, _score(doc, words)))
    found.sort(key=lambda item: item[0]["name"])
    for field, desc in reversed(keys):
        found.sort(key=lambda item, f=field: _sort_value(item[0], item[1], f, item[2]), reverse=desc)
    return [pkg for pkg, _doc, _s in found]
