"""Real Excel files: one .xlsx per resource and a workbook per release, codes as text, Japanese intact."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from portal import create_app
from portal.build import build
from tests.helpers import make_config


def _book(client, url: str):
    with client.get(url.replace("http://127.0.0.1:5000", "")) as response:
        assert response.status_code == 200, url
        assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return load_workbook(io.BytesIO(response.data))


def _records(client, meta, resource):
    res = next(r for r in meta["resources"] if r["name"] == resource)
    url = next(d["url"] for d in res["downloads"] if d["format"] == "json")
    with client.get(url.replace("http://127.0.0.1:5000", "")) as response:
        return res, json.loads(response.data)


@pytest.mark.parametrize("resource", ["nodes", "indicators", "observations"])
def test_resource_xlsx_keeps_codes_as_text_and_japanese_intact(real_client, resource):
    meta = real_client.get("/api/v1/datasets/mirai-plan-2022").get_json()
    res, records = _records(real_client, meta, resource)
    url = next(d["url"] for d in res["downloads"] if d["format"] == "xlsx")
    book = _book(real_client, url)
    assert book.sheetnames == [resource]
    sheet = book[resource]
    assert sheet.freeze_panes == "A3"
    names = [c.value for c in sheet[2]]
    assert names == [f["name"] for f in res["fields"]]
    assert all(c.value for c in sheet[1])  # a Japanese name above every column
    assert sheet.max_row == len(records) + 2
    types = {f["name"]: f["type"] for f in res["fields"]}
    for row, record in zip(sheet.iter_rows(min_row=3), records, strict=True):
        for cell, name in zip(row, names, strict=True):
            value = record[name]
            if types[name] == "string" and value not in (None, ""):
                assert cell.data_type == "s" and cell.value == value, (name, value)  # 1-2 stays "1-2"
            elif types[name] in {"integer", "number"} and value is not None:
                assert cell.value == value and cell.data_type == "n"


def test_codes_that_excel_would_turn_into_dates_stay_text(real_client):
    meta = real_client.get("/api/v1/datasets/mirai-plan-2022").get_json()
    res, records = _records(real_client, meta, "nodes")
    url = next(d["url"] for d in res["downloads"] if d["format"] == "xlsx")
    sheet = _book(real_client, url)["nodes"]
    column = [c.value for c in sheet[2]].index("code") + 1
    codes = [sheet.cell(row=i, column=column) for i in range(3, sheet.max_row + 1)]
    assert "1-2" in [c.value for c in codes]
    assert all(c.data_type == "s" and c.number_format == "@" for c in codes if c.value is not None)


def test_release_workbook_has_a_readme_and_one_sheet_per_resource(real_client):
    meta = real_client.get("/api/v1/datasets/mirai-plan-2022").get_json()
    url = next(d["url"] for d in meta["downloads"] if d["format"] == "workbook")
    book = _book(real_client, url)
    assert book.sheetnames == ["README"] + [r["name"] for r in meta["resources"]]
    readme = [c.value for row in book["README"].iter_rows() for c in row if c.value]
    assert meta["title"]["ja"] in readme and meta["version"] in readme
    for res in meta["resources"]:
        assert book[res["name"]].max_row == res["row_count"] + 2
        assert book[res["name"]].freeze_panes == "A3"


def test_formulas_in_the_data_are_neutralised(tmp_path: Path, datasets_copy: Path):
    nodes = datasets_copy / "tiny-plan" / "nodes.csv"
    nodes.write_text(nodes.read_text(encoding="utf-8").replace("防災塾の推進", "=HYPERLINK(\"http://x\")"),
                     encoding="utf-8")
    app = create_app(make_config(tmp_path, datasets_copy))
    with app.app_context():
        build(app)
    client = app.test_client()
    version = client.get("/api/v1/datasets/tiny-plan").get_json()["version"]
    sheet = _book(client, f"/datasets/tiny-plan/{version}/nodes.xlsx")["nodes"]
    texts = [c.value for row in sheet.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"http://x\")" in texts
    assert not any(t.startswith(("=", "+", "@")) for t in texts)
