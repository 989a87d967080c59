"""Real Excel files: one .xlsx per resource and one workbook per release (a sheet per resource + README).

Every sheet has two frozen header rows (the column's Japanese name, then its name as in the CSV),
writes string columns (codes such as `1-2`, ids) as text cells so Excel never turns them into dates
or numbers, keeps numbers as numbers, and passes every text through portal.spreadsheet.safe_cell so
no cell is a live formula. Rows after a sheet's first record are rendered by portal.catalog.xlsx_rows
(the bytes openpyxl would write, much faster); every member is dated with the release's stamp.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portal.catalog import field_labels, xlsx_rows
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


def _fill(sheet: Worksheet, res: ResourceData) -> xlsx_rows.Tail | None:
    """Write RES into SHEET (the rows after the first one as a tail for xlsx_rows.save)."""
    return fill_sheet(sheet, res.descriptor.get("schema", {}).get("fields", []), res.rows)


def fill_sheet(sheet: Worksheet, fields: list[dict[str, Any]],
               rows: Iterable[dict[str, Any]]) -> xlsx_rows.Tail | None:
    """Write ROWS into SHEET: two frozen header rows, then typed cells (text columns as text).

    openpyxl writes the headers and the first row; the other rows come back as a tail that
    xlsx_rows.save splices into the sheet as openpyxl would have written them (None: all written).
    """
    sheet.append([safe_cell(field_labels.japanese(f)) for f in fields])
    sheet.append([f["name"] for f in fields])
    for cell in (*sheet[1], *sheet[2]):
        cell.font = BOLD
    kinds = [f.get("type", "string") for f in fields]
    values = [[_cell(row.get(f["name"]), k) for f, k in zip(fields, kinds, strict=True)] for row in rows]
    for row in values[:1]:
        sheet.append(row)
    _text_format(sheet, kinds, 3)
    sheet.freeze_panes = "A3"
    if len(values) < 2:
        return None
    last = f"{get_column_letter(sheet.max_column)}{len(values) + 2}"
    try:
        return xlsx_rows.Tail(sheet, values[1:], 4, f"A1:{last}")
    except xlsx_rows.Unsupported:  # a value only openpyxl renders right: let it write the rest
        for row in values[1:]:
            sheet.append(row)
        _text_format(sheet, kinds, 4)
        return None


def _text_format(sheet: Worksheet, kinds: list[str], first: int) -> None:
    """Give the cells of text columns from row FIRST on the text format (Excel keeps 1-2 as text)."""
    for col, kind in enumerate(kinds, start=1):
        if kind not in {"integer", "number", "boolean"}:
            for (cell,) in sheet.iter_rows(min_row=first, min_col=col, max_col=col):
                cell.number_format = TEXT


def _save(book: Workbook, stamp: datetime, tails: dict[str, xlsx_rows.Tail | None] | None = None) -> bytes:
    """The workbook's bytes, dated STAMP (not the build machine's clock), tails spliced in."""
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    book.properties.creator = "Setagaya plan-progress portal"
    return xlsx_rows.save(book, stamp.replace(tzinfo=None),
                          {title: tail for title, tail in (tails or {}).items() if tail is not None})


def table_xlsx(title: str, fields: list[dict[str, Any]], rows: Iterable[dict[str, Any]],
               stamp: datetime) -> bytes:
    """Any rows as a workbook of one sheet named TITLE (a view of the table browser)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    return _save(book, stamp, {sheet.title: fill_sheet(sheet, fields, rows)})


def resource_xlsx(res: ResourceData, stamp: datetime) -> bytes:
    """One resource as a workbook of one sheet named after it."""
    book = Workbook()
    sheet = book.active
    sheet.title = res.name[:31]
    return _save(book, stamp, {sheet.title: _fill(sheet, res)})


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
    tails = {}
    for res in pkg.resources:
        sheet = book.create_sheet(res.name[:31])
        tails[sheet.title] = _fill(sheet, res)
    return _save(book, stamp, tails)
