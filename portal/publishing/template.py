"""Write the publishing template of a plan package: an .xlsx workbook and a CSV of the same columns.

The workbook holds the observations in the published long format (every current row, then an
empty row for each indicator × sub-item in the next fiscal year), the optional by_area sheet
(地区別: the same columns plus the area code, pre-filled with the published per-area rows; a list
offers the 28 地区 and 5 地域 codes), a sheet of target changes, a
sheet for the source document and a README in Japanese and English. Ids and codes are text cells
(Excel must not read `1-2` as a date), `series` has a list, read-only columns are locked.
"""

from __future__ import annotations

import csv
import io
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from portal.catalog.packages import PackageData
from portal.publishing.byarea import area_codes
from portal.publishing.columns import (
    AREA_COLUMN,
    AREA_COLUMNS,
    AREAS,
    OBSERVATION_COLUMNS,
    OBSERVATIONS,
    README,
    SERIES,
    SOURCE,
    SOURCE_FIELDS,
    TARGET_COLUMNS,
    TARGETS,
    Column,
)
from portal.spreadsheet import safe_cell

#: Empty editable rows left below the pre-filled ones for additions.
SPARE_ROWS = 200
_LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")


@dataclass(frozen=True)
class TemplateRows:
    """The rows a template is filled with (plain dicts keyed by column name)."""

    observations: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    next_year: int | None
    areas: list[dict[str, Any]]


def next_fiscal_year(pkg: PackageData) -> int | None:
    """The year after the newest actual, else the plan's first year (None when unknown)."""
    years = [
        r["fiscal_year"]
        for r in pkg.rows("observations")
        if r.get("series") == "actual" and r.get("fiscal_year") is not None
    ]
    if years:
        return max(years) + 1
    plans = pkg.rows("plans")
    return plans[0].get("start_fy") if plans else None


def _helpers(indicator: dict[str, Any] | None) -> dict[str, Any]:
    """The read-only helper cells of one indicator."""
    indicator = indicator or {}
    return {
        "indicator_code": indicator.get("code") or "",
        "indicator_name_ja": indicator.get("name_ja") or "",
        "unit": indicator.get("unit") or "",
    }


def _empty_rows(
    pkg: PackageData, indicators: dict[str, dict[str, Any]], year: int | None
) -> list[dict[str, Any]]:
    """One empty actual row per indicator × sub-item for YEAR, unless that actual exists."""
    if year is None:
        return []
    observations = [r for r in pkg.rows("observations") if not r.get("area")]
    present = {
        (r["indicator_id"], r.get("sub_item") or "")
        for r in observations
        if r.get("series") == "actual" and r.get("fiscal_year") == year
    }
    by_indicator: dict[str, list[dict[str, Any]]] = {}
    for r in observations:  # grouped once: a scan per indicator was quadratic (18 s at 20×)
        by_indicator.setdefault(r["indicator_id"], []).append(r)
    rows = []
    for ind_id, ind in indicators.items():
        mine = by_indicator.get(ind_id, [])
        subs = list(dict.fromkeys(r.get("sub_item") or "" for r in mine if not r.get("is_total"))) or [""]
        revision = next(
            (r["revision_id"] for r in mine if r.get("series") == "actual"), ind.get("revision_id")
        )
        for sub in subs:
            if (ind_id, sub) in present:
                continue
            rows.append(
                {
                    "indicator_id": ind_id,
                    **_helpers(ind),
                    "revision_id": revision,
                    "series": "actual",
                    "fiscal_year": year,
                    "is_total": False,
                    "sub_item": sub,
                    "is_estimate": None,
                }
            )
    return rows


