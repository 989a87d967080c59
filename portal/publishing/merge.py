"""Turn a checked upload into the next version's tables: observations and target changes.

Kept rows stay exactly as published (their source_document and source_line too). A new or
changed figure is traced to the uploaded 原本: source_document is the 原本's file name in the
release (original-<sha256 prefix>.xlsx) and source_line the row of the sheet it was typed on;
the 原本's entry in the package's `sources` names the ward document it came from.
"""

from __future__ import annotations

import re
from typing import Any

from portal.plan import labelling
from portal.publishing.byarea import with_area
from portal.publishing.checks import SheetRow
from portal.publishing.validate import Checked

_ID_PART = re.compile(r"[^a-z0-9-]+")


def _id_part(text: str) -> str:
    """A fragment usable in an ASCII id (lower case, [a-z0-9-])."""
    return _ID_PART.sub("-", text.lower()).strip("-") or "x"


def observation_id(values: dict[str, Any], taken: set[str]) -> str:
    """A new id in the conventions' shape: <indicator>:<series>:fy<year>|total[:<sub-item n>]."""
    when = "total" if values.get("is_total") else f"fy{values.get('fiscal_year') or 'na'}"
    base = f"{values['indicator_id']}:{values['series'].replace('_', '-')}:{when}"
    if values.get("sub_item"):
        base += ":" + _id_part(values["sub_item"])[:20]
    if values.get("area"):
        base += ":area-" + _id_part(values["area"])
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}:{n}", n + 1
    taken.add(candidate)
    return candidate


def _traced(row: SheetRow, fields: list[str], original: str) -> dict[str, Any]:
    """A new or changed row in the published columns, traced to the 原本's sheet row."""
    out = {f: row.values.get(f) for f in fields}
    out["source_document"], out["source_line"] = original, row.number
    return out


def next_observations(checked: Checked) -> list[dict[str, Any]]:
    """The full observations table of the next version (published order, then new rows)."""
    res = checked.package.resource("observations")
    schema_fields = with_area(res.descriptor["schema"]["fields"], [r.values for r in checked.rows])
    fields = [f["name"] for f in schema_fields]
    published = {r["observation_id"]: r for r in checked.package.rows("observations")}
    taken = set(published)
    by_id = {r.values["observation_id"]: r for r in checked.rows if r.values.get("observation_id")}
    original = checked.upload.original_name
    target_new = {c.old["observation_id"]: c for c in checked.changes}
    table = []
    for oid, old in published.items():
        row = by_id.get(oid)
        if row is None:
            continue  # removed in the upload
        if oid in target_new:
            change = target_new[oid]
            table.append(
                {
                    **old,
                    "value": change.new_value,
                    "value_text": change.new_value_text,
                    "source_document": original,
                    "source_line": change.number,
                }
            )
        else:
            table.append(dict(old) if row.status == "kept" else _traced(row, fields, original))
    for row in checked.rows:
        if row.status == "new":
            values = dict(row.values)
            values["observation_id"] = observation_id(values, taken)
            table.append(_traced(SheetRow(row.number, values), fields, original))
    table += _original_targets(checked, table, taken)
    return _labelled(checked, table, fields)


def _labelled(checked: Checked, table: list[dict[str, Any]], fields: list[str]) -> list[dict[str, Any]]:
    """TABLE with the labelling columns derived (period, as_of read as a date) where the package has them.

    Kept rows get the values they were published with (the same rules made them); typed rows get theirs.
    """
    if "period_start_fy" not in fields:
        return table
    units = {r["indicator_id"]: r.get("unit") for r in checked.package.rows("indicators")}
    return labelling.label_observations(table, units)


def _original_targets(checked: Checked, table: list[dict[str, Any]], taken: set[str]) -> list[dict[str, Any]]:
    """A target_original row (the target before its first change) where the plan has none yet."""
    have = {
        (r["indicator_id"], r.get("fiscal_year"), r.get("sub_item") or "")
        for r in table
        if r.get("series") == "target_original"
    }
    rows = []
    for change in checked.changes:
        old = change.old
        key = (old["indicator_id"], old.get("fiscal_year"), old.get("sub_item") or "")
        if key not in have:
            row = {**old, "series": "target_original"}
            row["observation_id"] = observation_id(row, taken)
            rows.append(row)
    return rows


def next_changes(checked: Checked, version: str) -> list[dict[str, Any]]:
    """Rows for the changes resource: one per changed target, with its reason and trace."""
    original = checked.upload.original_name
    rows = []
    for change in checked.changes:
        old = change.old
        sub = f":{_id_part(old['sub_item'])[:20]}" if old.get("sub_item") else ""
        rows.append(
            {
                "change_id": f"{old['indicator_id']}:target-change:fy{old.get('fiscal_year') or 'na'}{sub}"
                f":v{_id_part(version)}",
                "indicator_id": old["indicator_id"],
                "change_kind": "target",
                "fiscal_year": old.get("fiscal_year"),
                "sub_item": old.get("sub_item"),
                "old_value_text": old.get("value_text"),
                "new_value_text": change.new_value_text,
                "old_value": old.get("value"),
                "new_value": change.new_value,
                "reason_ja": change.reason,
                "old_source_line": None,
                "new_source_line": change.number,
                "reason_source_line": change.number,
                "source_document": original,
                "source_line": change.number,
            }
        )
    return rows
