"""Item 4 of issue 14: HEAD, OPTIONS, PUT, DELETE and unknown methods never change anything;
only a POST with a valid token does. Every route of app.url_map is tried with an admin's cookie."""

from __future__ import annotations

import re

import pytest

from portal import clock
from tests.helpers import db_fingerprint
from tests.staff.conftest import AFTER, PASSWORD, csrf, login, moderate_group_answer

#: A value for each path argument name (known objects where they exist).
VALUES = {"lang": "ja", "slug": "demo", "no": "1", "gid": "1", "plan_id": "mirai-plan-2022",
          "name": "mirai-plan-2022", "version": "latest", "filename": "portal.css"}
METHODS = ("HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND")


def every_url(app) -> list[str]:
    """One URL per rule, path arguments filled from VALUES (else 'x')."""
    urls = []
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for arg in rule.arguments:
            url = re.sub(rf"<(?:[a-z]+(?:\([^)]*\))?:)?{arg}>", VALUES.get(arg, "x"), url)
        urls.append(url)
    return sorted(set(urls))


@pytest.fixture
def ready_to_publish(staff_app, commented, admin):
    """The demo closed, moderated, grouped and answered: one POST away from publication."""
    with clock.frozen(AFTER):
        moderate_group_answer(admin, commented)
        assert admin.get("/staff/consultations/demo/publish").status_code == 200
    return admin


def test_no_method_but_post_changes_anything_on_any_route(staff_app, ready_to_publish):
    admin = ready_to_publish
    urls = every_url(staff_app)
    assert len(urls) > 40
    with clock.frozen(AFTER):
        token = csrf(admin, "/staff/consultations/demo/publish")
        before = db_fingerprint(staff_app)
        form = {"csrf_token": token, "slug": "head-made", "revision_id": "x", "summary_ja": "x",
                "username": "admin", "password": PASSWORD, "session": "1"}
        for url in urls:
            for method in METHODS:
                r = admin.open(url, method=method, data=form)
                r.close()
                assert r.status_code != 500, (method, url, r.status_code)  # 503: no search index here
        assert db_fingerprint(staff_app) == before
        assert admin.get("/ja/consultations/demo/result").status_code == 404


def test_head_answers_like_get_without_a_body(staff_app, admin):
    with clock.frozen(AFTER):
        get, head = admin.get("/staff/"), admin.head("/staff/")
    assert head.status_code == get.status_code == 200
    assert head.get_data() == b"" and head.headers["Content-Type"] == get.headers["Content-Type"]


def test_head_on_the_login_form_neither_logs_in_nor_writes_an_audit_entry(staff_app):
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        token = csrf(client, "/staff/login")
        before = db_fingerprint(staff_app)
        for password in (PASSWORD, "wrong password!"):
            r = client.head("/staff/login", data={"csrf_token": token, "username": "admin",
                                                  "password": password})
            assert r.status_code == 200
        assert db_fingerprint(staff_app) == before
        assert client.get("/staff/").status_code == 303
        assert login(client, "admin").status_code == 303
