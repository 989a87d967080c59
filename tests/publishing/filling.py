"""Fill a downloaded template the way a ward officer would in Excel (openpyxl), for the tests."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

#: Three indicators of mirai-plan-2022 whose FY2023 actuals the tests fill in.
THREE = ("mirai-plan-2022:action:1-1-1", "mirai-plan-2022:action:1-1-2", "mirai-plan-2022:outcome:1-1-2")
SOURCE = {
    "title_ja": "世田谷区未来つながるプラン 令和5年度 推進状況（テスト用）",
    "publisher": "世田谷区",
    "published": "2024-06-30",
    "page": "12",
}


def template(app: Any, tmp: Path) -> Workbook:
    """The mirai-plan-2022 template as an openpyxl workbook (through the CLI)."""
    out = tmp / "template.xlsx"
    result = app.test_cli_runner().invoke(args=["data", "template", "mirai-plan-2022", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return load_workbook(out)


def header(ws: Any) -> list[str]:
    """Column names of a sheet."""
    return [c.value for c in ws[1]]


def find_row(ws: Any, **match: Any) -> int:
    """The sheet row number of the first row whose cells equal MATCH."""
    cols = header(ws)
    for row in ws.iter_rows(min_row=2):
        if all(row[cols.index(k)].value == v for k, v in match.items()):
            return row[0].row
    raise LookupError(match)


def put(ws: Any, row: int, **values: Any) -> None:
    """Set cells of one row by column name."""
    cols = header(ws)
    for key, value in values.items():
        ws.cell(row=row, column=cols.index(key) + 1, value=value)


def fill_actuals(book: Workbook, values: dict[str, float] | None = None) -> dict[str, int]:
    """Type FY2023 actuals for THREE (or VALUES' indicators); return {indicator: sheet row}."""
    ws = book["observations"]
    values = values or {THREE[0]: 1600, THREE[1]: 20, THREE[2]: 320}
    rows = {}
    for indicator, value in values.items():
        row = find_row(ws, indicator_id=indicator, series="actual", fiscal_year=2023, observation_id=None)
        put(ws, row, value=value, value_text=f"{value:,}", is_estimate="false")
        rows[indicator] = row
    return rows


def fill_source(book: Workbook, **override: str) -> None:
    """Name the source document on the source sheet."""
    ws = book["source"]
    for row in ws.iter_rows(min_row=2):
        name = row[0].value
        if name in {**SOURCE, **override}:
            row[1].value = {**SOURCE, **override}[name]


def as_bytes(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filled(app: Any, tmp: Path) -> Workbook:
    """A template with three FY2023 actuals and the source named (a valid upload)."""
    book = template(app, tmp)
    fill_actuals(book)
    fill_source(book)
    return book


def import_file(
    app: Any, tmp: Path, data: bytes, by: str = "editor", name: str = "upload.xlsx", *extra: str
) -> Any:
    """Run `portal data import` on DATA; return the click result."""
    path = tmp / name
    path.write_bytes(data)
    return app.test_cli_runner().invoke(args=["data", "import", str(path), "--by", by, *extra])
