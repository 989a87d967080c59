"""The labelled observations view: each observation with its indicator (code, name, unit) and 施策.

Researchers asked "which 施策 have most indicators behind plan" and needed four joins; this view
does them once per release (observations → indicators → nodes → the ancestor 施策), so a filter,
sort or facet on the browser, the rows API or a download answers the question directly. It is
derived from the release's own files and never adds a figure.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from portal.catalog import releases
from portal.catalog.rows import Table

NAME = "observations-labelled"
#: (name, type, Japanese title, English title) of every column, in order.
COLUMNS = [
    ("observation_id", "string", "観測ID", "Observation ID"),
    ("revision_id", "string", "版ID", "Revision"),
    ("measure_code", "string", "施策番号", "Measure number"),
    ("measure_ja", "string", "施策", "Measure (Japanese)"),
    ("measure_en", "string", "施策（英語）", "Measure (English, unofficial)"),
    ("project_ja", "string", "事業", "Project (Japanese)"),
    ("indicator_id", "string", "指標ID", "Indicator"),
    ("indicator_code", "string", "指標番号", "Indicator number"),
    ("indicator_kind", "string", "指標の種別", "Indicator kind (action / outcome)"),
    ("indicator_ja", "string", "指標名", "Indicator (Japanese)"),
    ("indicator_en", "string", "指標名（英語）", "Indicator (English, unofficial)"),
    ("unit", "string", "単位", "Unit"),
    ("series", "string", "系列", "Series"),
    ("fiscal_year", "integer", "年度", "Fiscal year"),
    ("is_total", "boolean", "総量", "Total over the plan"),
    ("value", "number", "値", "Value"),
    ("value_text", "string", "表記", "As printed"),
    ("is_estimate", "boolean", "見込み", "Estimate"),
    ("source_document", "string", "出典文書", "Source document"),
    ("source_line", "integer", "出典行", "Source line"),
]


def available(man: dict[str, Any]) -> bool:
    """True when a release has the three resources the view joins."""
    return {"observations", "indicators", "nodes"} <= {r["name"] for r in man["resources"]}


def fields() -> list[dict[str, Any]]:
    """The view's columns as Table Schema fields (with Japanese titles for the spreadsheet headers)."""
    return [{"name": n, "type": t, "title": en, "title_ja": ja} for n, t, ja, en in COLUMNS]


def _records(base: str | Path, name: str, version: str, resource: str) -> list[dict[str, Any]]:
    """The JSON records of one resource of a release."""
    man = releases.manifest(base, name, version) or {}
    res = next(r for r in man["resources"] if r["name"] == resource)
    path = releases.file_path(base, name, version, res["files"]["json"])
    return json.loads(Path(str(path)).read_text(encoding="utf-8"))


def _measure(node: dict[str, Any] | None, nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The 施策 (level `measure`) at or above NODE, or {}."""
    seen = 0
    while node is not None and node.get("level") != "measure" and seen < 20:
        node, seen = nodes.get(node.get("parent_id") or ""), seen + 1
    return node if node is not None and node.get("level") == "measure" else {}


def _row(obs: dict[str, Any], ind: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One observation with its labels."""
    node = nodes.get(ind.get("node_id") or "")
    measure = _measure(node, nodes)
    project = node if node is not None and node.get("level") != "measure" else {}
    return {"observation_id": obs["observation_id"], "revision_id": obs["revision_id"],
            "measure_code": measure.get("code"), "measure_ja": measure.get("name_ja"),
            "measure_en": measure.get("name_en"), "project_ja": project.get("name_ja"),
            "indicator_id": obs["indicator_id"], "indicator_code": ind.get("code"),
            "indicator_kind": ind.get("kind"), "indicator_ja": ind.get("name_ja"),
            "indicator_en": ind.get("name_en"), "unit": ind.get("unit"), "series": obs["series"],
            "fiscal_year": obs.get("fiscal_year"), "is_total": obs.get("is_total"), "value": obs.get("value"),
            "value_text": obs.get("value_text"), "is_estimate": obs.get("is_estimate"),
            "source_document": obs.get("source_document"), "source_line": obs.get("source_line")}


@lru_cache(maxsize=16)
def _build(base: str, name: str, version: str) -> Table:
    """Join a release's observations to their indicators, projects and 施策 (once per release)."""
    indicators = {r["indicator_id"]: r for r in _records(base, name, version, "indicators")}
    nodes = {r["node_id"]: r for r in _records(base, name, version, "nodes")}
    rows = [_row(o, indicators.get(o["indicator_id"], {}), nodes)
            for o in _records(base, name, version, "observations")]
    row_json = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    return Table([c[0] for c in COLUMNS], {c[0]: c[1] for c in COLUMNS}, rows, row_json)


def table(base: str | Path, name: str, version: str) -> Table | None:
    """The labelled observations of a release, or None when it has no observations to label."""
    man = releases.manifest(base, name, version)
    return _build(str(base), name, version) if man and available(man) else None
