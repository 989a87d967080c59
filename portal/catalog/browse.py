"""The table browser's one service: open a resource (or the labelled observations) of a release,
filter / sort / facet / page it, and export the whole view. The HTML page, the rows API and the
view downloads all call it, so they always agree."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from portal.catalog import labelled, releases, rows, xlsx
from portal.catalog.changes import jsonable

#: Download formats of a view and their media types.
EXPORTS = {"csv": "text/csv; charset=utf-8", "json": "application/json", "xlsx": xlsx.MEDIATYPE}


@dataclass
class Source:
    """A browsable table: where it comes from, its titles, schema fields and rows."""

    name: str
    version: str
    resource: str
    title: dict[str, str]
    fields: list[dict[str, Any]]
    table: rows.Table
    published_at: str


@dataclass
class View:
    """One page of a filtered, sorted table, with its total, next cursor and facet counts."""

    query: rows.Query
    positions: list[int]
    total: int
    following: list[Any] | None
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)


def resource_names(man: dict[str, Any]) -> list[str]:
    """Every browsable table of a release: its resources, then the labelled observations."""
    return [r["name"] for r in man["resources"]] + ([labelled.NAME] if labelled.available(man) else [])


def open_source(base: str | Path, name: str, version: str, resource: str) -> Source | None:
    """The table RESOURCE of a release (a resource or the labelled view), or None."""
    man = releases.manifest(base, name, version)
    if man is None:
        return None
    if resource == labelled.NAME:
        table = labelled.table(base, name, version)
        title = {"ja": "観測値（指標・施策名つき）", "en": "Observations with indicator and measure labels"}
        return Source(name, version, resource, title, labelled.fields(), table,
                      man["published_at"]) if table else None
    res = next((r for r in man["resources"] if r["name"] == resource), None)
    table = rows.load_table(base, name, version, resource) if res else None
    if res is None or table is None:
        return None
    return Source(name, version, resource, {"ja": res.get("title_ja", ""), "en": res.get("title", "")},
                  res["schema"].get("fields", []), table, man["published_at"])


def view(source: Source, args: list[tuple[str, str]]) -> View:
    """Filter, sort, page and facet SOURCE by query-string ARGS (raises rows.QueryError)."""
    query = rows.parse_query(source.table, args)
    wanted = rows.matching(source.table, query)
    positions, total, following = rows.run(source.table, query, wanted)
    facets = {column: rows.facet_counts(source.table, wanted, column) for column in query.facets}
    return View(query, positions, total, following, facets)


def export(source: Source, args: list[tuple[str, str]], fmt: str) -> bytes:
    """Every row of the view ARGS describe (not only one page), as CSV, JSON or xlsx."""
    query = rows.parse_query(source.table, [(k, v) for k, v in args if k not in {"_size", "_cursor"}])
    names = query.fields or source.table.names
    order = rows.ordered(source.table, query, rows.matching(source.table, query))
    found = [source.table.rows[i] for i in order]
    picked = [{n: r.get(n) for n in names} for r in found]
    if fmt == "json":
        return json.dumps([{k: jsonable(v) for k, v in r.items()} for r in picked],
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "xlsx":
        wanted = [f for f in source.fields if f["name"] in names]
        wanted.sort(key=lambda f: names.index(f["name"]))
        return xlsx.table_xlsx(source.resource, wanted, picked, datetime.fromisoformat(source.published_at))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for r in picked:
        writer.writerow(["" if r[n] is None else str(r[n]).lower() if isinstance(r[n], bool) else r[n]
                         for n in names])
    return out.getvalue().encode("utf-8")
