"""The table browser's service (rows API, HTML view, downloads): every filter kind, sort, facets, pages."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from openpyxl import load_workbook

from tests.helpers import MIRAI_VERSION

NAME, VERSION = "mirai-plan-2022", MIRAI_VERSION
ROWS = f"/api/v1/datasets/{NAME}/{VERSION}/resources/%s/rows"
PAGE = f"/ja/datasets/{NAME}/{VERSION}/tables/%s/"


@pytest.fixture(scope="module")
def records(real_app):
    """The observations as released (JSON records): the ground truth every answer is checked against."""
    with real_app.test_client().get(f"/datasets/{NAME}/{VERSION}/observations.json") as response:
        return json.loads(response.data)


def _rows(client, query: str, resource: str = "observations") -> dict:
    response = client.get(ROWS % resource + "?" + query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(("query", "keep"), [
    ("series=actual", lambda r: r["series"] == "actual"),
    ("series=actual&series=target", lambda r: r["series"] in {"actual", "target"}),
    ("value_text__contains=人", lambda r: "人" in (r["value_text"] or "")),
    ("fiscal_year__gte=2023", lambda r: r["fiscal_year"] is not None and r["fiscal_year"] >= 2023),
    ("fiscal_year__lt=2023&fiscal_year__gt=2021", lambda r: r["fiscal_year"] == 2022),
    ("value__lte=10&value__gte=5", lambda r: r["value"] is not None and 5 <= r["value"] <= 10),
    ("series__not=actual", lambda r: r["series"] != "actual"),
    ("is_estimate=true&series=actual", lambda r: r["is_estimate"] is True and r["series"] == "actual"),
])
def test_every_filter_kind_matches_the_released_rows(real_client, records, query, keep):
    expected = [r["observation_id"] for r in records if keep(r)]
    answer = _rows(real_client, f"{query}&_size=1000&_sort=observation_id")
    assert answer["total"] == len(expected) > 0
    assert [r["observation_id"] for r in answer["rows"]] == sorted(expected)


def test_sort_both_ways_with_empty_cells_first(real_client, records):
    values = [r["value"] for r in records]
    ascending = [r["value"] for r in _rows(real_client, "_sort=value&_size=1000")["rows"]]
    assert ascending == sorted(values, key=lambda v: (v is not None, v or 0))
    descending = [r["value"] for r in _rows(real_client, "_sort=-value&_size=1000")["rows"]]
    assert descending == ascending[::-1]


def test_facets_count_the_matching_rows(real_client, records):
    answer = _rows(real_client, "_facet=series&_facet=fiscal_year&is_estimate=false&_size=1")
    keep = [r for r in records if r["is_estimate"] is False]
    assert {f["value"]: f["count"] for f in answer["facets"]["series"]} == Counter(r["series"] for r in keep)
    years = answer["facets"]["fiscal_year"]
    assert [f["count"] for f in years] == sorted((f["count"] for f in years), reverse=True)
    expected = dict(Counter(r["fiscal_year"] for r in keep).most_common(30))
    assert {f["value"]: f["count"] for f in years} == expected


def test_keyset_pages_cover_the_view_once(real_client):
    query, seen, url = "series=target&_sort=-value&_size=37", [], None
    whole = [r["observation_id"] for r in _rows(real_client, "series=target&_sort=-value&_size=1000")["rows"]]
    answer = _rows(real_client, query)
    while True:
        seen += [r["observation_id"] for r in answer["rows"]]
        url = answer["next"]
        if not url:
            break
        answer = real_client.get(url.replace("http://127.0.0.1:5000", "")).get_json()
    assert seen == whole


def test_labelled_view_joins_indicator_and_measure(real_client, records):
    answer = _rows(real_client, "_size=1000&_sort=observation_id", "observations-labelled")
    assert answer["total"] == len(records)
    first = answer["rows"][0]
    indicator = real_client.get(f"/api/v1/indicators/{first['indicator_id']}").get_json()
    assert first["indicator_code"] == indicator["code"] and first["unit"] == indicator["unit"]
    assert first["indicator_ja"] == indicator["name_ja"]
    node = real_client.get(f"/api/v1/nodes/{indicator['node_id']}").get_json()
    measure = real_client.get(f"/api/v1/nodes/{node['parent_id']}").get_json()
    assert measure["level"] == "measure" and first["measure_ja"] == measure["name_ja"]
    assert all(r["measure_ja"] for r in answer["rows"])
    # The common question without a join: 施策 with the most target figures.
    top = _rows(real_client, "series=target&_facet=measure_ja&_size=1", "observations-labelled")
    assert top["facets"]["measure_ja"][0]["count"] >= top["facets"]["measure_ja"][-1]["count"]


def test_downloads_of_a_view_hold_every_matching_row_in_order(real_client):
    query = "series=target&_sort=-value&_fields=observation_id,indicator_code,value"
    api = _rows(real_client, query + "&_size=1000", "observations-labelled")
    base = f"/datasets/{NAME}/{VERSION}/tables/observations-labelled"
    as_json = json.loads(real_client.get(f"{base}.json?{query}&_size=5").data)
    assert as_json == api["rows"]
    as_csv = list(csv.DictReader(io.StringIO(real_client.get(f"{base}.csv?{query}").get_data(as_text=True))))
    assert [r["observation_id"] for r in as_csv] == [r["observation_id"] for r in api["rows"]]
    sheet = load_workbook(io.BytesIO(real_client.get(f"{base}.xlsx?{query}").data)).active
    assert [c.value for c in sheet[2]] == ["observation_id", "indicator_code", "value"]
    assert [c.value for c in sheet[1]] == ["観測ID", "指標番号", "値"]
    codes = [sheet.cell(row=i, column=2) for i in range(3, sheet.max_row + 1)]
    assert len(codes) == api["total"] and all(c.data_type == "s" for c in codes if c.value)


def test_page_shows_the_view_and_its_form_makes_a_shareable_url(real_client):
    form = "?_filter_column=fiscal_year&_filter_op=gte&_filter_value=2023"
    moved = real_client.get(PAGE % "observations" + form)
    assert moved.status_code == 303 and moved.headers["Location"].endswith("?fiscal_year__gte=2023")
    page = real_client.get(PAGE % "observations" + "?fiscal_year__gte=2023&_facet=series&_sort=-value")
    html = page.get_data(as_text=True)
    total = _rows(real_client, "fiscal_year__gte=2023")["total"]
    assert f"該当する行：{total}行" in html and 'aria-sort="descending"' in html
    assert "?fiscal_year__gte=2023&amp;_facet=series&amp;_sort=-value&amp;series=planned_original" in html
    twin = f"<http://127.0.0.1:5000{ROWS % 'observations'}?fiscal_year__gte=2023"
    assert page.headers["Link"].startswith(twin)
    assert "人" in real_client.get(PAGE % "indicators").get_data(as_text=True)  # units in the headers


@pytest.mark.parametrize("query", ["nosuch=1", "value__between=1", "value__gt=abc", "_facet=nosuch"])
def test_bad_parameters_are_explained_not_crashes(real_client, query):
    page = real_client.get(PAGE % "observations" + "?" + query)
    assert page.status_code == 400 and "パラメーター" in page.get_data(as_text=True)
    assert real_client.get(ROWS % "observations" + "?" + query).status_code == 400


@pytest.mark.parametrize("size", ["0", "1001", "9" * 20])
def test_a_page_size_outside_1_to_1000_is_refused_naming_the_parameter(real_client, size):
    """_size is bounded (a huge page would hold the worker); the answer names the parameter."""
    response = real_client.get(ROWS % "observations" + f"?_size={size}&_lang=en")
    assert response.status_code == 400
    assert "_size" in json.dumps(response.get_json())


def test_the_largest_page_size_is_accepted(real_client, records):
    assert len(_rows(real_client, "_size=1000")["rows"]) == min(1000, len(records))
