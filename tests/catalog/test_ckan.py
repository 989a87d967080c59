"""CKAN harvesters can collect the catalogue: a real CKAN client against a live local server."""

from __future__ import annotations

import threading

import pytest
from ckanapi import NotFound, RemoteCKAN
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
