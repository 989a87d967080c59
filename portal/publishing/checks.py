"""Check the observations sheet of an upload: the package's Table Schema, then the domain rules.

Schema (frictionless, through portal.catalog.packages.check_rows): types and constraints of every
cell. Domain rules: known indicator and revision, the series vocabulary, a fiscal year within the
plan's period, a `value` that is one of the numbers printed in `value_text` (after width and
separator folding), printed text (―, 検討・調整, prose) kept with an empty value, no duplicate
(indicator, series, year, 総量, sub-item), the unit never changed, and an actual for a fiscal year
that has not ended flagged as an estimate with its date. Rows left exactly as published are only
checked for duplicates; the figures the ward already published are not re-judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.catalog.packages import PackageData, check_rows
from portal.i18n import _
from portal.publishing.columns import (
    AREA_COLUMNS,
    HELPERS,
    OBSERVATION_COLUMNS,
    OBSERVATION_FIELDS,
    OBSERVATIONS,
    SERIES,
    Column,
)
from portal.publishing.issues import Issue, fold_unit, numbers_in
from portal.publishing.upload import Sheet

#: Columns compared with the published row to tell a changed row from a kept one.
COMPARED = (*(f for f in OBSERVATION_FIELDS if f != "observation_id"), "area")
_KINDS = {c.name: c.kind for c in AREA_COLUMNS}


@dataclass
class SheetRow:
    """One observation as uploaded: its sheet row, typed values and kept / changed / new."""

    number: int
    values: dict[str, Any]
    status: str = "new"


@dataclass
class Context:
    """What the rules compare an upload with: the package as published, and today (Japan time)."""

    indicators: dict[str, dict[str, Any]]
    revisions: set[str]
    start_fy: int | None
    end_fy: int | None
    published: dict[str, dict[str, Any]]
    today: date
    issues: list[Issue] = field(default_factory=list)
    #: The sheet being checked (issues are recorded on it).
    sheet: str = OBSERVATIONS

    @classmethod
    def of(cls, pkg: PackageData, today: date) -> Context:
        """The context of PKG."""
        plan = (pkg.rows("plans") or [{}])[0]
        return cls(
            {r["indicator_id"]: r for r in pkg.rows("indicators")},
            {r["revision_id"] for r in pkg.rows("revisions")},
            plan.get("start_fy"),
            plan.get("end_fy"),
            {r["observation_id"]: r for r in pkg.rows("observations")},
            today,
        )

    def add(self, row: int | None, column: str | None, value: Any, message: str) -> None:
        """Record an issue on the observations sheet."""
        self.issues.append(Issue(self.sheet, row, column, "" if value is None else str(value), message))


def _typed(kind: str, text: str) -> Any:
    """Parse one cell that passed the schema check."""
    if text == "":
        return None
    if kind == "number":
        return float(text)
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        return text.lower() in ("true", "1")
    return text


def _schema_message(kind: str, column: str, value: str) -> str:
    """A schema problem in words (the column's expected type)."""
    if kind == "type-error" and _KINDS.get(column) == "number":
        return _("“%(value)s” is not a number.", value=value)
    if kind == "type-error" and _KINDS.get(column) == "integer":
        return _("“%(value)s” is not a whole number.", value=value)
    if kind == "type-error" and _KINDS.get(column) == "boolean":
        return _("Write true or false.")
    return _("The value does not fit this column of the published table.")


def _schema(pkg: PackageData) -> dict[str, Any]:
    """The observations schema, with new rows' empty observation_id allowed."""
    res = pkg.resource("observations")
    schema = dict(res.descriptor.get("schema", {})) if res else {}
    fields = []
    for f in schema.get("fields", []):
        f = dict(f)
        if f["name"] == "observation_id":
            f["constraints"] = {k: v for k, v in f.get("constraints", {}).items() if k != "required"}
        fields.append(f)
    return {**schema, "fields": fields}


def schema_rows(
    ctx: Context, pkg: PackageData, sheet: Sheet, columns: tuple[Column, ...] = OBSERVATION_COLUMNS
) -> list[SheetRow]:
    """Check every cell against the Table Schema; return the rows that pass, typed."""
    missing = [c.name for c in columns if c.name not in sheet.header]
    for name in missing:
        ctx.add(1, name, "", _("The column %(column)s is missing.", column=name))
    if missing:
        return []
    header = [c.name for c in columns if c.name not in HELPERS]
    problems = check_rows(_schema(pkg), header, [[v.get(h, "") for h in header] for _, v in sheet.rows])
    bad = set()
    for p in problems:
        number = sheet.rows[p.row - 1][0]
        bad.add(number)
        ctx.add(number, p.field, p.value, _schema_message(p.kind, p.field, p.value))
    return [
        SheetRow(
            number,
            {h: _typed(_KINDS[h], values.get(h, "")) for h in header} | {"unit": values.get("unit", "")},
        )
        for number, values in sheet.rows
        if number not in bad
    ]


def _status(ctx: Context, row: SheetRow) -> str:
    """kept, changed or new, compared with the published row of the same id."""
    oid = row.values.get("observation_id")
    if not oid:
        return "new"
    old = ctx.published.get(oid)
    if old is None:
        ctx.add(
            row.number,
            "observation_id",
            oid,
            _("There is no published row with this id. Leave observation_id empty on new rows."),
        )
        return "invalid"
    same = all((old.get(f) if old.get(f) != "" else None) == row.values.get(f) for f in COMPARED)
    return "kept" if same else "changed"


def _identity(ctx: Context, row: SheetRow) -> bool:
    """Known indicator, revision and series, and the unit as published; False stops the row."""
    v, n = row.values, row.number
    indicator = ctx.indicators.get(v.get("indicator_id") or "")
    ok = True
    if indicator is None:
        ctx.add(
            n, "indicator_id", v.get("indicator_id"), _("There is no indicator with this id in the plan.")
        )
        return False
    if v.get("revision_id") not in ctx.revisions:
        ctx.add(n, "revision_id", v.get("revision_id"), _("There is no revision with this id in the plan."))
        ok = False
    if v.get("series") not in SERIES:
        ctx.add(
            n, "series", v.get("series"), _("The series must be one of: %(list)s.", list=", ".join(SERIES))
        )
        ok = False
    return ok


def _unit_rule(ctx: Context, row: SheetRow) -> None:
    """The unit column still says the indicator's unit (a unit never changes silently)."""
    indicator = ctx.indicators.get(row.values.get("indicator_id") or "")
    if indicator is not None and fold_unit(row.values.get("unit") or "") != fold_unit(
        indicator.get("unit") or ""
    ):
        ctx.add(
            row.number,
            "unit",
            row.values.get("unit"),
            _(
                "The unit of this indicator is “%(unit)s”; an upload cannot change a unit.",
                unit=indicator.get("unit") or "",
            ),
        )


def _year_rules(ctx: Context, row: SheetRow) -> None:
    """A fiscal year within the plan's period; a year unless 総量; an unfinished year is an estimate."""
    v, n = row.values, row.number
    year = v.get("fiscal_year")
    if year is None and not v.get("is_total") and v.get("series") != "baseline":
        ctx.add(
            n, "fiscal_year", "", _("A fiscal year is required (only 総量 and baselines may leave it empty).")
        )
    if (
        year is not None
        and v.get("series") != "baseline"
        and ((ctx.start_fy and year < ctx.start_fy) or (ctx.end_fy and year > ctx.end_fy))
    ):
        ctx.add(
            n,
            "fiscal_year",
            year,
            _("The plan runs from fiscal year %(start)s to %(end)s.", start=ctx.start_fy, end=ctx.end_fy),
        )
    if v.get("series") == "actual" and year is not None and v.get("value") is not None:
        if ctx.today <= date(year + 1, 3, 31) and not v.get("is_estimate"):
            ctx.add(
                n,
                "is_estimate",
                v.get("is_estimate"),
                _(
                    "Fiscal year %(year)s has not ended: an actual for it is an estimate "
                    "(is_estimate = true).",
                    year=year,
                ),
            )
    if v.get("is_estimate") and not v.get("as_of"):
        ctx.add(n, "as_of", "", _("An estimate needs the date it was made (as_of), as printed."))


def _value_rules(ctx: Context, row: SheetRow) -> None:
    """value is one of the numbers in value_text; printed text without a number keeps value empty."""
    v, n = row.values, row.number
    value, text = v.get("value"), v.get("value_text") or ""
    if value is None:
        if not text:
            ctx.add(n, "value_text", "", _("Write the figure (value) or the text as printed (value_text)."))
        return
    if not text:
        v["value_text"] = f"{value:g}" if float(value).is_integer() else str(value)
        return
    found = numbers_in(text)
    if not found:
        ctx.add(
            n,
            "value",
            f"{value:g}",
            _(
                "The cell as printed (“%(text)s”) holds no number: leave value "
                "empty for ―, 検討・調整 or prose.",
                text=text,
            ),
        )
    elif not any(abs(x - value) < 1e-9 for x in found):
        ctx.add(
            n,
            "value",
            f"{value:g}",
            _("The value does not match the cell as printed (“%(text)s”).", text=text),
        )


def _duplicates(ctx: Context, rows: list[SheetRow]) -> None:
    """No two rows for the same indicator, series, year, 総量 flag and sub-item."""
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        v = row.values
        key = (
            v.get("indicator_id"),
            v.get("series"),
            v.get("fiscal_year"),
            bool(v.get("is_total")),
            v.get("sub_item") or "",
            v.get("area") or "",
        )
        if key in seen:
            ctx.add(
                row.number,
                "series",
                v.get("series"),
                _(
                    "Row %(other)s already has this indicator, series, fiscal year, sub-item and area.",
                    other=seen[key],
                )
                if v.get("area")
                else _(
                    "Row %(other)s already has this indicator, series, fiscal year and sub-item.",
                    other=seen[key],
                ),
            )
        else:
            seen[key] = row.number


def _unfilled(row: SheetRow) -> bool:
    """A template row for a new figure that was left empty (no value, nothing printed)."""
    return (
        not row.values.get("observation_id")
        and row.values.get("value") is None
        and not row.values.get("value_text")
    )


def check_observations(
    ctx: Context, pkg: PackageData, sheet: Sheet, columns: tuple[Column, ...] = OBSERVATION_COLUMNS
) -> list[SheetRow]:
    """Every rule on the observations sheet (or COLUMNS' sheet); return the rows (issues collect in CTX)."""
    rows = [r for r in schema_rows(ctx, pkg, sheet, columns) if not _unfilled(r)]
    for row in rows:
        row.status = _status(ctx, row)
        _unit_rule(ctx, row)
        if row.status in ("new", "changed") and _identity(ctx, row):
            _year_rules(ctx, row)
            _value_rules(ctx, row)
    _duplicates(ctx, rows)
    return [r for r in rows if r.status != "invalid"]
