"""Fixtures for issue 16: the demo consultation with comments on one 施策, grouped, answered and
published by staff through the staff pages (test clock), as a resident and the ward would."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from tests.helpers import AFTER, DURING, add_user, login, post, receipt_of, submit

#: A 施策 of the demo's revision (素案) that the crosswalk says was renamed in the next revision.
MEASURE = "hoken-fukushi-plan:r2023-04-26:measure-2"
#: Where the crosswalk says it went (計画 2024).
SUCCESSOR = "hoken-fukushi-plan:r2024:measure-1"
#: What the ward's answer says (test text, labelled by the demo consultation it belongs to).
SUMMARY = "相談窓口をもっと身近にしてほしい。"
RESPONSE = "身近な地区で相談できる体制を計画に記載します。"


@pytest.fixture
def ward_app(make_app) -> Flask:
    """An app on the built database with an administrator."""
    app = make_app()
    add_user(app, "admin", "admin")
    return app


@pytest.fixture
def commented_on_measure(ward_app: Flask) -> list[int]:
    """Two comments on MEASURE and one general comment, sent through the form while open."""
    client = ward_app.test_client()
    numbers = []
    with clock.frozen(DURING):
        for body, measure in (("地区の相談窓口を増やしてください。", MEASURE),
                              ("相談窓口を身近な場所にしてください。", MEASURE),
                              ("計画全体が読みやすいとよいです。", "")):
            page = submit(client, body=body, measure=measure)
            numbers.append(receipt_of(page.get_data(as_text=True))[0])
    return numbers


def answer_and_publish(client: FlaskClient, numbers: list[int]) -> None:
    """Group the comments (two on MEASURE, one general), answer each group and publish (AFTER)."""
    with clock.frozen(AFTER):
        assert login(client, "admin").status_code == 303
        for node, members, summary in ((MEASURE, numbers[:2], SUMMARY),
                                       ("", numbers[2:], "計画を読みやすくしてほしい。")):
            r = post(client, "/staff/consultations/demo/groups", {"node_id": node, "summary_ja": summary})
            assert r.status_code == 303, r.get_data(as_text=True)[:2000]
            gid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
            r = post(client, f"/staff/consultations/demo/groups/{gid}",
                     {"summary_ja": summary, "response_ja": RESPONSE, "category": "reflected",
                      "comment": [str(n) for n in members]})
            assert r.status_code == 303, r.get_data(as_text=True)[:2000]
        r = post(client, "/staff/consultations/demo/publish")
        assert r.status_code == 303, r.get_data(as_text=True)[:2000]
