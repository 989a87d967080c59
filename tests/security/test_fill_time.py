"""Item 9 of issue 14: the minimum fill-time stamp is bound to the form's CSRF token and expires
with it, so one old stamp cannot let a burst of submissions through."""

from __future__ import annotations

from datetime import timedelta

from portal import clock
from tests.helpers import hidden_fields
from tests.staff.conftest import DURING

REFUSED = "受付時刻の情報が正しくありません"


def _form(client) -> dict[str, str]:
    """The hidden fields of the demo's comment form."""
    return hidden_fields(client.get("/ja/consultations/demo/comment").get_data(as_text=True))


def _confirm(client, fields: dict[str, str]):
    """Press 'check before sending' with FIELDS and a comment."""
    return client.post("/ja/consultations/demo/confirm",
                       data={**fields, "body": "公園の木陰を増やしてください。", "website": ""})


def test_a_stamp_from_another_visitors_form_is_refused(make_app):
    app = make_app(CONSULT_MIN_FILL_SECONDS=3)
    with clock.frozen(DURING):
        old = _form(app.test_client())["started"]
    with clock.frozen(DURING + timedelta(minutes=5)):
        accepted = 0
        for _ in range(14):
            bot = app.test_client()
            fields = _form(bot)
            r = _confirm(bot, {**fields, "started": old})
            accepted += r.status_code == 200
            assert r.status_code == 400 and REFUSED in r.get_data(as_text=True)
        assert accepted == 0


def test_a_stamp_older_than_the_form_token_is_refused(make_app):
    app = make_app(CONSULT_MIN_FILL_SECONDS=3)
    client = app.test_client()
    with clock.frozen(DURING):
        fields = _form(client)
    limit = app.config["WTF_CSRF_TIME_LIMIT"]
    with clock.frozen(DURING + timedelta(seconds=limit + 60)):
        r = _confirm(client, fields)
    assert r.status_code == 400 and REFUSED in r.get_data(as_text=True)


def test_the_own_stamp_works_after_the_minimum_time(make_app):
    app = make_app(CONSULT_MIN_FILL_SECONDS=3)
    client = app.test_client()
    with clock.frozen(DURING):
        fields = _form(client)
        assert _confirm(client, fields).status_code == 400
    with clock.frozen(DURING + timedelta(seconds=4)):
        assert _confirm(client, fields).status_code == 200
