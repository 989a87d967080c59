"""Fixtures for the ward side: staff accounts, a logged-in client, and a closed demo consultation
with comments (known names and contacts) ready to be moderated, grouped and published."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.db import begin_write, get_session
from portal.staff import accounts
from tests.consult.conftest import (  # noqa: F401  (fixtures reused)
    BUILD_AT,
    capp,
    cclient,
    consult_template,
    hidden_fields,
    make_app,
    receipt_of,
    submit,
)

PASSWORD = "correct horse battery"
#: While the demo is open (it opened at BUILD_AT for 30 days).
DURING = BUILD_AT + timedelta(days=1)
#: After the demo closed.
AFTER = BUILD_AT + timedelta(days=40)
#: Names and contacts residents give; none may appear in anything published.
PEOPLE = [("世田谷 花子", "hanako.setagaya@example.jp"), ("Taro Kitazawa", "03-5432-1098"),
          ("李 小龍", "lee-0917@example.com")]
#: Personal information written inside a comment (redacted before publication).
PII_IN_TEXT = "090-1234-5678"


def add_user(app: Flask, username: str, role: str) -> None:
    """Create a staff account directly through the service."""
    with app.app_context():
        session = get_session()
        begin_write(session)
        accounts.add_user(session, username=username, display_name=username.title(), role=role,
                          password=PASSWORD, now=clock.now())
        session.commit()


def csrf(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on PATH."""
    page = client.get(path).get_data(as_text=True)
    return hidden_fields(page)["csrf_token"]


def login(client: FlaskClient, username: str, password: str = PASSWORD):
    """Log in through the login form; return the response."""
    return client.post("/staff/login", data={"csrf_token": csrf(client, "/staff/login"),
                                             "username": username, "password": password})


def post(client: FlaskClient, path: str, data: dict | None = None, form_path: str | None = None):
    """POST a staff form with the CSRF token of the page it lives on."""
    token = csrf(client, form_path or path)
    return client.post(path, data={"csrf_token": token, **(data or {})})


@pytest.fixture
def staff_app(make_app) -> Flask:  # noqa: F811
    """An app on the built database with an admin, an editor and a moderator."""
    app = make_app()
    for name, role in (("admin", "admin"), ("editor", "editor"), ("mod", "moderator")):
        add_user(app, name, role)
    return app


@pytest.fixture
def commented(staff_app: Flask) -> dict[int, str]:
    """Comments on the demo from PEOPLE plus one with a phone number inside; {receipt_no: code}."""
    client = staff_app.test_client()
    codes = {}
    measure = _first_measure(client)
    with clock.frozen(DURING):
        for i, (name, contact) in enumerate(PEOPLE):
            page = submit(client, body=f"意見その{i + 1}：見守りを増やしてください。", name=name,
                          contact=contact, measure=measure if i < 2 else "", residence="02",
                          age_group="40s")
            no, code = receipt_of(page.get_data(as_text=True))
            codes[no] = code
        page = submit(client, body=f"私の電話は{PII_IN_TEXT}です。相談窓口を増やしてください。",
                      measure=measure)
        no, code = receipt_of(page.get_data(as_text=True))
        codes[no] = code
    return codes


def _first_measure(client: FlaskClient) -> str:
    """The first 施策 offered on the demo's form."""
    page = client.get("/ja/consultations/demo/comment").get_data(as_text=True)
    return re.findall(r'<option value="(hoken-fukushi-plan:[^"]+)"', page)[0]


@pytest.fixture
def admin(staff_app: Flask) -> FlaskClient:
    """A client logged in as the administrator."""
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        assert login(client, "admin").status_code == 303
    return client


def moderate_group_answer(client: FlaskClient, codes: dict[int, str]) -> Callable[[], None]:
    """Redact the phone number, put every comment in one group with a response (clock: AFTER)."""
    numbers = sorted(codes)
    pii_no = numbers[-1]
    path = f"/staff/consultations/demo/comments/{pii_no}"
    r = post(client, path, {"has_personal_info": "1",
                            "published_text": "私の電話は＊＊＊です。相談窓口を増やしてください。"})
    assert r.status_code == 303, r.get_data(as_text=True)[:3000]
    r = post(client, "/staff/consultations/demo/groups",
             {"node_id": "", "summary_ja": "見守りと相談窓口を増やしてほしい。"})
    assert r.status_code == 303, r.get_data(as_text=True)[:3000]
    gid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    r = post(client, f"/staff/consultations/demo/groups/{gid}",
             {"summary_ja": "見守りと相談窓口を増やしてほしい。", "response_ja": "計画に反映します。",
              "category": "reflected", "comment": [str(n) for n in numbers]})
    assert r.status_code == 303, r.get_data(as_text=True)[:3000]
    return gid