def template_rows(pkg: PackageData, revision: str | None = None) -> TemplateRows:
    """Rows of the observations and target-change sheets (REVISION limits the indicators)."""
    indicators = {
        r["indicator_id"]: r
        for r in pkg.rows("indicators")
        if revision is None or r.get("revision_id") == revision
    }
    current = [
        {**r, **_helpers(indicators[r["indicator_id"]])}
        for r in pkg.rows("observations")
        if r["indicator_id"] in indicators
    ]
    areas = [r for r in current if r.get("area")]
    current = [r for r in current if not r.get("area")]
    year = next_fiscal_year(pkg)
    targets = [
        {
            **_helpers(indicators[r["indicator_id"]]),
            "indicator_id": r["indicator_id"],
            "fiscal_year": r.get("fiscal_year"),
            "sub_item": r.get("sub_item") or "",
            "old_value_text": r.get("value_text") or "",
            "old_value": r.get("value"),
        }
        for r in current
        if r.get("series") == "target"
    ]
    return TemplateRows(current + _empty_rows(pkg, indicators, year), targets, year, areas)


def _put(ws: Worksheet, row: int, col: int, column: Column, value: Any, style: StyleArray) -> None:
    """Write one cell: text as a text cell (formula-safe), numbers and booleans as typed; STYLE as given."""
    if column.kind == "boolean":
        value = "" if value is None else ("true" if value else "false")
    if column.kind in ("number", "integer"):
        cell = ws.cell(row=row, column=col, value=value)
    else:
        cell = ws.cell(row=row, column=col, value=safe_cell("" if value is None else str(value)))
        cell.data_type = "s"
    cell._style = copy(style)  # as openpyxl's own copier does; styling each cell anew took 27 s at 20×


def _column_style(ws: Worksheet, column: Column) -> StyleArray:
    """The style of COLUMN's cells: text format for text, unlocked if editable, else grey (locked)."""
    cell = Cell(ws)  # a detached cell: its style is registered with the workbook, it is never written
    if column.kind not in ("number", "integer"):
        cell.number_format = "@"
    if column.editable:
        cell.protection = Protection(locked=False)
    else:
        cell.fill = _LOCKED_FILL
    return cell._style


def _table_sheet(ws: Worksheet, columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> None:
    """Fill a sheet: bold header, one row per dict, spare editable rows, locked read-only columns."""
    styles = [_column_style(ws, column) for column in columns]
    for col, column in enumerate(columns, start=1):
        ws.cell(row=1, column=col, value=column.name).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = 16
    for r, row in enumerate(rows, start=2):
        for col, column in enumerate(columns, start=1):
            _put(ws, r, col, column, row.get(column.name), styles[col - 1])
    for r in range(len(rows) + 2, len(rows) + 2 + SPARE_ROWS):
        for col, column in enumerate(columns, start=1):
            if column.editable:
                _put(ws, r, col, column, None, styles[col - 1])
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatRows = ws.protection.formatColumns = False
    ws.protection.sort = ws.protection.autoFilter = False


def _choice_list(
    ws: Worksheet, columns: tuple[Column, ...], name: str, choices: list[str] | tuple[str, ...], last_row: int
) -> None:
    """Offer CHOICES as a drop-down list (values outside it refused by Excel) on column NAME."""
    col = next(i for i, c in enumerate(columns, start=1) if c.name == name)
    letter = ws.cell(row=1, column=col).column_letter
    check = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True, showErrorMessage=True
    )
    check.add(f"{letter}2:{letter}{last_row}")
    ws.add_data_validation(check)


def _series_list(ws: Worksheet, columns: tuple[Column, ...], last_row: int) -> None:
    """Offer the series vocabulary as a drop-down list on the series column."""
    _choice_list(ws, columns, "series", SERIES, last_row)
    for name in ("is_total", "is_estimate"):
        col = next(i for i, c in enumerate(columns, start=1) if c.name == name)
        letter = ws.cell(row=1, column=col).column_letter
        flag = DataValidation(type="list", formula1='"true,false"', allow_blank=True)
        flag.add(f"{letter}2:{letter}{last_row}")
        ws.add_data_validation(flag)


