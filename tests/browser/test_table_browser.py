"""The table browser in Chromium: filter, sort, facet, page, download the view; axe finds nothing serious."""

from __future__ import annotations

import csv
import io
import json
import urllib.request

import pytest

pytestmark = pytest.mark.browser

TABLE = "/ja/datasets/mirai-plan-2022/1.1.1/tables/observations-labelled/"
ROWS = "/api/v1/datasets/mirai-plan-2022/1.1.1/resources/observations-labelled/rows"


def _api(portal_url: str, query: str) -> dict:
    with urllib.request.urlopen(f"{portal_url}{ROWS}?{query}") as response:
        return json.load(response)


def test_filter_sort_facet_page_and_download_in_chromium(portal_url, browser_page, axe_check, tmp_path):
    page = browser_page
    page.goto(portal_url + TABLE)
    assert axe_check(page) == []
    # Filter: series is "actual".
    page.select_option("#filter-column", "series")
    page.select_option("#filter-op", "exact")
    page.fill("#filter-value", "actual")
    page.get_by_role("button", name="適用").click()
    page.wait_for_url("**series=actual**")
    expected = _api(portal_url, "series=actual")["total"]
    assert page.locator("#table-total").inner_text() == f"該当する行：{expected}行"
    # Sort by value, descending (two clicks on the header).
    page.get_by_role("link", name="value: 昇順に並べ替え").click()
    page.get_by_role("link", name="value: 降順に並べ替え").click()
    page.wait_for_url("**_sort=-value**")
    top = _api(portal_url, "series=actual&_sort=-value&_size=1")["rows"][0]["observation_id"]
    column = page.locator("table.browse thead th").all_inner_texts().index("observation_id")
    assert page.locator(f"table.browse tbody tr:first-child td:nth-child({column + 1})").inner_text() == top
    # Facet by fiscal year, then pick the busiest year.
    page.select_option("#facet-column", "fiscal_year")
    page.get_by_role("button", name="件数を表示").click()
    facets = _api(portal_url, "series=actual&_facet=fiscal_year")["facets"]["fiscal_year"]
    facet = next(f for f in facets if f["value"] is not None)
    page.get_by_role("link", name=f"{facet['value']} ({facet['count']})").click()
    page.wait_for_url(f"**fiscal_year={facet['value']}**")
    assert page.locator("#table-total").inner_text() == f"該当する行：{facet['count']}行"
    assert axe_check(page) == []
    # Page: the next page continues where the first ended.
    page.goto(portal_url + TABLE + "?_size=20&_sort=observation_id")
    first = page.locator("table.browse tbody tr").count()
    page.get_by_role("link", name="次のページ").click()
    page.wait_for_url("**_cursor=**")
    ids = _api(portal_url, "_size=40&_sort=observation_id")["rows"]
    assert first == 20
    assert page.locator(f"table.browse tbody tr:first-child td:nth-child({column + 1})").inner_text() == \
        ids[20]["observation_id"]
    # Download this view as CSV: every matching row, in the view's order.
    page.goto(portal_url + TABLE + "?series=target&_sort=-value")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    saved = tmp_path / "view.csv"
    download.value.save_as(saved)
    got = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    api = _api(portal_url, "series=target&_sort=-value&_size=1000")
    assert [r["observation_id"] for r in got] == [r["observation_id"] for r in api["rows"]]
    assert len(got) == api["total"]
