"""Staff access: login with every page behind it, roles, CSRF, lockout, timeout, logout; the
audit chain; `portal user add`; purging personal data after the retention period."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from portal import clock
from portal.consult.models import Comment
from portal.db import get_engine, get_session
from portal.staff.models import StaffUser
from tests.helpers import (
    AFTER,
    PASSWORD,
    PEOPLE,
    PII_IN_TEXT,
    add_user,
    db_fingerprint,
    login,
    moderate_group_answer,
    post,
)

ARGS = {"slug": "demo", "no": 1, "gid": 1}


def _staff_urls(app) -> list[tuple[str, str, str]]:
    """(url, method, endpoint) of every staff route except the login form."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff.") and rule.endpoint != "staff.login":
            url = rule.rule
            for key, value in ARGS.items():
                url = url.replace(f"<int:{key}>", str(value)).replace(f"<{key}>", str(value))
            for method in sorted(rule.methods & {"GET", "POST"}):
                out.append((url, method, rule.endpoint))
    return out


def test_anonymous_visitor_is_sent_to_login_on_every_staff_url(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    urls = _staff_urls(app)
    assert len(urls) >= 15
    before = db_fingerprint(app)
    for url, method, _endpoint in urls:
        r = client.open(url, method=method, data={"summary_ja": "x", "exclusion": "spam"})
        assert r.status_code == 303 and "/staff/login" in r.headers["Location"], (url, method)
    assert db_fingerprint(app) == before


def test_moderator_gets_403_on_editor_and_admin_pages(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    add_user(app, "mod", "moderator")
    client = app.test_client()
    assert client.post("/staff/login", data={"username": "mod", "password": PASSWORD}).status_code == 303
    for url, method, endpoint in _staff_urls(app):
        role = app.view_functions[endpoint].staff_role
        if role != "moderator":
            assert client.open(url, method=method).status_code == 403, (url, method)


def test_every_staff_form_needs_a_csrf_token(staff_app, admin):
    before = db_fingerprint(staff_app)
    with clock.frozen(AFTER):
        for url, method, _endpoint in _staff_urls(staff_app) + [("/staff/login", "POST", "")]:
            if method == "POST":
                r = admin.post(url, data={"summary_ja": "x", "exclusion": "spam",
                                          "username": "admin", "password": PASSWORD})
                assert r.status_code == 400, url
    assert db_fingerprint(staff_app) == before


def test_repeated_failures_slow_down_that_address_and_account_only_for_a_while(staff_app):
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        for _ in range(5):
            assert login(client, "editor", "wrong password!").status_code == 401
        slowed = login(client, "editor")
        assert slowed.status_code == 401 and "ロック" not in slowed.get_data(as_text=True)
    with clock.frozen(AFTER + timedelta(seconds=3)):
        assert login(client, "editor").status_code == 303


def test_unknown_user_and_wrong_password_get_the_same_message(staff_app):
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        a = login(client, "nobody", "whatever12345").get_data(as_text=True)
        b = login(client, "admin", "whatever12345").get_data(as_text=True)
    message = "ユーザー名またはパスワードが正しくありません"
    assert message in a and message in b


def test_session_ends_after_idle_time_and_at_logout(staff_app, admin):
    with clock.frozen(AFTER + timedelta(minutes=10)):
        assert admin.get("/staff/").status_code == 200
    with clock.frozen(AFTER + timedelta(minutes=41)):
        r = admin.get("/staff/")
        assert r.status_code == 303 and "expired=1" in r.headers["Location"]
    copy = staff_app.test_client()
    with clock.frozen(AFTER):
        login(admin, "admin")
        cookie = admin.get_cookie("session").value
        copy.set_cookie("session", cookie)
        assert copy.get("/staff/").status_code == 200
        assert post(admin, "/staff/logout", form_path="/staff/").status_code == 303
        assert copy.get("/staff/").status_code == 303


def test_user_add_reads_the_password_from_stdin_and_stores_argon2id(staff_app):
    runner = staff_app.test_cli_runner()
    result = runner.invoke(args=["user", "add", "sato", "--role", "editor", "--password-stdin"],
                           input="a long enough password\n")
    assert result.exit_code == 0, result.output
    short = runner.invoke(args=["user", "add", "ito", "--role", "editor", "--password-stdin"],
                          input="short\n")
    assert short.exit_code != 0 and "12" in short.output
    with staff_app.app_context():
        user = get_session().scalar(select(StaffUser).where(StaffUser.username == "sato"))
        assert user.password_hash.startswith("$argon2id$")
        assert "a long enough password" not in user.password_hash


def test_audit_chain_detects_a_tampered_entry(staff_app, commented, admin):
    with clock.frozen(AFTER):
        moderate_group_answer(admin, commented)
    runner = staff_app.test_cli_runner()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and "intact" in ok.output
    with staff_app.app_context(), get_engine().begin() as conn:
        entries = conn.execute(text("SELECT id, after FROM audit_entry ORDER BY id")).all()
        actions = conn.execute(text("SELECT action FROM audit_entry")).scalars().all()
        assert "answer_group" in actions and "moderate_comment" in actions
        victim = entries[len(entries) // 2]
        conn.execute(text("UPDATE audit_entry SET after = :a WHERE id = :i"),
                     {"a": victim.after.replace("reflected", "other") + " ", "i": victim.id})
    broken = runner.invoke(args=["audit", "verify"])
    assert broken.exit_code == 1 and f"entry {victim.id}" in broken.output
    page = admin.get("/staff/audit").get_data(as_text=True)
    assert "ハッシュの連鎖が切れています" in page


def test_audit_log_holds_no_commenter_personal_data(staff_app, commented, admin):
    with clock.frozen(AFTER):
        moderate_group_answer(admin, commented)
        post(admin, "/staff/consultations/demo/publish")
    with staff_app.app_context(), get_engine().connect() as conn:
        dump = " ".join(map(str, conn.execute(text("SELECT * FROM audit_entry")).all()))
    for secret in [s for pair in PEOPLE for s in pair] + [PII_IN_TEXT]:
        assert secret not in dump


@pytest.mark.parametrize("days_after, purged", [(364, False), (366, True)])
def test_purge_removes_names_contacts_and_unredacted_originals(staff_app, commented, admin,
                                                               days_after, purged):
    with clock.frozen(AFTER):
        moderate_group_answer(admin, commented)
        assert post(admin, "/staff/consultations/demo/publish").status_code == 303
    with clock.frozen(AFTER + timedelta(days=days_after)):
        result = staff_app.test_cli_runner().invoke(args=["consult", "purge-personal-data"])
    assert result.exit_code == 0, result.output
    with staff_app.app_context(), get_engine().connect() as conn:
        identities = conn.execute(text("SELECT count(*) FROM comment_identity")).scalar()
        dump = " ".join(str(row) for table in ("comment", "comment_identity", "comment_review",
                                               "audit_entry", "opinion_group")
                        for row in conn.execute(text(f"SELECT * FROM {table}")).all())
    secrets = [s for pair in PEOPLE for s in pair] + [PII_IN_TEXT]
    if purged:
        assert identities == 0 and not any(s in dump for s in secrets)
        assert "3 names/contacts, 1 unredacted" in result.output
    else:
        assert identities == len(PEOPLE) and PII_IN_TEXT in dump
    with staff_app.app_context():
        assert len(list(get_session().scalars(select(Comment)))) == len(commented)


def test_a_nul_in_the_login_form_gets_a_message_not_a_server_error(staff_app):
    """PostgreSQL refuses NUL in text; the user gets a 400 or the usual refusal, never a 500."""
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        r = login(client, "ad\x00min")
    page = r.get_data(as_text=True)
    assert r.status_code in (400, 401), page[:500]
    assert "保存できない文字" in page or "ユーザー名またはパスワードが正しくありません" in page
