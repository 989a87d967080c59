"""Resident side: the form, the confirmation screen, the receipt, and every refusal keeping the text."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.consult import receipts
from portal.consult.models import Comment, CommentIdentity
from portal.db import get_session
from tests.helpers import confirm, form_tokens, hidden_fields, receipt_of, submit

#: Inside the demo period (opened 2026-11-01 12:00 JST, closes 2026-11-30 23:59 JST).
DURING = datetime(2026, 11, 10, 1, 0)
MEASURE = "hoken-fukushi-plan:r2023-04-26:measure-1"


@pytest.fixture(autouse=True)
def _during():
    with clock.frozen(DURING):
        yield


def _count(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Comment.id)))


def test_comment_flow_gives_a_receipt_tied_to_revision_concept_and_text_hash(capp, cclient):
    response = submit(cclient, measure=MEASURE, body="防災の取組を①から見直してほしい。", residence="05")
    assert response.status_code == 200
    no, code = receipt_of(response.get_data(as_text=True))
    with capp.app_context():
        comment = get_session().scalar(select(Comment))
        assert comment.receipt_no == no == 1
        assert comment.receipt_code_sha256 == receipts.code_hash(code)
        assert comment.revision_id == "hoken-fukushi-plan:r2023-04-26"
        assert comment.concept_id == "hoken-fukushi-plan:c-existing-care-system"
        assert len(comment.measure_text_sha256) == 64
        assert comment.body == "防災の取組を①から見直してほしい。"


def test_receipt_numbers_are_sequential_per_consultation(cclient):
    numbers = [receipt_of(submit(cclient).get_data(as_text=True))[0] for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_double_submit_yields_one_comment_and_the_same_receipt(capp, cclient):
    page = confirm(cclient, body="二度押し")
    data = hidden_fields(page.get_data(as_text=True))
    first = cclient.post("/ja/consultations/demo/submit", data=data).get_data(as_text=True)
    second = cclient.post("/ja/consultations/demo/submit", data=data).get_data(as_text=True)
    assert receipt_of(first) == receipt_of(second)
    assert _count(capp) == 1


def test_a_retry_after_the_closing_minute_still_shows_the_first_receipt(capp, cclient):
    page = confirm(cclient, body="締切直前に送った意見")
    data = hidden_fields(page.get_data(as_text=True))
    first = cclient.post("/ja/consultations/demo/submit", data=data).get_data(as_text=True)
    with clock.frozen(datetime(2026, 12, 1, 3, 0)):  # after the period, the browser retries
        again = cclient.post("/ja/consultations/demo/submit", data=data)
    assert again.status_code == 200
    assert receipt_of(again.get_data(as_text=True)) == receipt_of(first)
    assert _count(capp) == 1


def test_a_repeated_submission_is_not_counted_against_the_rate_limit(make_app):
    app = make_app(CONSULT_RATE_LIMIT="2 per minute")
    client = app.test_client()
    page = confirm(client, body="一通目（二度押し）")
    data = hidden_fields(page.get_data(as_text=True))
    for _ in range(3):
        assert client.post("/ja/consultations/demo/submit", data=data).status_code == 200
    assert submit(client, body="二通目").status_code == 200
    assert submit(client, body="三通目").status_code == 429
    assert _count(app) == 2


@pytest.mark.parametrize(("at", "accepted"), [
    (datetime(2026, 11, 30, 14, 59, 59), True),   # 23:59:59 JST on the closing day
    (datetime(2026, 11, 30, 15, 0, 0), False),    # 00:00:00 JST the next day
])
def test_closing_minute_is_inclusive_and_the_next_second_refused_with_text_back(capp, cclient, at,
                                                                                accepted):
    page = confirm(cclient, body="締切間際の意見＜テスト＞")
    data = hidden_fields(page.get_data(as_text=True))
    with clock.frozen(at):
        response = cclient.post("/ja/consultations/demo/submit", data=data)
    text = response.get_data(as_text=True)
    if accepted:
        assert response.status_code == 200 and receipt_of(text)
        assert _count(capp) == 1
    else:
        assert response.status_code == 403
        assert "締め切りました" in text
        assert "締切間際の意見＜テスト＞" in text
        assert _count(capp) == 0


def test_before_opening_is_refused(capp, cclient):
    data = hidden_fields(confirm(cclient).get_data(as_text=True))
    with clock.frozen(datetime(2026, 10, 31)):
        response = cclient.post("/ja/consultations/demo/submit", data=data)
    assert response.status_code == 403 and _count(capp) == 0


def test_name_and_contact_never_appear_on_public_pages(capp, cclient):
    name, contact = "世田谷花子マーカー", "hanako-marker@example.jp"
    response = submit(cclient, measure=MEASURE, body="公開ページの確認", name=name, contact=contact)
    no, code = receipt_of(response.get_data(as_text=True))
    assert name not in response.get_data(as_text=True)
    tokens = form_tokens(cclient)
    lookup = cclient.post("/ja/consultations/demo/receipt",
                          data={"csrf_token": tokens["csrf_token"], "receipt_no": no, "code": code})
    assert "公開ページの確認" in lookup.get_data(as_text=True)
    pages = [lookup] + [cclient.get(u) for u in (
        "/ja/consultations/", "/ja/consultations/demo/", "/en/consultations/demo/", "/ja/",
        f"/ja/consultations/demo/comment?measure={MEASURE}", "/healthz")]
    for page in pages:
        body = page.get_data(as_text=True)
        assert name not in body and contact not in body
    with capp.app_context():
        identity = get_session().scalar(select(CommentIdentity))
        assert (identity.name, identity.contact) == (name, contact)


def test_lookup_shows_where_the_measure_went_in_the_later_revision(cclient):
    no, code = receipt_of(submit(cclient, measure=MEASURE).get_data(as_text=True))
    tokens = form_tokens(cclient)
    page = cclient.post("/ja/consultations/demo/receipt", data={
        "csrf_token": tokens["csrf_token"], "receipt_no": no, "code": code.lower()}).get_data(as_text=True)
    assert "世田谷版地域包括ケアシステムを強化する" in page  # r2024 第１節, via crosswalk cw-002
    wrong = cclient.post("/ja/consultations/demo/receipt", data={
        "csrf_token": tokens["csrf_token"], "receipt_no": no, "code": "AAAA-AAAA-AAAA-AAAA"})
    assert wrong.status_code == 404


def test_missing_csrf_token_gives_the_form_back_with_the_text(capp, cclient):
    data = form_tokens(cclient)
    data.pop("csrf_token")
    data["body"] = "トークンなしの意見"
    response = cclient.post("/ja/consultations/demo/confirm", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "トークンなしの意見" in page and "有効期限" in page
    assert 'name="csrf_token"' in page


def test_stale_csrf_token_on_submit_keeps_the_text_and_stores_nothing(capp, cclient):
    data = hidden_fields(confirm(cclient, body="古いトークン").get_data(as_text=True))
    data["csrf_token"] = data["csrf_token"][:-3] + "xyz"
    response = cclient.post("/ja/consultations/demo/submit", data=data)
    assert response.status_code == 400
    assert "古いトークン" in response.get_data(as_text=True)
    assert _count(capp) == 0


def test_csrf_tokens_last_at_least_a_day(capp):
    assert capp.config["WTF_CSRF_TIME_LIMIT"] is None or capp.config["WTF_CSRF_TIME_LIMIT"] >= 86400


def test_filled_honeypot_is_refused_and_stores_nothing(capp, cclient):
    data = hidden_fields(confirm(cclient, body="ボット").get_data(as_text=True))
    data["website"] = "http://spam.example"
    response = cclient.post("/ja/consultations/demo/submit", data=data)
    assert response.status_code == 400 and "ボット" in response.get_data(as_text=True)
    assert _count(capp) == 0


def test_form_sent_faster_than_the_minimum_fill_time_is_refused(make_app):
    app = make_app(CONSULT_MIN_FILL_SECONDS=3)
    client = app.test_client()
    assert confirm(client, body="速すぎる").status_code == 400
    data = form_tokens(client)
    data.update(body="ゆっくり", website="")
    with clock.frozen(DURING + timedelta(seconds=5)):
        assert client.post("/ja/consultations/demo/confirm", data=data).status_code == 200


@pytest.mark.parametrize(("body", "fragment"), [
    ("", "ご意見を入力してください"),
    ("あ" * 2001, "2001文字"),
    ("NUL\x00文字", "U+0000"),
    ("右から左\u202e上書き", "U+202E"),
])
def test_bad_text_gets_a_field_message_and_nothing_is_stored(capp, cclient, body, fragment):
    response = confirm(cclient, body=body)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert fragment in page and 'aria-invalid="true"' in page
    assert _count(capp) == 0


def test_text_at_the_limit_is_accepted_as_written_without_nfkc(capp, cclient):
    body = "①＜script＞alert(1)＜/script＞" + "あ" * (2000 - 27)
    response = submit(cclient, body=body)
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)
    with capp.app_context():
        assert get_session().scalar(select(Comment.body)) == body


def test_markup_is_escaped_on_every_page(cclient):
    response = submit(cclient, body='"><img src=x onerror=alert(1)><script>x</script>')
    page = response.get_data(as_text=True)
    assert "<script>x</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(("field", "value", "fragment"), [
    ("measure", "hoken-fukushi-plan:r2024:measure-1", "対象ではありません"),
    ("residence", "99", "地区は一覧から"),
    ("age_group", "teen", "年代は一覧から"),
])
def test_choices_outside_the_lists_are_refused(capp, cclient, field, value, fragment):
    response = confirm(cclient, **{field: value, "body": "選択肢の確認"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert fragment in page and "選択肢の確認" in page


def test_unknown_consultation_shows_the_text_back(cclient):
    data = form_tokens(cclient)
    data["body"] = "存在しない意見募集へ"
    response = cclient.post("/ja/consultations/no-such/confirm", data=data)
    assert response.status_code == 404
    assert "存在しない意見募集へ" in response.get_data(as_text=True)


def test_too_many_submissions_are_counted_across_app_instances(make_app):
    first, second = make_app(CONSULT_RATE_LIMIT="3 per minute"), make_app(CONSULT_RATE_LIMIT="3 per minute")
    clients = [first.test_client(), second.test_client()]
    statuses = [submit(clients[i % 2], body=f"連投{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 200]
    refused = submit(clients[1], body="四通目の意見")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "四通目の意見" in refused.get_data(as_text=True)
    assert _count(first) == 3


def test_receipt_and_form_pages_carry_security_headers(cclient):
    response = submit(cclient)
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
