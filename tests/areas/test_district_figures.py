"""地区 breakdowns (issue 15) with a SYNTHETIC, test-only plan package built under tmp_path.

Every figure here is invented for the test and says so (テスト用・架空); nothing of it is in
datasets/. The package is the tiny test plan with two indicators: a count of people marked
additive across areas (area_additive = true) and a percentage without the flag (not additive).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from portal import create_app
from portal.build import build
from tests.helpers import ROOT, TEST_DATASETS, add_user, db_fingerprint, hidden_fields, login, make_config
from tests.publishing.filling import as_bytes, fill_source, find_row, import_file, put

NAME = "synthetic-district"
PEOPLE, RATE = "tiny:action:1-1", "tiny:outcome:1-2"
INDICATORS = [
    {"indicator_id": PEOPLE, "node_id": "tiny:revised:project-1-1", "revision_id": "tiny:revised",
     "code": "1-1", "kind": "action", "name_ja": "テスト用の架空指標（参加者数）",
     "name_en": "SYNTHETIC test indicator (people)",
     "unit": "人", "direction": "higher_is_better", "cumulative": "false", "total_semantics": "none",
     "area_additive": "true", "source_document": "tiny.txt", "source_line": "6"},
    {"indicator_id": RATE, "node_id": "tiny:revised:measure-1", "revision_id": "tiny:revised", "code": "1-2",
     "kind": "outcome", "name_ja": "テスト用の架空指標（割合）", "name_en": "SYNTHETIC test indicator (rate)",
     "unit": "%", "direction": "higher_is_better", "cumulative": "false", "total_semantics": "level",
     "area_additive": "", "source_document": "tiny.txt", "source_line": "9"},
]
OBSERVATIONS = [
    (f"{PEOPLE}:po:2022", PEOPLE, "tiny:original", "planned_original", "2022", "800"),
    (f"{PEOPLE}:po:2023", PEOPLE, "tiny:original", "planned_original", "2023", "1000"),
    (f"{PEOPLE}:a:2022", PEOPLE, "tiny:revised", "actual", "2022", "780"),
    (f"{RATE}:t:2023", RATE, "tiny:revised", "target", "2023", "50"),
    (f"{RATE}:a:2022", RATE, "tiny:revised", "actual", "2022", "40"),
]


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _synthetic_package(folder: Path) -> None:
    """The tiny test plan renamed, retitled SYNTHETIC / テスト用, with two invented indicators."""
    shutil.copytree(TEST_DATASETS / "tiny-plan", folder)
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    desc.update(name=NAME, title="SYNTHETIC district figures (test only, not ward data)",
                title_ja="テスト用の架空データ（地区別。区の数値ではありません）")
    indicators = next(r for r in desc["resources"] if r["name"] == "indicators")
    indicators["schema"]["fields"].append({"name": "area_additive", "type": "boolean"})
    (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=1), encoding="utf-8")
    header = [f["name"] for f in indicators["schema"]["fields"]]
    _write_csv(folder / "indicators.csv", header, INDICATORS)
    header = next(r for r in desc["resources"] if r["name"] == "observations")["schema"]["fields"]
    names = ("observation_id", "indicator_id", "revision_id", "series", "fiscal_year", "value")
    fixed = {"is_total": "false", "is_estimate": "false", "source_document": "tiny.txt", "source_line": "7"}
    rows = [dict(zip(names, o, strict=True)) | fixed | {"value_text": o[5]} for o in OBSERVATIONS]
    _write_csv(folder / "observations.csv", [f["name"] for f in header], rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """datasets/ with setagaya-areas and the synthetic package, built once (database, releases, index)."""
    tmp = tmp_path_factory.mktemp("district")
    datasets = tmp / "datasets"
    shutil.copytree(ROOT / "datasets" / "setagaya-areas", datasets / "setagaya-areas")
    _synthetic_package(datasets / NAME)
    app = create_app(make_config(tmp, datasets))
    with app.app_context():
        build(app)
    for user, role in (("editor", "editor"), ("admin", "admin")):
        add_user(app, user, role)
    app.extensions["db_engine"].dispose()
    (tmp / "database-url").write_text(str(app.config["DATABASE_URL"]))
    return tmp


@pytest.fixture
def app(built: Path, tmp_path: Path):
    """A fresh copy of the built folder for one test (SQLite file or PostgreSQL clone)."""
    from tests.helpers import clone_database

    for name in ("datasets", "releases", "search_index"):
        shutil.copytree(built / name, tmp_path / name, symlinks=True)
    url = clone_database((built / "database-url").read_text(), tmp_path)
    app = create_app(make_config(tmp_path, tmp_path / "datasets", DATABASE_URL=url))
    yield app
    app.extensions["db_engine"].dispose()


def _template(app, tmp: Path):
    out = tmp / "template.xlsx"
    result = app.test_cli_runner().invoke(args=["data", "template", NAME, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return load_workbook(out)


def _filled(app, tmp: Path, by_area: list[tuple[str, str, str, int, str, float]]):
    """FY2023 ward actuals (people 900, rate 45) and BY_AREA rows (indicator, revision, series, …)."""
    book = _template(app, tmp)
    obs = book["observations"]
    for indicator, value in ((PEOPLE, 900), (RATE, 45)):
        row = find_row(obs, indicator_id=indicator, series="actual", fiscal_year=2023, observation_id=None)
        put(obs, row, value=value, value_text=str(value), is_estimate="false")
    sheet = book["by_area"]
    for n, (indicator, revision, series, year, area, value) in enumerate(by_area, start=2):
        put(sheet, n, indicator_id=indicator, revision_id=revision, series=series, fiscal_year=year,
            is_total="false", area=area, value=value, value_text=f"{value:g}", is_estimate="false")
    fill_source(book, title_ja="テスト用の架空資料（地区別）")
    return book


GOOD = [
    (PEOPLE, "tiny:revised", "actual", 2023, "01", 300),
    (PEOPLE, "tiny:revised", "actual", 2023, "02", 250),
    (PEOPLE, "tiny:revised", "actual", 2023, "03", 200),
    (PEOPLE, "tiny:original", "planned_original", 2023, "01", 280),
    (RATE, "tiny:revised", "actual", 2023, "01", 60),  # over the ward's 45 %: a rate does not add up
]


def _import(app, tmp: Path, book) -> object:
    return import_file(app, tmp, as_bytes(book), "editor", "upload.xlsx", "--package", NAME)


def test_template_has_the_by_area_sheet_with_the_area_codes(app, tmp_path):
    book = _template(app, tmp_path)
    header = [c.value for c in book["by_area"][1]]
    assert header[header.index("sub_item") + 1] == "area"
    lists = [v.formula1 for v in book["by_area"].data_validations.dataValidation]
    assert any('"01,02,' in f and "karasuyama" in f and ",28," in f for f in lists)
    readme = [r[0] for r in book["README"].iter_rows(values_only=True)]
    assert "by_area" in readme and "by_area.area" in readme and "area 28" in readme


def test_district_values_are_published_on_the_indicator_and_district_pages(app, tmp_path):
    app.extensions["page_cache"].timer = lambda: 100.0  # no second passes: the approval itself must show
    client = app.test_client()
    before = client.get(f"/ja/plans/indicator/{PEOPLE}/").get_data(as_text=True)
    assert 'id="areas-h"' not in before  # nothing shown before the ward publishes 地区 values
    result = _import(app, tmp_path, _filled(app, tmp_path, GOOD))
    assert result.exit_code == 0, result.output
    assert "7 added" in result.output  # 2 ward actuals + 5 area values
    draft = re.search(r"draft (\d+)", result.output).group(1)
    approved = app.test_cli_runner().invoke(args=["data", "approve", draft, "--by", "admin"])
    assert approved.exit_code == 0, approved.output

    page = client.get(f"/ja/plans/indicator/{PEOPLE}/").get_data(as_text=True)
    section = page[page.index('id="areas-h"'):]
    table = section[section.index("<table"):section.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S)
    assert [re.search(r'lang="ja">(.*?)<', r).group(1) for r in rows] == ["池尻", "太子堂", "若林"]
    assert "300" in rows[0] and "status-achieved" in rows[0]  # 300 against the 地区's own plan of 280
    assert "250" in rows[1] and "status-" not in rows[1]  # no plan for 太子堂: no status implied
    svg = section[section.index("<svg"):section.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="areas-map-t"' in svg
    assert re.search(r'<title id="areas-map-t">28地区.*下の表に同じ数値があります。</title>', svg)
    assert svg.count('class="shade-') > 0 and svg.count('class="pt-other"') > 0

    chiku = client.get("/ja/chiku/01/").get_data(as_text=True)
    entries = chiku[chiku.index('id="entries-h"'):chiku.index('id="plans-h"')]
    assert "テスト用の架空指標（参加者数）" in entries and "テスト用の架空指標（割合）" in entries
    assert "300" in entries and "60" in entries and "status-achieved" in entries
    other = client.get("/ja/chiku/05/").get_data(as_text=True)
    assert 'id="entries-h"' not in other and "区全体" in other  # the 区全体のみ message stays

    with app.app_context():
        from portal.db import get_session
        from portal.plan.figures import figures
        from portal.plan.services import get_indicator

        indicator = get_indicator(get_session(), PEOPLE)  # statuses and charts read ward rows only
        assert len(indicator.observations) == 4 and {o.area for o in indicator.observations} == {None}
        assert sorted(o.area for o in indicator.area_observations) == ["01", "01", "02", "03"]
        assert figures(indicator).subs[0].by_year["actual"][2023].value == 900


def test_district_values_over_the_ward_total_are_refused_with_the_cells_named(app, tmp_path):
    over = [(PEOPLE, "tiny:revised", "actual", 2023, "01", 600),
            (PEOPLE, "tiny:revised", "actual", 2023, "02", 500)]
    datasets = Path(app.config["DATASETS_DIR"])
    files = {p: p.read_bytes() for p in datasets.rglob("*") if p.is_file()}
    fingerprint = db_fingerprint(app)
    result = _import(app, tmp_path, _filled(app, tmp_path, over))
    assert result.exit_code == 1
    for row, value in ((2, "600"), (3, "500")):
        line = next(x for x in result.output.splitlines() if f"by_area!{row} [value]" in x)
        assert "合計" in line and "1,100" in line and "900" in line and f"«{value}»" in line
    assert db_fingerprint(app) == fingerprint
    assert {p: p.read_bytes() for p in datasets.rglob("*") if p.is_file()} == files

    editor = app.test_client()
    login(editor, "editor")
    token = hidden_fields(editor.get("/staff/data/").get_data(as_text=True))["csrf_token"]
    page = editor.post("/staff/data/upload", content_type="multipart/form-data",
                       data={"csrf_token": token, "package": NAME,
                             "file": (io.BytesIO(as_bytes(_filled(app, tmp_path, over))), "地区別.xlsx")})
    assert page.status_code == 422
    assert re.search(r"<td>by_area</td><td>2</td><td>value</td><td>600</td>", page.get_data(as_text=True))


def test_an_unknown_area_code_is_refused(app, tmp_path):
    bad = [(PEOPLE, "tiny:revised", "actual", 2023, "29", 10),
           (PEOPLE, "tiny:revised", "actual", 2023, "", 10)]
    result = _import(app, tmp_path, _filled(app, tmp_path, bad))
    assert result.exit_code == 1
    assert re.search(r"by_area!2 \[area\]: .*setagaya-areas.*«29»", result.output)
    assert "by_area!3 [area]" in result.output


def test_an_upload_without_area_values_publishes_the_schema_unchanged(app, tmp_path):
    result = _import(app, tmp_path, _filled(app, tmp_path, []))
    assert result.exit_code == 0, result.output
    draft = re.search(r"draft (\d+)", result.output).group(1)
    assert app.test_cli_runner().invoke(args=["data", "approve", draft, "--by", "admin"]).exit_code == 0
    folder = Path(app.config["DATASETS_DIR"]) / NAME
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in desc["resources"] if r["name"] == "observations")["schema"]["fields"]
    assert "area" not in [f["name"] for f in fields]
    assert "area" not in (folder / "observations.csv").read_text(encoding="utf-8").splitlines()[0]
    page = app.test_client().get(f"/ja/plans/indicator/{PEOPLE}/").get_data(as_text=True)
    assert 'id="areas-h"' not in page
