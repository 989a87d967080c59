"""Item 1 of issue 14: no default secret, production refuses a weak one, staff sessions are
random server-side ids (revocable, listed on the staff member's own page)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from portal import clock, create_app
from tests.helpers import ROOT, clone_database, make_config
from tests.staff.conftest import AFTER, PASSWORD, add_user, login, post

BIN = Path(sys.executable).parent
#: The secret every checkout shipped with before: a cookie signed with it must never work.
OLD_DEFAULT = "dev-only-change-me"


def forge(app: Flask, secret: str, data: dict) -> str:
    """A session cookie value signed the way Flask signs them, with SECRET."""
    signing = Flask("forger")
    signing.secret_key = secret
    return SecureCookieSessionInterface().get_signing_serializer(signing).dumps(data)


def test_no_default_secret_in_the_code():
    for path in (ROOT / "portal").rglob("*.py"):
        assert OLD_DEFAULT not in path.read_text(encoding="utf-8"), path


def test_embedded_default_generates_a_random_secret_once_and_keeps_it(tmp_path):
    config = make_config(tmp_path, SECRET_KEY_FILE=str(tmp_path / "instance" / "secret_key"))
    del config["SECRET_KEY"]
    first = create_app(config).config["SECRET_KEY"]
    again = create_app(config).config["SECRET_KEY"]
    assert first == again and len(first) >= 32 and first != OLD_DEFAULT
    kept = tmp_path / "instance" / "secret_key"
    assert kept.read_text().strip() == first
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    other = make_config(tmp_path / "b", SECRET_KEY_FILE=str(tmp_path / "b" / "secret_key"))
    del other["SECRET_KEY"]
    assert create_app(other).config["SECRET_KEY"] != first


def _serve_production(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `portal serve --production` with the given PORTAL_* settings (no secret by default)."""
    environ = {k: v for k, v in os.environ.items() if k != "PORTAL_SECRET_KEY"}
    environ.update({"PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}",
                    "PORTAL_SECRET_KEY_FILE": str(tmp_path / "secret_key"), **env})
    return subprocess.run([str(BIN / "portal"), "serve", "--production", "--port", "1"],
                          cwd=tmp_path, env=environ, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_a_configured_secret(tmp_path):
    done = _serve_production(tmp_path)
    assert done.returncode != 0
    assert "PORTAL_SECRET_KEY" in done.stderr and "32" in done.stderr


def test_production_refuses_a_short_secret(tmp_path):
    done = _serve_production(tmp_path, PORTAL_SECRET_KEY="short-secret-of-31-bytes-xxxxxx")
    assert done.returncode != 0
    assert "PORTAL_SECRET_KEY" in done.stderr and "32" in done.stderr


def test_cookie_signed_with_the_old_default_secret_is_not_a_login(consult_template, tmp_path):
    config = make_config(tmp_path, SECRET_KEY_FILE=str(tmp_path / "secret_key"))
    del config["SECRET_KEY"]
    config["DATABASE_URL"] = clone_database(consult_template, tmp_path)
    app = create_app(config)
    add_user(app, "admin", "admin")
    client = app.test_client()
    with clock.frozen(AFTER):
        cookie = forge(app, OLD_DEFAULT, {"staff_id": 1, "staff_v": 1,
                                          "staff_seen": clock.now().timestamp()})
        client.set_cookie("session", cookie, domain="localhost")
        r = client.get("/staff/")
    assert r.status_code == 303 and "/staff/login" in r.headers["Location"]


def test_guessable_user_id_in_a_validly_signed_cookie_is_not_a_login(staff_app):
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        for staff_id in range(1, 4):
            cookie = forge(staff_app, staff_app.config["SECRET_KEY"],
                           {"staff_id": staff_id, "staff_v": 1,
                            "staff_seen": clock.now().timestamp()})
            client.set_cookie("session", cookie, domain="localhost")
            r = client.get("/staff/")
            assert r.status_code == 303, staff_id


def test_sessions_are_listed_on_the_own_page_and_one_can_be_revoked(staff_app):
    office, laptop = staff_app.test_client(), staff_app.test_client()
    with clock.frozen(AFTER):
        assert login(office, "admin").status_code == 303
        assert login(laptop, "admin").status_code == 303
        page = office.get("/staff/account")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert text.count('name="session"') == 2 and "no-store" in page.headers["Cache-Control"]
        ids = re.findall(r'name="session" value="([^"]+)"', text)
        current = re.findall(r'data-current-session="([^"]+)"', text)
        other = next(i for i in ids if i not in current)
        r = post(office, "/staff/account/sessions/revoke", {"session": other},
                 form_path="/staff/account")
        assert r.status_code == 303
        assert laptop.get("/staff/").status_code == 303
        assert office.get("/staff/").status_code == 200
        assert PASSWORD not in text


def test_one_staff_member_cannot_end_another_ones_session(staff_app):
    # Session ids are small integers on the page: the id of someone else's session ends nothing.
    admin, editor = staff_app.test_client(), staff_app.test_client()
    with clock.frozen(AFTER):
        assert login(admin, "admin").status_code == 303
        assert login(editor, "editor").status_code == 303
        page = admin.get("/staff/account").get_data(as_text=True)
        admins = re.findall(r'name="session" value="([^"]+)"', page)
        assert admins
        for session_id in admins:
            r = post(editor, "/staff/account/sessions/revoke", {"session": session_id},
                     form_path="/staff/account")
            assert r.status_code == 303
            answer = editor.get(r.headers["Location"]).get_data(as_text=True)
            assert "そのセッションは既に終了していました。" in answer
        assert admin.get("/staff/").status_code == 200
