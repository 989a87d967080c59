"""Item 3 of issue 14: every absolute URL comes from PUBLIC_BASE_URL, never from the Host
header; TRUSTED_HOSTS (from configuration) refuses requests for other hosts."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.build import build
from tests.helpers import make_config

BASE = "https://portal.example.jp"
EVIL = "evil.example"
#: Answers that hold absolute URLs (or redirect with one).
URLS = ["/api/v1/plans", "/api/v1/openapi.json", "/api/v1/observations?_size=1",
        "/api/3/action/package_list", "/api/3/action/package_show?id=tiny-plan",
        "/ja/datasets.json", "/ja/datasets/tiny-plan/", "/api/v1/datasets",
        "/api/v1/datasets/tiny-plan", "/ja/plans", "/ja/datasets/tiny-plan/latest/observations.csv"]


@pytest.fixture(scope="module")
def public_app(tmp_path_factory):
    """An app on the tiny packages whose public address is BASE."""
    app = create_app(make_config(tmp_path_factory.mktemp("public"), PUBLIC_BASE_URL=BASE))
    with app.app_context():
        build(app)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.mark.parametrize("url", URLS)
def test_absolute_urls_come_from_public_base_url_not_the_host_header(public_app, url):
    r = public_app.test_client().get(url, headers={"Host": EVIL})
    assert r.status_code < 500
    text = r.get_data(as_text=True) + " " + r.headers.get("Location", "")
    assert EVIL not in text, url
    assert "://localhost" not in text


def test_links_point_at_public_base_url(public_app):
    client = public_app.test_client()
    assert f"{BASE}/api/v1/plans/" in client.get("/api/v1/plans").get_data(as_text=True)
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["servers"][0]["url"].startswith(BASE)
    redirect = client.get("/ja/plans", headers={"Host": EVIL})
    assert redirect.status_code == 308 and redirect.headers["Location"] in (
        f"{BASE}/ja/plans/", "/ja/plans/")


def test_trusted_hosts_refuse_another_host(tmp_path):
    app = create_app(make_config(tmp_path, PUBLIC_BASE_URL=BASE,
                                 TRUSTED_HOSTS=["portal.example.jp", "localhost"]))
    client = app.test_client()
    assert client.get("/ja/plans/method/", headers={"Host": EVIL}).status_code == 400
    assert client.get("/ja/plans/method/", headers={"Host": "portal.example.jp"}).status_code == 200
