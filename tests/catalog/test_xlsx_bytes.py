"""The release .xlsx files are what openpyxl itself writes, byte for byte, and the same every time.

portal.catalog.xlsx_rows renders the data rows of a release sheet without openpyxl's per-cell
objects; these tests compare every member of each workbook with the workbook openpyxl's own writer
makes from the same rows (the code the portal used before), on every shipped package and on values
chosen to trip an XML writer, and check that writing a release twice gives the same bytes.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from portal.catalog import field_labels, packages, xlsx
from portal.catalog.packages import ResourceData
from portal.spreadsheet import safe_cell

ROOT = Path(__file__).resolve().parents[2]
STAMP = datetime(2024, 5, 1, 9, 30, 0)
FIELDS = [{"name": "id", "type": "string"}, {"name": "n", "type": "integer"},
          {"name": "x", "type": "number"}, {"name": "flag", "type": "boolean"},
          {"name": "day", "type": "date"}, {"name": "text", "type": "string"}]


def _reference(fields: list[dict], rows: list[dict], title: str = "t") -> bytes:
    """The sheet as openpyxl's ordinary writer makes it (the portal's code before xlsx_rows)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append([safe_cell(field_labels.japanese(f)) for f in fields])
    sheet.append([f["name"] for f in fields])
    for cell in (*sheet[1], *sheet[2]):
        cell.font = xlsx.BOLD
    kinds = [f.get("type", "string") for f in fields]
    for row in rows:
        sheet.append([xlsx._cell(row.get(f["name"]), k) for f, k in zip(fields, kinds, strict=True)])
    for col, kind in enumerate(kinds, start=1):
        if kind not in {"integer", "number", "boolean"}:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=col, max_col=col):
                cell.number_format = xlsx.TEXT
    sheet.freeze_panes = "A3"
    book.properties.created = book.properties.modified = STAMP
    book.properties.creator = "Setagaya plan-progress portal"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _members(data: bytes) -> list[tuple[str, bytes | None]]:
    """Every member's name and bytes, in order (docProps/core.xml's clock-dated copy left out)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, None if i.filename == "docProps/core.xml" else archive.read(i))
            for i in archive.infolist()]


def _rows(values: list) -> list[dict]:
    """Rows putting each of VALUES in every column, between ordinary rows."""
    rows = [{"id": "a-1", "n": 1, "x": 1.5, "flag": True, "day": date(2024, 3, 31), "text": "普通"}]
    for value in values:
        rows.append({f["name"]: value for f in FIELDS})
        rows.append({"id": "1-2", "n": 2, "x": None, "flag": False, "day": None, "text": "３月"})
    return rows


TRICKY = ["&<>\"'", "a\r\nb\tc", " leading", "trailing ", "全角\u3000", "\u3000", "𠮷野家", "=SUM(A1)", "+1",
          "-", "", "0", 0, -0.0, 10**17, 2**53 + 1, 1e-20, 1 / 3, 12345.678, True, False, None,
          "#N/A", "#DIV/0!", "x" * 40_000, math.nan, math.inf, "\x7f", "]]>", "&amp;", "\u2028"]


def _sheet_bytes(rows: list[dict]) -> bytes:
    """The sheet as the portal writes it now."""
    return xlsx.table_xlsx("t", FIELDS, rows, STAMP)


@pytest.mark.parametrize("value", TRICKY, ids=[repr(v)[:20] for v in TRICKY])
def test_streamed_rows_are_what_openpyxl_writes_for_tricky_values(value):
    rows = _rows([value])
    assert _members(_sheet_bytes(rows)) == _members(_reference(FIELDS, rows))


def test_streamed_rows_are_what_openpyxl_writes_for_every_tricky_value_at_once():
    rows = _rows([v for v in TRICKY if not (isinstance(v, str) and len(v) > 1000)])
    assert _members(_sheet_bytes(rows)) == _members(_reference(FIELDS, rows))


SHIPPED = sorted(p.parent.name for p in (ROOT / "datasets").glob("*/datapackage.json"))


@pytest.mark.parametrize("folder", SHIPPED)
def test_every_shipped_resource_is_written_as_openpyxl_writes_it(folder):
    pkg = packages.read(ROOT / "datasets" / folder)
    for res in pkg.resources:
        fields = res.descriptor.get("schema", {}).get("fields", [])
        mine = xlsx.resource_xlsx(res, STAMP)
        assert _members(mine) == _members(_reference(fields, res.rows, res.name[:31])), res.name


def test_the_same_release_workbook_twice_is_the_same_bytes_dated_by_the_release():
    pkg = packages.read(ROOT / "datasets" / "mirai-plan-2022")
    first = xlsx.release_workbook(pkg, [("a", "b")], STAMP)
    assert xlsx.release_workbook(pkg, [("a", "b")], STAMP) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(2024, 5, 1, 9, 30, 0)}
    book = load_workbook(io.BytesIO(first))
    assert book.properties.modified == book.properties.created == STAMP
    assert book.sheetnames == ["README", *[r.name for r in pkg.resources]]
    observations = pkg.resource("observations")
    assert isinstance(observations, ResourceData)
    sheet = book["observations"]
    assert sheet.max_row == len(observations.rows) + 2
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[0] == observations.rows[-1]["observation_id"]