def _source_sheet(ws: Worksheet) -> None:
    """One row per source-document field; column B is where staff type."""
    ws.append(["field", "value", "説明", "help"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, column in enumerate(SOURCE_FIELDS, start=2):
        ws.cell(row=r, column=1, value=column.name).fill = _LOCKED_FILL
        value = ws.cell(row=r, column=2, value="")
        value.number_format, value.protection = "@", Protection(locked=False)
        ws.cell(row=r, column=3, value=column.ja)
        ws.cell(row=r, column=4, value=column.en)
    ws.column_dimensions["B"].width = 60
    ws.protection.sheet = True


def _readme_sheet(
    ws: Worksheet, pkg: PackageData, year: int | None, codes: dict[str, tuple[str, str]]
) -> None:
    """Explain the workbook and every column in Japanese and English."""
    ws.append(["項目 / item", "日本語", "English"])
    ws.append(
        [
            "package",
            f"{pkg.descriptor.get('title_ja', '')}（{pkg.name} {pkg.version}）",
            f"{pkg.descriptor.get('title', '')} ({pkg.name} {pkg.version})",
        ]
    )
    ws.append(
        [
            "how",
            f"{year or ''}年度の行は空欄です。value と value_text を記入し、出典を source シートに"
            "書いてアップロードしてください。灰色の列は変更できません。",
            f"Rows for fiscal year {year or ''} are empty: fill value and value_text, name the source "
            "document on the source sheet and upload. Grey columns cannot be changed.",
        ]
    )
    ws.append(
        [
            AREAS,
            "地区別の値（任意）：区が地区（または地域）ごとの値を公表するときだけ記入します。"
            "列は observations シートと同じで、area に地区コード（01〜28）または地域コードを書きます。"
            "合計できる指標（area_additive = true）は、地区の値の合計が区全体の値を超えてはいけません。",
            "Values by district (optional): fill only when the ward publishes values per 地区 (or 地域). "
            "Same columns as the observations sheet, with a 地区 code (01-28) or 地域 code in area. "
            "For an additive indicator (area_additive = true) the 地区 values may not add up to more "
            "than the ward total.",
        ]
    )
    for code, (kind, name) in codes.items():
        label = name + ("地区" if kind == "chiku" else "地域")
        ws.append([f"area {code}", label, label])
    for sheet, columns in (
        (OBSERVATIONS, OBSERVATION_COLUMNS),
        (AREAS, (AREA_COLUMN,)),
        (TARGETS, TARGET_COLUMNS),
        (SOURCE, SOURCE_FIELDS),
    ):
        for column in columns:
            ws.append([f"{sheet}.{column.name}", column.ja, column.en])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 70
    ws.column_dimensions["C"].width = 70


def workbook_bytes(pkg: PackageData, revision: str | None = None) -> bytes:
    """The .xlsx template of PKG (optionally only REVISION's indicators)."""
    rows = template_rows(pkg, revision)
    codes = area_codes(pkg.folder.parent)
    book = Workbook()
    _readme_sheet(book.active, pkg, rows.next_year, codes)
    book.active.title = README
    observations = book.create_sheet(OBSERVATIONS)
    _table_sheet(observations, OBSERVATION_COLUMNS, rows.observations)
    _series_list(observations, OBSERVATION_COLUMNS, len(rows.observations) + 1 + SPARE_ROWS)
    by_area = book.create_sheet(AREAS)
    _table_sheet(by_area, AREA_COLUMNS, rows.areas)
    _series_list(by_area, AREA_COLUMNS, len(rows.areas) + 1 + SPARE_ROWS)
    _choice_list(by_area, AREA_COLUMNS, "area", list(codes), len(rows.areas) + 1 + SPARE_ROWS)
    _table_sheet(book.create_sheet(TARGETS), TARGET_COLUMNS, rows.targets)
    _source_sheet(book.create_sheet(SOURCE))
    book.properties.title = f"{pkg.name} {pkg.version}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(pkg: PackageData, revision: str | None = None) -> bytes:
    """The observations sheet as UTF-8 CSV (with a BOM so Excel reads the Japanese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in OBSERVATION_COLUMNS])
    for row in template_rows(pkg, revision).observations:
        writer.writerow([_csv_value(c, row.get(c.name)) for c in OBSERVATION_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(column: Column, value: Any) -> str:
    """One CSV cell: booleans as true/false, numbers without a trailing .0, text formula-safe."""
    if value is None:
        return ""
    if column.kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return safe_cell(str(value))
