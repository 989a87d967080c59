"""What a draft would change, against the latest release: figures, targets, statuses, per 施策.

Statuses are computed with the plan's own rule (portal.plan.progress via plan.figures) on the
published rows and on the next version's rows, so the preview says exactly what the indicator
pages will say after approval.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any

from portal.catalog.packages import PackageData
from portal.plan.figures import sub_series
from portal.plan.progress import assess, overall

#: Columns a preview line shows for one figure.
SHOWN = ("indicator_id", "series", "fiscal_year", "is_total", "sub_item", "area", "value_text", "is_estimate")


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    """A figure's place: indicator, series, year, 総量 flag, sub-item, area (empty: ward total)."""
    return (
        row["indicator_id"],
        row.get("series"),
        row.get("fiscal_year"),
        bool(row.get("is_total")),
        row.get("sub_item") or "",
        row.get("area") or "",
    )


def status_of(indicator: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """The indicator's status under the plan's rule, from plain observation rows."""
    obs = [
        SimpleNamespace(
            **{
                k: r.get(k)
                for k in (
                    "observation_id",
                    "series",
                    "fiscal_year",
                    "is_total",
                    "sub_item",
                    "value",
                    "value_text",
                    "is_estimate",
                    "as_of",
                    "note",
                    "source_document",
                    "source_line",
                )
            }
        )
        for r in rows
    ]
    subs = sub_series(obs)
    return overall(
        [assess(s, indicator.get("direction"), indicator.get("total_semantics")) for s in subs]
    ).status


def _measures(pkg: PackageData) -> dict[str, dict[str, Any]]:
    """Each indicator's 施策 (the nearest measure node above it, else its own node)."""
    nodes = {n["node_id"]: n for n in pkg.rows("nodes")}
    found = {}
    for ind in pkg.rows("indicators"):
        node = nodes.get(ind.get("node_id"))
        while node is not None and node.get("level") != "measure" and node.get("parent_id"):
            node = nodes.get(node["parent_id"])
        found[ind["indicator_id"]] = node or {"node_id": "", "code": "", "name_ja": ""}
    return found


def _line(indicators: dict[str, dict[str, Any]], row: dict[str, Any]) -> dict[str, Any]:
    """One figure for the preview, with the indicator's code and name."""
    ind = indicators.get(row["indicator_id"], {})
    return {**{k: row.get(k) for k in SHOWN}, "code": ind.get("code"), "name_ja": ind.get("name_ja")}


def _statuses(
    indicators: dict[str, dict[str, Any]],
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    touched: set[str],
) -> list[dict[str, Any]]:
    """Indicators whose status changes (only those the upload touched are recomputed)."""
    changes = []
    old_by, new_by = _by_indicator(old, touched), _by_indicator(new, touched)
    for ind_id in sorted(touched):
        ind = indicators.get(ind_id, {})
        before, after = status_of(ind, old_by.get(ind_id, [])), status_of(ind, new_by.get(ind_id, []))
        if before != after:
            changes.append(
                {
                    "indicator_id": ind_id,
                    "code": ind.get("code"),
                    "name_ja": ind.get("name_ja"),
                    "before": before,
                    "after": after,
                }
            )
    return changes


def _by_indicator(rows: list[dict[str, Any]], wanted: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Ward-total ROWS (no area) of the WANTED indicators grouped by indicator id (statuses read these)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["indicator_id"] in wanted and not row.get("area"):
            grouped.setdefault(row["indicator_id"], []).append(row)
    return grouped


def _per_measure(pkg: PackageData, lines: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Counts of added, changed and removed figures per 施策."""
    measures = _measures(pkg)
    nodes = {m.get("node_id", ""): m for m in measures.values()}
    counts: dict[str, Counter] = {}
    for kind, items in lines.items():
        for line in items:
            node_id = measures.get(line["indicator_id"], {}).get("node_id", "")
            counts.setdefault(node_id, Counter())[kind] += 1
    return [
        {
            "node_id": nid,
            "code": nodes.get(nid, {}).get("code"),
            "name_ja": nodes.get(nid, {}).get("name_ja"),
            "added": c["added"],
            "changed": c["changed"],
            "removed": c["removed"],
        }
        for nid, c in sorted(counts.items())
    ]


def summarize(
    pkg: PackageData, new_rows: list[dict[str, Any]], target_changes: list[dict[str, Any]]
) -> dict[str, Any]:
    """The preview: added, changed (old → new), removed, target changes, status changes, per 施策."""
    indicators = {r["indicator_id"]: r for r in pkg.rows("indicators")}
    old_rows = pkg.rows("observations")
    before, after = {_key(r): r for r in old_rows}, {_key(r): r for r in new_rows}
    added = [_line(indicators, after[k]) for k in after.keys() - before.keys()]
    removed = [_line(indicators, before[k]) for k in before.keys() - after.keys()]
    changed = [
        {**_line(indicators, after[k]), "old_value_text": before[k].get("value_text")}
        for k in after.keys() & before.keys()
        if (before[k].get("value"), before[k].get("value_text"), before[k].get("is_estimate"))
        != (after[k].get("value"), after[k].get("value_text"), after[k].get("is_estimate"))
    ]
    touched = {r["indicator_id"] for r in added + removed + changed}
    per_measure = _per_measure(pkg, {"added": added, "changed": changed, "removed": removed})
    def order(line: dict[str, Any]) -> tuple[Any, ...]:
        return (line.get("code") or "", line["indicator_id"], line.get("series") or "",
                line.get("fiscal_year") or 0, line.get("sub_item") or "")

    return {
        "added": sorted(added, key=order),
        "changed": sorted(changed, key=order),
        "removed": sorted(removed, key=order),
        "targets": target_changes,
        "statuses": _statuses(indicators, old_rows, new_rows, touched),
        "per_measure": per_measure,
    }
