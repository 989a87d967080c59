"""The publishing template: pre-filled long-format observations, next year's empty rows, target
changes, the source sheet, a bilingual README; codes as text cells, series list, locked columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from portal.publishing.columns import OBSERVATION_COLUMNS
from tests.publishing.conftest import MIRAI, login, sheet_rows


def _template(app, tmp_path, *args: str) -> bytes:
    out = tmp_path / "t.xlsx"
    result = app.test_cli_runner().invoke(args=["data", "template", MIRAI, *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_template_holds_every_current_row_and_empty_rows_for_next_year(pub_app, tmp_path):
    rows = sheet_rows(_template(pub_app, tmp_path), "observations")
    path = Path(pub_app.config["DATASETS_DIR"]) / MIRAI / "observations.csv"
    current = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    ids = {r["observation_id"] for r in rows if r["observation_id"]}
    assert ids == {r["observation_id"] for r in current}
    empty = [r for r in rows if not r["observation_id"]]
    assert empty and all(r["series"] == "actual" and r["fiscal_year"] == 2023 for r in empty)
    assert all(r["value"] is None and r["value_text"] in (None, "") for r in empty)
    first = next(r for r in empty if r["indicator_id"] == "mirai-plan-2022:action:1-1-1")
    assert first["unit"] == "人" and first["indicator_code"] == "1-1①"
    assert first["revision_id"] == "mirai-plan-2022:revised"


def test_template_keeps_codes_as_text_and_locks_read_only_columns(pub_app, tmp_path):
    book = load_workbook(io.BytesIO(_template(pub_app, tmp_path)))
    ws = book["observations"]
    header = [c.value for c in ws[1]]
    assert header == [c.name for c in OBSERVATION_COLUMNS]
    code = ws.cell(row=2, column=header.index("indicator_code") + 1)
    assert code.data_type == "s" and code.number_format == "@" and code.protection.locked
    value = ws.cell(row=2, column=header.index("value") + 1)
    assert not value.protection.locked
    assert ws.protection.sheet
    lists = [dv for dv in ws.data_validations.dataValidation if "actual" in (dv.formula1 or "")]
    assert lists and "planned_original" in lists[0].formula1


def test_template_lists_targets_and_has_source_and_readme_sheets(pub_app, tmp_path):
    data = _template(pub_app, tmp_path)
    targets = sheet_rows(data, "target_changes")
    assert len(targets) == 79
    changed = next(r for r in targets if r["indicator_id"] == "mirai-plan-2022:outcome:1-2")
    assert changed["old_value"] == 50 and changed["new_value"] is None
    source = {r["field"] for r in sheet_rows(data, "source")}
    assert {"title_ja", "publisher", "published", "url", "page"} <= source
    readme = sheet_rows(data, "README")
    assert any("value_text" in str(r["項目 / item"]) and r["English"] for r in readme)


def test_template_revision_option_limits_indicators(pub_app, tmp_path):
    rows = sheet_rows(_template(pub_app, tmp_path, "--revision", "mirai-plan-2022:revised"), "observations")
    assert rows
    result = pub_app.test_cli_runner().invoke(
        args=["data", "template", MIRAI, "--revision", "nope", "--out", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code != 0 and "no revision" in result.output


def test_staff_download_gives_xlsx_and_csv_of_the_same_columns(pub_app):
    client = pub_app.test_client()
    login(client, "editor")
    xlsx = client.get(f"/staff/data/{MIRAI}/template.xlsx")
    assert xlsx.status_code == 200 and xlsx.headers["Cache-Control"] == "no-store"
    assert "attachment" in xlsx.headers["Content-Disposition"]
    text = client.get(f"/staff/data/{MIRAI}/template.csv").get_data().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [c.name for c in OBSERVATION_COLUMNS]
    assert len(list(csv.reader(io.StringIO(text)))) - 1 == len(sheet_rows(xlsx.get_data(), "observations"))
    assert client.get("/staff/data/").status_code == 200


def test_moderator_cannot_download_a_template(pub_app):
    client = pub_app.test_client()
    login(client, "mod")
    assert client.get(f"/staff/data/{MIRAI}/template.xlsx").status_code == 403
