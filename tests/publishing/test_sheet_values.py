"""An upload's cells are read exactly as openpyxl's read-only, values-only reader reads them.

portal.publishing.sheet_values reads the rows of a sheet without openpyxl's per-cell objects; it
must give the same values: on a filled template (inline strings, numbers, booleans) and on a
workbook written by hand the way Excel and other programs write them (shared strings, rich text
with phonetic runs, dates by style, cached formula results, errors, rows and cells without
numbers, rows missing or out of order, a dimension smaller than the data, a sheet without one).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from portal.publishing import sheet_values, template
from portal.publishing.packages import read_plan_package
from portal.publishing.upload import Limits, read_upload
from tests.helpers import ROOT

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_DATA = (
    '<dimension ref="A1:D4"/><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is>'
    '<r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r>'
    '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></is></c>'
    '<c r="D1" t="str"><f>A1&amp;B1</f><v>ab</v></c><c r="F1"><v>99</v></c></row>'
    '<row r="3"><c r="A3" s="1"><v>45382</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c>'
    '<c r="D3"><f>1+1</f><v>2</v></c></row>'
    '<row r="2"><c r="A2"><v>1.5E3</v></c></row>'
    '<row><c><v>7</v></c><c t="inlineStr"><is><t>  x  </t></is></c><c r="D5"/><c t="inlineStr"/></row>'
    '<row r="7.0"><c r="B7" s="1"><v>99999999</v></c><c r="C7" t="d"><v>2024-03-31T00:00:00</v></c></row>'
    "</sheetData>"
)
UNSIZED = ('<sheetData><row r="2"><c r="B2" t="s"><v>2</v></c><c r="E2"><v>3</v></c></row><row r="3"/>'
           '<row r="5"><c r="A5"><v>0.1</v></c></row></sheetData>')
PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook {NS} xmlns:r="{RELS}"><sheets><sheet name="one" sheetId="1" r:id="rId1"/>'
    '<sheet name="two" sheetId="2" r:id="rId2"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId4" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/styles.xml": f'<styleSheet {NS}><fonts count="1"><font/></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2">'
    '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs><cellStyles count="1">'
    '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    "xl/sharedStrings.xml": f'<sst {NS} count="3" uniqueCount="3"><si><t>indicator_id</t></si>'
    '<si><r><t>va</t></r><r><t>lue</t></r></si><si><t xml:space="preserve"> 1-2 </t></si></sst>',
    "xl/worksheets/sheet1.xml": f"<worksheet {NS}>{SHEET_DATA}</worksheet>",
    "xl/worksheets/sheet2.xml": f"<worksheet {NS}>{UNSIZED}</worksheet>",
}


def _by_hand() -> bytes:
    """A workbook written part by part, as other programs than openpyxl write them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, xml in PARTS.items():
            archive.writestr(name, xml)
    return out.getvalue()


def _filled_template() -> bytes:
    """The mirai-plan-2022 template with FY2023 actuals, estimates and dates typed in."""
    data = template.workbook_bytes(read_plan_package(str(ROOT / "datasets"), "mirai-plan-2022"))
    book = load_workbook(io.BytesIO(data))
    ws = book["observations"]
    cols = [c.value for c in ws[1]]
    for n, row in enumerate(ws.iter_rows(min_row=2)):
        cells = dict(zip(cols, row, strict=False))
        if not cells["observation_id"].value and cells["indicator_id"].value:
            cells["value"].value, cells["value_text"].value = n * 1.25, f"{n * 1.25:g}人"
            cells["is_estimate"].value, cells["as_of"].value = n % 2 == 0, date(2024, 3, 31)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _compare(data: bytes, max_row: int) -> int:
    """Both readers on every sheet of DATA; return how many rows they agreed on."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    agreed = 0
    for ws in book.worksheets:
        with warnings.catch_warnings():  # both warn about the date out of range (B7), and read it as #VALUE!
            warnings.simplefilter("ignore")
            theirs = [tuple(r) for r in ws.iter_rows(max_row=max_row, values_only=True)]
            mine = [tuple(r) for r in sheet_values.rows(ws, max_row)]
        assert mine == theirs, ws.title
        agreed += len(mine)
    book.close()
    return agreed


@pytest.mark.parametrize("max_row", [1, 2, 4, 6, 9, 1000])
def test_a_workbook_written_by_hand_reads_as_openpyxl_reads_it(max_row):
    assert _compare(_by_hand(), max_row)


def test_the_hand_written_cells_have_the_values_excel_shows():
    book = load_workbook(io.BytesIO(_by_hand()), read_only=True, data_only=True)
    with pytest.warns(UserWarning, match="outside the limits for dates"):
        rows = list(sheet_values.rows(book["one"], 100))
    assert rows[6][1] == "#VALUE!"
    assert rows[0] == ("indicator_id", "value", "rich ", "ab")
    assert rows[2][0].date() == date(2024, 3, 31) and rows[2][1:] == (True, "#N/A", 2)
    assert rows[1] == rows[3] == (None,) * 4  # rows 2 and 3 again, after row 3: dropped, as openpyxl does


@pytest.mark.parametrize("max_row", [5, 100_000])
def test_a_filled_template_reads_as_openpyxl_reads_it(max_row):
    assert _compare(_filled_template(), max_row) > min(max_row, 800)


def test_an_upload_over_the_row_limit_is_still_refused():
    with pytest.raises(Exception, match="at most 100 rows"):
        read_upload("t.xlsx", _filled_template(), Limits(10**9, 100))
