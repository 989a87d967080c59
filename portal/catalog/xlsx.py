"""Real Excel files: one .xlsx per resource and one workbook per release (a sheet per resource + README).

Every sheet has two frozen header rows (the column's Japanese name, then its name as in the CSV),
writes string columns (codes such as `1-2`, ids) as text cells so Excel never turns them into dates
or numbers, keeps numbers as numbers, and passes every text through portal.spreadsheet.safe_cell so
no cell is a live formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from portal.catalog import field_labels
from portal.catalog.packages import PackageData, ResourceData
from portal.spreadsheet import safe_cell

MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "@"
BOLD = Font(bold=True)


def _cell(value: Any, kind: str) -> Any:
    """A value as the cell holds it: numbers and booleans typed, everything else safe text."""
    if value is None or value == "":
        return None
    if kind in {"integer", "number"} and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind == "boolean" and isinstance(value, bool):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return safe_cell(str(value))


def _fill(sheet: Worksheet, res: ResourceData) -> None:
    """Write RES into SHEET."""
    fill_sheet(sheet, res.descriptor.get("schema", {}).get("fields", []), res.rows)


def fill_sheet(sheet: Worksheet, fields: list[dict[str, Any]], rows: Iterable[dict[str, Any]]) -> None:
    """Write ROWS into SHEET: two frozen header rows, then typed cells (text columns as text)."""
    sheet.append([safe_cell(field_labels.japanese(f)) for f in fields])
    sheet.append([f["name"] for f in fields])
    for cell in (*sheet[1], *sheet[2]):
        cell.font = BOLD
    kinds = [f.get("type", "string") for f in fields]
    for row in rows:
        sheet.append([_cell(row.get(f["name"]), k) for f, k in zip(fields, kinds, strict=True)])
    for col, kind in enumerate(kinds, start=1):
        if kind not in {"integer", "number", "boolean"}:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col):
                cell.number_format = TEXT
    sheet.freeze_panes = "A3"


def _save(book: Workbook, stamp: datetime) -> bytes:
    """The workbook's bytes, dated STAMP (not the build machine's clock)."""
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    book.properties.creator = "Setagaya plan-progress portal"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_xlsx(title: str, fields: list[dict[str, Any]], rows: Iterable[dict[str, Any]],
               stamp: datetime) -> bytes:
    """Any rows as a workbook of one sheet named TITLE (a view of the table browser)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    fill_sheet(sheet, fields, rows)
    return _save(book, stamp)


def resource_xlsx(res: ResourceData, stamp: datetime) -> bytes:
    """One resource as a workbook of one sheet named after it."""
    book = Workbook()
    sheet = book.active
    sheet.title = res.name[:31]
    _fill(sheet, res)
    return _save(book, stamp)


def _readme(sheet: Worksheet, pkg: PackageData, lines: list[tuple[str, str]]) -> None:
    """The README sheet: what the workbook holds, in Japanese and English, then every column."""
    for key, value in lines:
        sheet.append([safe_cell(key), safe_cell(value)])
    sheet.append([])
    header = ["シート / sheet", "列 / column", "列名 / Japanese name", "title", "型 / type", "単位 / unit",
              "説明 / description"]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for res in pkg.resources:
        for f in res.descriptor.get("schema", {}).get("fields", []):
            sheet.append([res.name, f["name"], safe_cell(field_labels.japanese(f)),
                          safe_cell(field_labels.english(f)), f.get("type", "any"),
                          safe_cell(f.get("unit", "")), safe_cell(f.get("description", ""))])
    for (cell,) in sheet.iter_rows(min_col=1, max_col=1):
        cell.font = BOLD


def release_workbook(pkg: PackageData, lines: list[tuple[str, str]], stamp: datetime) -> bytes:
    """The whole release as one workbook: README first, then a sheet per resource."""
    book = Workbook()
    readme = book.active
    readme.title = "README"
    _readme(readme, pkg, lines)
    for res in pkg.resources:
        _fill(book.create_sheet(res.name[:31]), res)
    return _save(book, stamp)
