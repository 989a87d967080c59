"""Catalogue pages: list with facets and filter, dataset page contents, JSON twins, 404s."""

from __future__ import annotations

import json
import re

from tests.helpers import MIRAI_VERSION, package_version


def _jsonld(page: str) -> dict:
    """Parse the schema.org JSON-LD block of a page."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_list_shows_every_dataset_with_facets(real_client):
    page = real_client.get("/ja/datasets/").get_data(as_text=True)
    for title in ("世田谷区未来つながるプラン", "世田谷区地域保健医療福祉総合計画"):
        assert title in page
    for facet in ("計画", "分野", "形式", "ライセンス"):
        assert f'<h2 class="facet-title">{facet}</h2>' in page
    assert "CC-BY-4.0" in page


def test_facet_and_text_filter_narrow_the_list(real_client):
    by_plan = real_client.get("/en/datasets.json?plan=mirai-plan-2022").get_json()
    assert [d["name"] for d in by_plan["datasets"]] == ["mirai-plan-2022"]
    by_text = real_client.get("/en/datasets.json?q=町丁目").get_json()
    assert [d["name"] for d in by_text["datasets"]] == ["setagaya-areas"]
    nothing = real_client.get("/en/datasets/?q=zzzz-no-such-thing")
    assert nothing.status_code == 200
    assert "No dataset matches this filter." in nothing.get_data(as_text=True)


def test_dataset_page_shows_licence_attribution_sources_schema_preview_and_citation(real_client):
    page = real_client.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert ("出典：世田谷区『世田谷区未来つながるプラン2022-2023 推進状況（案）』"
            "（令和5年2月）を加工して作成") in page
    assert 'rel="license">Creative Commons Attribution 4.0</a>' in page
    assert "003_a0da86d5be0d2af2.txt" in page
    assert f"<dd>{MIRAI_VERSION}</dd>" in page
    assert "<code>observation_id</code>" in page and "<th scope=\"col\">単位</th>" in page
    assert "806行" in page
    assert "frictionless 5" in page and "エラー 0 件" in page
    assert "@misc{mirai_plan_2022_" + MIRAI_VERSION.replace(".", "_") + "," in page
    assert f"http://127.0.0.1:5000/datasets/mirai-plan-2022/{MIRAI_VERSION}/" in page
    assert "Excel用CSV（UTF-8 BOM付き）" in page
    assert "mirai-plan-2022:action:1-1-1" in page  # a preview row


def test_dataset_page_embeds_schema_org_dataset(real_client):
    page = real_client.get("/en/datasets/hoken-fukushi-plan/").get_data(as_text=True)
    data = _jsonld(page)
    assert data["@type"] == "Dataset"
    assert data["version"] == package_version("hoken-fukushi-plan")
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    meta = real_client.get("/api/v1/datasets/hoken-fukushi-plan").get_json()
    # per resource CSV, Excel CSV, JSON, xlsx; descriptor, ZIP, workbook, sources.csv, SHA256SUMS
    assert len(data["distribution"]) == 4 * len(meta["resources"]) + 5
    # In the page's language, dated as the page dates the release, with place, period and variables.
    assert data["inLanguage"] == "en" and data["name"] == meta["title"]["en"]
    assert data["description"] == meta["description"]["en"]
    assert data["datePublished"] == meta["published_at"] and meta["url"] in data["identifier"]
    assert data["spatialCoverage"]["identifier"]["value"] == "131121"
    assert data["temporalCoverage"] == "2024-04-01/.."
    assert len(data["variableMeasured"]) == 83 and data["variableMeasured"][0]["name"].isascii()
    assert data["publisher"]["name"] == "Setagaya plan-progress portal team"
    assert {w["creator"]["name"] for w in data["isBasedOn"]} == {"Setagaya City"}
    ja = _jsonld(real_client.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True))
    assert ja["description"].startswith("世田谷区未来つながるプラン")
    assert ja["temporalCoverage"] == "2022-04-01/2024-03-31"
    assert ja["publisher"]["name"] == "世田谷区計画進捗ポータル運営チーム"


def test_every_catalogue_page_has_a_json_twin(real_client):
    listing = real_client.get("/ja/datasets.json").get_json()
    assert listing["total"] == len(listing["datasets"]) >= 4
    twin = real_client.get("/ja/datasets/setagaya-areas.json").get_json()
    assert twin["name"] == "setagaya-areas" and twin["version"] == "1.0.0"
    assert twin == real_client.get("/ja/datasets/setagaya-areas/1.0.0.json").get_json()
    assert [r["row_count"] for r in twin["resources"]] == [5, 28, 277]


def test_unknown_dataset_or_version_is_a_404_in_the_users_language(real_client):
    page = real_client.get("/ja/datasets/no-such-data/")
    assert page.status_code == 404
    assert "no-such-data というデータセットはありません。" in page.get_data(as_text=True)
    version = real_client.get("/en/datasets/mirai-plan-2022/9.9.9/")
    assert version.status_code == 404
    assert "There is no dataset mirai-plan-2022 in version 9.9.9." in version.get_data(as_text=True)
    assert real_client.get("/ko/datasets/no-such-data.json").get_json()["error"]["status"] == 404


def test_default_licence_and_generated_attribution_when_a_package_declares_none(client):
    meta = client.get("/api/v1/datasets/tiny-plan").get_json()
    assert meta["licence"]["name"] == "CC-BY-4.0"
    assert meta["attribution"]["ja"] == "出典：世田谷区『テスト計画』を加工して作成"
