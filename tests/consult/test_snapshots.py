"""The public pages read consultations from per-process snapshots: never wrong where it matters.

A change committed in the same process shows at once; a change committed by another process
shows within the snapshot's lifetime; and the period rule is always checked on current data,
even while a snapshot still shows the old period.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import create_engine, func, select, text

from portal import clock
from portal.cache import Cache
from portal.consult import snapshots
from portal.consult.models import Comment, Consultation, RateLimitCounter
from portal.db import get_session
from tests.helpers import confirm, hidden_fields, receipt_of

DURING = datetime(2026, 11, 10, 1, 0)


def _set_title_elsewhere(app, title: str) -> None:
    """Change the demo's title through a connection of its own, as another process would."""
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(text("UPDATE consultation SET title_ja = :t WHERE slug = 'demo'"), {"t": title})
    engine.dispose()


def test_a_change_committed_in_this_process_shows_at_once(capp, cclient):
    with clock.frozen(DURING):
        assert "【デモ】" in cclient.get("/ja/consultations/demo/").get_data(as_text=True)
        with capp.app_context():
            session = get_session()
            demo = session.scalar(select(Consultation).where(Consultation.slug == "demo"))
            demo.title_ja = "【デモ】題名を変えた意見募集"
            session.commit()
        page = cclient.get("/ja/consultations/demo/").get_data(as_text=True)
    assert "題名を変えた意見募集" in page


def test_a_change_by_another_process_shows_within_the_snapshot_lifetime(capp, cclient):
    now = [0.0]  # the snapshots' timer, moved by the test instead of sleeping
    capp.extensions["consult_snapshots"].items = Cache(1000, ttl=snapshots.TTL_SECONDS, timer=lambda: now[0])
    with clock.frozen(DURING):
        cclient.get("/ja/consultations/demo/")
        _set_title_elsewhere(capp, "【デモ】別のプロセスが変えた題名")
        now[0] = snapshots.TTL_SECONDS / 2
        held = cclient.get("/ja/consultations/demo/").get_data(as_text=True)
        now[0] = snapshots.TTL_SECONDS + 0.01
        page = cclient.get("/ja/consultations/demo/").get_data(as_text=True)
    assert "別のプロセスが変えた題名" not in held, "within its lifetime the snapshot is served"
    assert "別のプロセスが変えた題名" in page


def test_the_receipt_counter_does_not_drop_the_snapshots(capp, cclient):
    with clock.frozen(DURING):
        page = confirm(cclient, body="一通目")
        cache = capp.extensions["consult_snapshots"]
        assert "demo" in cache.items
        cclient.post("/ja/consultations/demo/submit", data=hidden_fields(page.get_data(as_text=True)))
    assert "demo" in cache.items, "a comment must not empty the cache of every page"


def test_the_period_is_enforced_on_current_data_while_a_snapshot_shows_it_open(capp, cclient):
    # The snapshots' timer stands still: the snapshot stays held however slow the machine is.
    capp.extensions["consult_snapshots"].items = Cache(1000, ttl=snapshots.TTL_SECONDS, timer=lambda: 0.0)
    with clock.frozen(DURING):
        page = confirm(cclient, body="締切を早めた後の意見")
        assert page.status_code == 200
        # Another process moves the closing minute into the past; this process's snapshot
        # still says the consultation is open.
        engine = create_engine(capp.config["DATABASE_URL"])
        with engine.begin() as conn:
            conn.execute(text("UPDATE consultation SET closes_at = :t WHERE slug = 'demo'"),
                         {"t": datetime(2026, 11, 9, 0, 0)})
        engine.dispose()
        with capp.app_context():
            held = capp.extensions["consult_snapshots"].get(get_session(), "demo")
            assert held.is_open(DURING)
        response = cclient.post("/ja/consultations/demo/submit",
                                data=hidden_fields(page.get_data(as_text=True)))
    assert response.status_code == 403
    assert "締切を早めた後の意見" in response.get_data(as_text=True)
    with capp.app_context():
        assert get_session().scalar(select(func.count(Comment.id))) == 0
        # The writer counts a submission in the comment's savepoint: refused, it is not counted.
        assert get_session().scalar(select(func.coalesce(func.sum(RateLimitCounter.count), 0))) == 0


def test_receipt_shows_the_comment_as_recorded(capp, cclient):
    with clock.frozen(DURING):
        page = confirm(cclient, body="受付画面の確認＜①＞")
        answer = cclient.post("/ja/consultations/demo/submit",
                              data=hidden_fields(page.get_data(as_text=True)))
    shown = answer.get_data(as_text=True)
    no, _code = receipt_of(shown)
    assert "受付画面の確認＜①＞" in shown
    with capp.app_context():
        comment = get_session().scalar(select(Comment))
    assert (comment.receipt_no, comment.body) == (no, "受付画面の確認＜①＞")
