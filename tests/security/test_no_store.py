"""Item 12 of issue 14: 403 pages and the redirects to the login form are never stored by a
browser or a shared cache (they depend on who asks)."""

from __future__ import annotations

from flask import abort

from portal import clock
from tests.staff.conftest import AFTER, add_user, login


def test_login_redirect_is_not_stored(staff_app):
    client = staff_app.test_client()
    for path in ("/staff/", "/staff/audit", "/staff/consultations/demo/publish"):
        r = client.get(path)
        assert r.status_code == 303 and "/staff/login" in r.headers["Location"]
        assert r.headers.get("Cache-Control") == "no-store", path


def test_forbidden_page_is_not_stored(staff_app):
    add_user(staff_app, "mod2", "moderator")
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        assert login(client, "mod2").status_code == 303
        r = client.get("/staff/audit")
    assert r.status_code == 403
    assert r.headers.get("Cache-Control") == "no-store"


def test_login_success_redirect_is_not_stored(staff_app):
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        r = login(client, "admin")
    assert r.status_code == 303 and r.headers.get("Cache-Control") == "no-store"


def test_a_closed_consultation_refusal_is_not_stored(capp, cclient):
    """The 403 a resident gets after the period carries their text: never kept by a cache."""
    with clock.frozen(AFTER):
        r = cclient.get("/ja/consultations/demo/comment")
    assert r.status_code == 403
    assert r.headers.get("Cache-Control") == "no-store"


def test_every_refusal_outside_staff_is_not_stored(make_app):
    """The rule holds for any 401/403 the site answers, not only the routes that set it themselves."""
    app = make_app()

    @app.get("/ja/probe-forbidden")
    def probe_forbidden():
        abort(403)

    @app.get("/ja/probe-unauthorized")
    def probe_unauthorized():
        abort(401)

    client = app.test_client()
    for path, status in (("/ja/probe-forbidden", 403), ("/ja/probe-unauthorized", 401)):
        r = client.get(path)
        assert r.status_code == status
        assert r.headers.get("Cache-Control") == "no-store", path
    assert "no-store" not in (client.get("/ja/plans/").headers.get("Cache-Control") or "")
