"""The data changelog of a release: rows added, removed and changed per resource since the last one."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from portal.catalog.packages import PackageData


def jsonable(value: Any) -> Any:
    """Make a typed cell JSON-ready: dates and times as ISO 8601 text."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _keyed(rows: list[dict[str, Any]], key: list[str]) -> dict[str, dict[str, Any]]:
    """Index ROWS by their primary key (or by their whole content when there is none)."""
    if not key:
        return {json.dumps(r, sort_keys=True, ensure_ascii=False): r for r in rows}
    return {json.dumps([r.get(k) for k in key], ensure_ascii=False): r for r in rows}


def _diff(old: list[dict[str, Any]], new: list[dict[str, Any]], key: list[str]) -> dict[str, int]:
    """Count rows added, removed and changed between two versions of a table."""
    before, after = _keyed(old, key), _keyed(new, key)
    changed = sum(1 for k in before.keys() & after.keys() if before[k] != after[k])
    return {"added": len(after.keys() - before.keys()), "removed": len(before.keys() - after.keys()),
            "changed": changed}


def compare(pkg: PackageData, previous: tuple[dict[str, Any], Path] | None) -> dict[str, Any] | None:
    """Compare PKG with the previous release (its manifest and folder); None for a first release."""
    if previous is None:
        return None
    man, folder = previous
    old_names = {r["name"] for r in man["resources"]}
    result: list[dict[str, Any]] = []
    for res in pkg.resources:
        rows = [{k: jsonable(v) for k, v in r.items()} for r in res.rows]
        if res.name not in old_names:
            result.append({"name": res.name, "status": "added", "added": len(rows)})
            continue
        old = json.loads((folder / f"{res.name}.json").read_text(encoding="utf-8"))
        key = res.descriptor.get("schema", {}).get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        result.append({"name": res.name, "status": "kept", **_diff(old, rows, key)})
    result += [{"name": n, "status": "removed"} for n in sorted(old_names - {r.name for r in pkg.resources})]
    return {"previous_version": man["version"], "resources": result}
