"""CKAN harvesters can collect the catalogue: a real CKAN client against a live local server."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import pytest
import requests
from ckanapi import NotFound, RemoteCKAN, SearchQueryError, ValidationError
from werkzeug.serving import make_server


@pytest.fixture(scope="module")
def live_url(real_app):
    """Serve the real-data app on a free loopback port for the duration of the module."""
    server = make_server("127.0.0.1", 0, real_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def ckan(live_url):
    """A ckanapi client pointed at the portal (GET requests, as harvesters use)."""
    with RemoteCKAN(live_url, user_agent="portal-tests/1.0", get_only=True) as client:
        yield client


@pytest.fixture
def ckan_post(live_url):
    """A ckanapi client as harvesters create it: every action is a POST with a JSON body."""
    with RemoteCKAN(live_url, user_agent="portal-tests/1.0") as client:
        yield client


NAMES = ["chiku-rollout", "hoken-fukushi-plan", "mirai-plan-2022", "next-basic-plan-approach",
         "plan-documents", "setagaya-areas", "sogo-senryaku-2015"]


def _names(result):
    return [p["name"] for p in result["results"]]


def test_package_list_names_every_dataset(ckan, real_client):
    names = ckan.action.package_list()
    assert names == [d["name"] for d in real_client.get("/api/v1/datasets").get_json()["datasets"]]
    assert {"mirai-plan-2022", "setagaya-areas"} <= set(names)


def test_package_show_returns_the_release_with_its_files(ckan, real_client):
    package = ckan.action.package_show(id="mirai-plan-2022")
    meta = real_client.get("/api/v1/datasets/mirai-plan-2022").get_json()
    assert package["name"] == "mirai-plan-2022" and package["version"] == meta["version"]
    assert package["title"] == meta["title"]["ja"]
    assert package["license_id"] == "CC-BY-4.0"
    files = {d["sha256"] for r in meta["resources"] for d in r["downloads"]}
    files |= {d["sha256"] for d in meta["downloads"]}  # datapackage.json and the ZIP are resources too
    assert {r["hash"].removeprefix("sha256:") for r in package["resources"]} == files
    assert package["num_resources"] == len(files)


def test_package_search_finds_by_words(ckan):
    result = ckan.action.package_search(q="地区")
    assert "setagaya-areas" in [p["name"] for p in result["results"]]
    assert ckan.action.package_search(q="zzzz-nothing")["count"] == 0


def test_unknown_package_is_ckans_not_found(ckan):
    with pytest.raises(NotFound):
        ckan.action.package_show(id="no-such-dataset")


def test_ckan_envelope_and_validation_errors(real_client):
    ok = real_client.get("/api/3/action/package_list").get_json()
    assert set(ok) == {"help", "success", "result"} and ok["success"] is True
    bad = real_client.get("/api/3/action/package_search?rows=-1")
    assert bad.status_code == 409
    assert bad.get_json()["error"]["__type"] == "Validation Error"


def test_every_action_answers_ckanapis_default_post(ckan_post):
    assert ckan_post.action.package_list() == NAMES
    package = ckan_post.action.package_show(id="mirai-plan-2022")
    assert ckan_post.action.package_show(id=package["id"])["name"] == "mirai-plan-2022"
    assert ckan_post.action.package_search(q="地区")["count"] >= 1
    org_name = ckan_post.action.organization_list()[0]
    org = ckan_post.action.organization_show(id=org_name, include_datasets=True)
    assert org["id"] == package["owner_org"] == package["organization"]["id"] and len(org["packages"]) == 7
    assert ckan_post.action.group_list() == [
        "geography", "health-welfare", "population-and-regional-revitalisation", "ward-basic-plan",
        "ward-implementation-plan"]
    assert ckan_post.action.group_show(id="geography")["package_count"] == 2
    assert "budget" in ckan_post.action.tag_list() and ckan_post.action.tag_list(query="BUDG") == ["budget"]
    first = package["resources"][0]
    assert ckan_post.action.resource_show(id=first["id"]) == first
    assert ckan_post.action.status_show()["ckan_version"].startswith("2.10")
    everything = ckan_post.action.current_package_list_with_resources()
    assert sorted(p["name"] for p in everything) == NAMES and all(p["resources"] for p in everything)
    activity = ckan_post.action.package_activity_list(id="mirai-plan-2022")
    assert [a["activity_type"] for a in activity] == ["new package"]
    assert activity[0]["data"]["package"]["version"] == package["version"]
    with pytest.raises(NotFound):
        ckan_post.action.resource_show(id=str(uuid.uuid4()))


@pytest.mark.parametrize(("fq", "expected"), [
    ("tags:budget", ["mirai-plan-2022"]),
    ("groups:geography", ["chiku-rollout", "setagaya-areas"]),
    ('tags:"implementation plan" OR tags:districts', ["chiku-rollout", "mirai-plan-2022", "setagaya-areas"]),
    ("-groups:geography", ["hoken-fukushi-plan", "mirai-plan-2022", "next-basic-plan-approach",
                           "plan-documents", "sogo-senryaku-2015"]),
    ("res_format:ZIP AND name:sogo*", ["sogo-senryaku-2015"]),
    ("groups:(health-welfare OR geography) tags:Setagaya", ["chiku-rollout", "hoken-fukushi-plan",
                                                           "setagaya-areas"]),
    ("metadata_modified:[* TO NOW]", NAMES),
    ("metadata_modified:[NOW TO *]", []),
    ("license_id:CC-BY-4.0 AND isopen:true", NAMES),
])
def test_fq_filters_as_solr_would(ckan_post, fq, expected):
    result = ckan_post.action.package_search(fq=fq, sort="name asc", rows=100)
    assert _names(result) == expected and result["count"] == len(expected)


def test_sort_rows_and_start_are_honoured(ckan_post):
    assert _names(ckan_post.action.package_search(sort="name desc")) == NAMES[::-1]
    by_size = ckan_post.action.package_search(sort="num_resources desc, name asc")
    assert _names(by_size) == ["mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015",
                               "plan-documents", "setagaya-areas", "chiku-rollout",
                               "next-basic-plan-approach"]
    page = ckan_post.action.package_search(sort="name asc", rows=2, start=1)
    assert _names(page) == ["hoken-fukushi-plan", "mirai-plan-2022"] and page["count"] == 7
    assert page["sort"] == "name asc"
    assert ckan_post.action.package_search(rows=0)["results"] == []


def test_facets_count_and_limit(ckan_post):
    result = ckan_post.action.package_search(**{"facet.field": '["groups", "organization"]', "rows": 0})
    assert result["facets"]["groups"] == {"geography": 2, "health-welfare": 1,
                                          "population-and-regional-revitalisation": 1,
                                          "ward-basic-plan": 1, "ward-implementation-plan": 2}
    assert list(result["facets"]["organization"].values()) == [7]
    items = result["search_facets"]["groups"]["items"]
    assert {"name": "geography", "display_name": "地域・地理", "count": 2} in items
    limited = ckan_post.action.package_search(**{"facet.field": '["groups"]', "facet.limit": 1,
                                                 "fq": "-name:chiku-rollout -name:plan-documents"})
    assert limited["facets"] == {"groups": {"geography": 1}}


@pytest.mark.parametrize("params", [
    {"fq": "nosuchfield:x"}, {"sort": "popularity desc"}, {"sort": "name"}, {"defType": "edismax"},
    {"facet.field": '["notes"]'}, {"fq": "tags:a?c"}, {"q": "name:(a AND b)"},
])
def test_unsupported_search_is_a_400_in_ckans_error_shape(ckan_post, real_client, params):
    with pytest.raises(SearchQueryError):
        ckan_post.action.package_search(**params)
    raw = real_client.post("/api/3/action/package_search", json=params)
    body = raw.get_json()
    assert raw.status_code == 400 and body["success"] is False and "help" in body
    assert body["error"]["__type"] == "Search Query Error" and body["error"]["message"]


def test_other_actions_refuse_parameters_they_do_not_support(ckan_post):
    with pytest.raises(ValidationError):
        ckan_post.action.package_show(id="mirai-plan-2022", include_tracking=True)


def test_package_dicts_have_ckan_210_keys_uuids_and_one_time_zone(ckan_post):
    package = ckan_post.action.package_show(id="setagaya-areas")
    for key in ("id", "name", "title", "notes", "owner_org", "organization", "isopen", "groups", "tags",
                "license_id", "license_title", "metadata_created", "metadata_modified", "num_resources",
                "num_tags", "private", "state", "type", "resources", "author", "maintainer", "url"):
        assert key in package, key
    assert uuid.UUID(package["id"]).version == 5 and package["isopen"] is True
    assert all(tag["display_name"] == tag["name"] for tag in package["tags"])
    for stamp in (package["metadata_created"], package["metadata_modified"],
                  *[r["last_modified"] for r in package["resources"]]):
        assert datetime.fromisoformat(stamp).tzinfo is None  # CKAN writes UTC without an offset
    activity = ckan_post.action.package_activity_list(id="setagaya-areas")
    published = datetime.fromisoformat(activity[0]["timestamp"])
    assert published <= datetime.now(UTC).replace(tzinfo=None)
    assert package["metadata_modified"] == published.isoformat()


def test_every_download_is_a_resource_with_its_own_format(ckan_post, real_client):
    package = ckan_post.action.package_show(id="setagaya-areas")
    meta = real_client.get("/api/v1/datasets/setagaya-areas").get_json()
    urls = {d["url"] for r in meta["resources"] for d in r["downloads"]}
    urls |= {d["url"] for d in meta["downloads"]}
    assert {r["url"] for r in package["resources"]} == urls
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["chome.csv"]["format"] == "CSV" and by_name["chome-excel.csv"]["format"] != "CSV"
    assert by_name["setagaya-areas-1.0.0.zip"]["format"] == "ZIP"
    assert by_name["setagaya-areas-1.0.0.zip"]["mimetype"] == "application/zip"
    assert by_name["datapackage.json"]["mimetype"] == "application/json"
    assert all("/" not in r["id"] and uuid.UUID(r["id"]) for r in package["resources"])
    assert len({r["id"] for r in package["resources"]}) == len(package["resources"])


def test_form_bodies_are_read_as_ckan_reads_them(live_url):
    url = f"{live_url}/api/3/action/package_show"
    form = requests.post(url, data={"id": "setagaya-areas"}, timeout=10).json()
    assert form["result"]["name"] == "setagaya-areas"
    legacy = requests.post(url, data={'{"id": "setagaya-areas"}': "1"}, timeout=10).json()
    assert legacy["success"] is True and legacy["result"]["name"] == "setagaya-areas"
    unknown = requests.post(f"{live_url}/api/3/action/no_such_action", json={}, timeout=10)
    assert unknown.status_code == 400 and unknown.json().startswith("Bad request")
