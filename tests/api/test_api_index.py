"""The API explains itself: /api/v1/ lists its endpoints, OpenAPI describes every parameter, a page
for people renders it, `_lang` chooses the language of messages, and every page links to the API."""

from __future__ import annotations

import io
import re
import zipfile

from portal.plan.labels import SERIES_LABELS

BASE = "http://127.0.0.1:5000"


def test_api_root_lists_every_endpoint_of_the_openapi_description(real_client):
    index = real_client.get("/api/v1/").get_json()
    paths = real_client.get("/api/v1/openapi.json").get_json()["paths"]
    assert sorted(e["path"] for e in index["endpoints"]) == sorted(paths)
    assert all(e["url"] == f"{BASE}/api/v1{e['path']}" and e["summary"] for e in index["endpoints"])
    assert index["openapi"] == f"{BASE}/api/v1/openapi.json"
    assert index["ckan"].startswith(f"{BASE}/api/3/action/")
    assert index["dcat"]["turtle"] == f"{BASE}/catalog.ttl"


def test_openapi_describes_every_parameter_and_enumerates_series(real_client):
    paths = real_client.get("/api/v1/openapi.json").get_json()["paths"]
    for path, item in paths.items():
        params = item["get"]["parameters"]
        assert all(p["description"] for p in params), path
        assert "_lang" in [p["name"] for p in params], path
    series = next(p for p in paths["/observations"]["get"]["parameters"] if p["name"] == "series")
    assert series["schema"]["enum"] == list(SERIES_LABELS)


def test_lang_chooses_the_language_of_messages_and_is_never_a_column(real_client):
    url = "/api/v1/datasets/setagaya-areas/1.0.0/resources/chiku/rows"
    english = real_client.get(f"{url}?nosuch=1&_lang=en", headers={"Accept-Language": "ja"})
    assert english.status_code == 400
    assert english.get_json()["error"]["message"].startswith("Parameter nosuch")
    assert real_client.get(f"{url}?_lang=ko&_size=1").status_code == 200
    bad = real_client.get(f"{url}?_lang=xx").get_json()["error"]
    assert bad["parameter"] == "_lang"


def test_api_page_renders_the_description_without_external_assets(real_client):
    response = real_client.get("/ja/api/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "開発者向けAPI" in page
    for path in real_client.get("/api/v1/openapi.json").get_json()["paths"]:
        assert f"GET {path}" in page.replace("&#39;", "'")
    assert not re.findall(r'(?:src|href)="https?://(?!127\.0\.0\.1:5000)', page)
    link = f'<{BASE}/api/v1/openapi.json>; rel="alternate"; type="application/json"'
    assert response.headers["Link"] == link


def test_every_page_links_to_the_api_ckan_and_dcat(real_client):
    for url in ("/ja/", "/en/datasets/", "/ja/datasets/mirai-plan-2022/"):
        page = real_client.get(url).get_data(as_text=True)
        assert '/api/"' in page and "/api/3/action/package_list" in page and 'href="/catalog"' in page, url
    dataset = real_client.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert "/catalog.ttl" in dataset and "package_show?id=mirai-plan-2022" in dataset


def test_pages_point_to_their_json_twin_in_a_link_header(real_client):
    page = real_client.get("/ja/datasets/mirai-plan-2022/")
    twin = f"{BASE}/ja/datasets/mirai-plan-2022/1.1.1.json"
    assert page.headers["Link"] == f'<{twin}>; rel="alternate"; type="application/json"'
    assert real_client.get(twin.removeprefix(BASE)).get_json()["name"] == "mirai-plan-2022"
    listing = real_client.get("/en/datasets/?theme=geography")
    assert "/en/datasets.json?theme=geography>" in listing.headers["Link"]


def test_bulk_zip_holds_every_current_release(real_client):
    response = real_client.get("/datasets/current.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    datasets = real_client.get("/api/v1/datasets").get_json()["datasets"]
    names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert names == {"README.md", "SHA256SUMS"} | {f"{d['name']}-{d['version']}.zip" for d in datasets}
    for d in datasets:
        inner = f"setagaya-plan-progress-current/{d['name']}-{d['version']}.zip"
        with real_client.get(f"/datasets/{d['name']}/{d['version']}/{d['name']}-{d['version']}.zip") as one:
            assert archive.read(inner) == one.data
    again = real_client.get("/datasets/current.zip", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_theme_facets_are_named_in_the_pages_language(real_client):
    ja = real_client.get("/ja/datasets/").get_data(as_text=True)
    assert "地域・地理 (2)" in ja and "geography (2)" not in ja
    assert "Areas and geography (2)" in real_client.get("/en/datasets/").get_data(as_text=True)
