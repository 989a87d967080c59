"""Check the target-changes and source sheets of an upload.

A target changes only through a row of the target_changes sheet with the new value and a reason;
the observations sheet may keep the old target or show the new one, nothing else. The source
sheet names the ward document the new figures come from (title, publisher and date required).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.i18n import _
from portal.publishing.checks import Context, SheetRow
from portal.publishing.columns import OBSERVATIONS, SOURCE, SOURCE_FIELDS, TARGET_COLUMNS, TARGETS
from portal.publishing.issues import Issue, fold_unit, numbers_in
from portal.publishing.upload import Sheet

_URL = re.compile(r"https?://[^\s]+")


@dataclass
class TargetChange:
    """A changed target: the published row, the new value as printed, the reason, the sheet row."""

    number: int
    old: dict[str, Any]
    new_value: float | None
    new_value_text: str
    reason: str


def _issue(sheet: str, row: int | None, column: str | None, value: Any, message: str) -> Issue:
    """An issue on SHEET."""
    return Issue(sheet, row, column, "" if value is None else str(value), message)


def _targets_by_key(ctx: Context) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Published target rows keyed by (indicator, year, sub-item)."""
    return {
        (r["indicator_id"], r.get("fiscal_year"), r.get("sub_item") or ""): r
        for r in ctx.published.values()
        if r.get("series") == "target"
    }


def _parse_new(number: int, values: dict[str, str], issues: list[Issue]) -> float | None:
    """The new value as a number (an issue when it is not one)."""
    raw = values.get("new_value", "")
    try:
        return float(raw.replace(",", "")) if raw else None
    except ValueError:
        issues.append(_issue(TARGETS, number, "new_value", raw, _("“%(value)s” is not a number.", value=raw)))
        return None


def _target_row(
    ctx: Context, targets: dict, number: int, values: dict[str, str], issues: list[Issue]
) -> TargetChange | None:
    """Check one filled row of the target_changes sheet."""
    key = (
        values.get("indicator_id", ""),
        int(values["fiscal_year"]) if values.get("fiscal_year", "").isdigit() else None,
        values.get("sub_item", ""),
    )
    old = targets.get(key)
    if old is None:
        issues.append(
            _issue(
                TARGETS,
                number,
                "indicator_id",
                key[0],
                _("This row does not name a published target (indicator, year, sub-item)."),
            )
        )
        return None
    unit = ctx.indicators[old["indicator_id"]].get("unit") or ""
    if fold_unit(values.get("unit", "")) != fold_unit(unit):
        issues.append(
            _issue(
                TARGETS,
                number,
                "unit",
                values.get("unit"),
                _("The unit of this indicator is “%(unit)s”; an upload cannot change a unit.", unit=unit),
            )
        )
    new = _parse_new(number, values, issues)
    text = values.get("new_value_text", "") or (f"{new:g}" if new is not None else "")
    if new is not None and not any(abs(x - new) < 1e-9 for x in numbers_in(text)):
        issues.append(
            _issue(
                TARGETS,
                number,
                "new_value",
                values.get("new_value"),
                _("The value does not match the cell as printed (“%(text)s”).", text=text),
            )
        )
    if not values.get("reason_ja", "").strip():
        issues.append(_issue(TARGETS, number, "reason_ja", "", _("A changed target needs a reason.")))
    if text == (old.get("value_text") or "") and new == old.get("value"):
        return None  # the same target again: no change
    return TargetChange(number, old, new, text, values.get("reason_ja", "").strip())


def check_targets(
    ctx: Context, sheet: Sheet | None, rows: list[SheetRow]
) -> tuple[list[TargetChange], list[Issue]]:
    """Every filled row of the target_changes sheet, and target rows changed on the observations sheet."""
    issues: list[Issue] = []
    changes: list[TargetChange] = []
    if sheet is not None:
        for name in [c.name for c in TARGET_COLUMNS if c.name not in sheet.header]:
            issues.append(_issue(TARGETS, 1, name, "", _("The column %(column)s is missing.", column=name)))
        targets = _targets_by_key(ctx)
        for number, values in [] if issues else sheet.rows:
            if values.get("new_value") or values.get("new_value_text") or values.get("reason_ja"):
                change = _target_row(ctx, targets, number, values, issues)
                changes += [change] if change else []
    declared = {c.old["observation_id"]: c for c in changes}
    for row in rows:
        oid = row.values.get("observation_id")
        if row.status != "changed" or row.values.get("series") != "target":
            continue
        change = declared.get(oid)
        if change is None or (
            row.values.get("value") != change.new_value
            and row.values.get("value") != ctx.published[oid].get("value")
        ):
            issues.append(
                _issue(
                    OBSERVATIONS,
                    row.number,
                    "value",
                    row.values.get("value"),
                    _(
                        "A target changes only with a row on the target_changes sheet giving the new "
                        "value and a reason."
                    ),
                )
            )
    return changes, issues


def check_source(sheet: Sheet | None, given: dict[str, str]) -> tuple[dict[str, str], list[Issue]]:
    """The source document: the source sheet's values, overridden by GIVEN (form or CLI)."""
    values = {c.name: "" for c in SOURCE_FIELDS}
    rows = {v.get("field", ""): (n, v.get("value", "")) for n, v in (sheet.rows if sheet else [])}
    for name in values:
        values[name] = (given.get(name) or rows.get(name, (0, ""))[1]).strip()
    where = {name: rows.get(name, (None, ""))[0] for name in values}
    issues = [
        _issue(
            SOURCE, where[name], "value", "", _("The source document's %(field)s is required.", field=name)
        )
        for name in ("title_ja", "publisher", "published")
        if not values[name]
    ]
    if values["published"]:
        try:
            date.fromisoformat(values["published"][:10])
            values["published"] = values["published"][:10]
        except ValueError:
            issues.append(
                _issue(
                    SOURCE,
                    where["published"],
                    "value",
                    values["published"],
                    _("Write the date as YYYY-MM-DD."),
                )
            )
    if values["url"] and not _URL.fullmatch(values["url"]):
        issues.append(
            _issue(
                SOURCE,
                where["url"],
                "value",
                values["url"],
                _("The URL must start with https:// or http://."),
            )
        )
    return values, issues
