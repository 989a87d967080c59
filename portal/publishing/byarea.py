"""The by_area sheet (地区別): per-地区 or per-地域 values of any indicator, checked like observations.

A row names an area code of the setagaya-areas package (地区 01…28, 地域 setagaya, kitazawa,
tamagawa, kinuta, karasuyama) in the observations resource's optional `area` column; an empty
area is the ward total. Every rule of the observations sheet applies, plus: the area is a known
code, and where the indicator is additive across areas (`indicators.area_additive` = true) the
地区 values (and, separately, the 地域 values) of one indicator, series, year and sub-item add up
to at most the ward total. An indicator without that flag is treated as not additive (no sum
check): a rate or an average per 地区 does not add up. An upload without the sheet keeps the
published area rows as they are.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from portal.catalog.packages import PackageData
from portal.i18n import _
from portal.publishing.checks import Context, SheetRow, check_observations
from portal.publishing.columns import AREA_COLUMNS, AREAS, OBSERVATIONS
from portal.publishing.upload import Sheet

#: The reference package whose codes the area column takes.
AREAS_PACKAGE = "setagaya-areas"
#: The optional field added to the observations schema of a version that carries an area.
AREA_FIELD = {
    "name": "area",
    "type": "string",
    "title": "Area (地区 or 地域)",
    "description": "A 地区 code (01-28) or 地域 code of setagaya-areas; empty for the ward total.",
}


def area_codes(datasets_dir: str | Path) -> dict[str, tuple[str, str]]:
    """Every 地区 and 地域 code of setagaya-areas → (chiku | chiiki, name), read from its CSV files."""
    folder = Path(datasets_dir) / AREAS_PACKAGE
    codes: dict[str, tuple[str, str]] = {}
    for file, key, kind in (("chiku.csv", "chiku_id", "chiku"), ("chiiki.csv", "chiiki_id", "chiiki")):
        if (folder / file).is_file():
            with (folder / file).open(encoding="utf-8", newline="") as handle:
                codes.update({row[key]: (kind, row["name"]) for row in csv.DictReader(handle)})
    return codes


def is_additive(indicator: dict[str, Any]) -> bool:
    """True only when the indicator is marked additive across areas (unknown = not additive)."""
    flag = indicator.get("area_additive")
    return flag is True or str(flag).lower() == "true"


def _key(values: dict[str, Any]) -> tuple[Any, ...]:
    """The ward figure an area value belongs to: indicator, series, year, 総量 flag, sub-item."""
    return (
        values.get("indicator_id"),
        values.get("series"),
        values.get("fiscal_year"),
        bool(values.get("is_total")),
        values.get("sub_item") or "",
    )


def _number(value: float) -> str:
    """A value for a message (1,200 or 12.5)."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.6g}"


def _area_rule(ctx: Context, row: SheetRow, codes: dict[str, tuple[str, str]]) -> None:
    """The area is given and is a 地区 or 地域 code of setagaya-areas."""
    area = row.values.get("area")
    if not area:
        ctx.add(row.number, "area", "", _("Name the district (地区) or area (地域) of this value."))
    elif area not in codes:
        ctx.add(
            row.number,
            "area",
            area,
            _("“%(value)s” is not a district (地区) or area (地域) code of setagaya-areas.", value=area),
        )


def _sum_rule(
    ctx: Context, ward: list[SheetRow], rows: list[SheetRow], codes: dict[str, tuple[str, str]]
) -> None:
    """An additive indicator's 地区 (or 地域) values add up to at most the ward total."""
    totals = {_key(r.values): r for r in ward if r.values.get("value") is not None}
    groups: dict[tuple[Any, ...], list[SheetRow]] = {}
    for row in rows:
        kind = codes.get(row.values.get("area") or "", ("", ""))[0]
        indicator = ctx.indicators.get(row.values.get("indicator_id") or "")
        if kind and indicator and is_additive(indicator) and row.values.get("value") is not None:
            groups.setdefault((kind, *_key(row.values)), []).append(row)
    for (kind, *key), members in groups.items():
        total = totals.get(tuple(key))
        added = sum(m.values["value"] for m in members)
        if total is None or added <= total.values["value"] + 1e-9:
            continue
        numbers = ", ".join(str(m.number) for m in members)
        for member in members:
            args = {"rows": numbers, "sum": _number(added), "total": _number(total.values["value"]),
                    "row": total.number}
            ctx.add(
                member.number,
                "value",
                _number(member.values["value"]),
                _("The district (地区) values of this figure (rows %(rows)s) add up to %(sum)s, more than "
                  "the ward total %(total)s (observations sheet, row %(row)s).", **args)
                if kind == "chiku"
                else _("The area (地域) values of this figure (rows %(rows)s) add up to %(sum)s, more than "
                       "the ward total %(total)s (observations sheet, row %(row)s).", **args),
            )


def _with_units(ctx: Context, sheet: Sheet) -> Sheet:
    """SHEET with the indicator's unit in empty unit cells (the helper is blank on the spare rows)."""
    def unit(values: dict[str, str]) -> str:
        return values.get("unit") or ctx.indicators.get(values.get("indicator_id", ""), {}).get("unit") or ""

    return Sheet(sheet.name, sheet.header, [(n, {**v, "unit": unit(v)}) for n, v in sheet.rows])


def check_by_area(
    ctx: Context, pkg: PackageData, sheet: Sheet | None, ward: list[SheetRow]
) -> list[SheetRow]:
    """Check the by_area sheet against WARD (the observations sheet's rows); return its rows."""
    if sheet is None:
        return [SheetRow(0, dict(r), "kept") for r in ctx.published.values() if r.get("area")]
    codes = area_codes(pkg.folder.parent)
    ctx.sheet = AREAS
    try:
        rows = check_observations(ctx, pkg, _with_units(ctx, sheet), AREA_COLUMNS)
        for row in rows:
            if row.status != "kept":
                _area_rule(ctx, row, codes)
        _sum_rule(ctx, ward, rows, codes)
    finally:
        ctx.sheet = OBSERVATIONS
    return rows


def with_area(fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The observations schema FIELDS, with the optional area field after sub_item when a row has one.

    A version without any area value keeps its schema (and so its files) exactly as before.
    """
    if any(f["name"] == "area" for f in fields) or not any(r.get("area") for r in rows):
        return fields
    at = next((i + 1 for i, f in enumerate(fields) if f["name"] == "sub_item"), len(fields))
    return [*fields[:at], dict(AREA_FIELD), *fields[at:]]
