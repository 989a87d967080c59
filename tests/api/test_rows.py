"""Rows of any resource: filters, sort, field selection, keyset pagination, and 400s naming the parameter."""

from __future__ import annotations

import pytest

from portal.catalog.citation import DEFAULT_LICENCE, licence

ROWS = "/api/v1/datasets/mirai-plan-2022/1.1.1/resources/observations/rows"


def _all_pages(client, url: str) -> list[dict]:
    """Follow `next` links from URL and return every row."""
    found: list[dict] = []
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        found += body["rows"]
        url = body["next"]
    return found


def test_filters_pick_rows_by_column_value(real_client):
    body = real_client.get(f"{ROWS}?series=actual&fiscal_year=2022&_size=1000").get_json()
    assert body["total"] == len(body["rows"]) > 0
    assert all(r["series"] == "actual" and r["fiscal_year"] == 2022 for r in body["rows"])
    either = real_client.get(f"{ROWS}?series=baseline&series=target&_size=1000").get_json()
    assert {r["series"] for r in either["rows"]} == {"baseline", "target"}
    empty = real_client.get(f"{ROWS}?fiscal_year=&series=planned_original&_size=5").get_json()
    assert all(r["fiscal_year"] is None for r in empty["rows"])


def test_sort_descending_and_field_selection(real_client):
    body = real_client.get(f"{ROWS}?_sort=-value&_fields=observation_id,value&_size=20").get_json()
    values = [r["value"] for r in body["rows"]]
    assert values == sorted(values, reverse=True)
    assert body["fields"] == ["observation_id", "value"]
    assert all(set(r) == {"observation_id", "value"} for r in body["rows"])


@pytest.mark.parametrize("sort", ["", "&_sort=value", "&_sort=-fiscal_year", "&_sort=indicator_id"])
def test_keyset_pages_return_every_row_once(real_client, sort):
    rows = _all_pages(real_client, f"{ROWS}?_size=97{sort}")
    ids = [r["observation_id"] for r in rows]
    assert len(ids) == len(set(ids)) == 806


def test_pages_of_a_filtered_query_carry_the_filter(real_client):
    rows = _all_pages(real_client, f"{ROWS}?series=actual&_size=25&_sort=value")
    assert len(rows) == real_client.get(f"{ROWS}?series=actual").get_json()["total"]
    assert all(r["series"] == "actual" for r in rows)


def test_next_page_is_announced_in_a_link_header(real_client):
    response = real_client.get(f"{ROWS}?_size=10")
    assert response.headers["Link"].endswith('>; rel="next"')
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(("query", "param"), [
    ("nosuchcolumn=1", "nosuchcolumn"),
    ("_sort=nosuchcolumn", "_sort"),
    ("_sort=-", "_sort"),
    ("_fields=value,nope", "_fields"),
    ("_fields=", "_fields"),
    ("_size=0", "_size"),
    ("_size=1001", "_size"),
    ("_size=abc", "_size"),
    ("_size=-5", "_size"),
    ("_cursor=!!!", "_cursor"),
    ("_cursor=e30", "_cursor"),
    ("_cursor=WzVd&_sort=value&_size=5", "_cursor"),
    ("_cursor=WyJ4IiwwXQ", "_cursor"),
    ("fiscal_year=abc", "fiscal_year"),
    ("value=ten", "value"),
    ("is_total=maybe", "is_total"),
])
def test_bad_parameters_get_a_400_naming_them(real_client, query, param):
    response = real_client.get(f"{ROWS}?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == param
    assert param in error["message"]


def test_messages_follow_the_clients_language(real_client):
    ja = real_client.get(f"{ROWS}?_size=0", headers={"Accept-Language": "ja"}).get_json()
    assert "1から1000までの整数ではありません" in ja["error"]["message"]
    en = real_client.get(f"{ROWS}?_size=0", headers={"Accept-Language": "en"}).get_json()
    assert "is not a whole number from 1 to 1000" in en["error"]["message"]


def test_unknown_dataset_version_or_resource_is_a_json_404(real_client):
    for url in ("/api/v1/datasets/nope", "/api/v1/datasets/mirai-plan-2022/9.0.0",
                "/api/v1/datasets/mirai-plan-2022/1.1.1/resources/nope/rows"):
        response = real_client.get(url)
        assert response.status_code == 404
        assert response.get_json()["error"]["status"] == 404


def test_latest_is_accepted_in_api_paths(real_client):
    body = real_client.get("/api/v1/datasets/setagaya-areas/latest/resources/chiku/rows").get_json()
    assert body["version"] == "1.0.0" and body["total"] == 28


def test_a_package_without_licence_gets_cc_by_4():
    assert licence({}) == DEFAULT_LICENCE
    assert licence({"licenses": [{"name": "ODC-BY-1.0", "path": "https://x", "title": "ODC"}]})["name"] \
        == "ODC-BY-1.0"
