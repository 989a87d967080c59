"""Fixtures for the ward side: staff accounts, a logged-in client, and a closed demo consultation
with comments (known names and contacts) ready to be moderated, grouped and published."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from tests.helpers import (
    AFTER,
    DURING,
    PASSWORD,
    PEOPLE,
    PII_IN_TEXT,
    add_user,
    csrf,
    hidden_fields,
    login,
    moderate_group_answer,
    post,
    receipt_of,
    submit,
)

#: Kept importable from here for tests written before tests/helpers.py.
__all__ = ["AFTER", "DURING", "PASSWORD", "PEOPLE", "PII_IN_TEXT", "add_user", "csrf", "hidden_fields",
           "login", "moderate_group_answer", "post", "receipt_of", "submit"]


@pytest.fixture
def staff_app(make_app) -> Flask:
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
