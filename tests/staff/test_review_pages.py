"""The review's staff pages used the way staff use them: opening a consultation, editing it before
it opens, and typing in a comment that came on paper or by FAX. Each change is audited; a refused
form says why and stores nothing."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.consult import services
from portal.consult.models import Comment, CommentIdentity
from portal.db import get_session
from portal.staff.models import AuditEntry
from tests.helpers import AFTER, DURING, db_fingerprint, login, post

NEW = "/staff/consultations/new"
#: The 素案 revision the demo is on (another consultation may be opened on it).
REVISION = "hoken-fukushi-plan:r2023-04-26"


def _editor(staff_app):
    """A client logged in as the editor (clock: DURING)."""
    client = staff_app.test_client()
    with clock.frozen(DURING):
        assert login(client, "editor").status_code == 303
    return client


def _opening(slug: str = "kaigi-2026", **extra: str) -> dict[str, str]:
    """The consultation form's fields: 35 days, starting a week after DURING (Japan time)."""
    start = DURING + timedelta(days=7)
    return {"slug": slug, "revision_id": REVISION, "opens": f"{start:%Y-%m-%d} 09:00",
            "closes": f"{start + timedelta(days=34):%Y-%m-%d}", "title_ja": "計画素案への意見募集",
            "title_en": "Comments on the draft plan", "description_ja": "素案について意見を募集します。",
            **extra}


def _audit(app, action: str) -> list[AuditEntry]:
    """The audit entries of ACTION."""
    with app.app_context():
        return list(get_session().scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_an_editor_opens_a_consultation_on_a_revision(staff_app):
    client = _editor(staff_app)
    with clock.frozen(DURING):
        r = post(client, NEW, _opening())
        assert r.status_code == 303
        assert r.headers["Location"].endswith("/staff/consultations/kaigi-2026/")
        assert client.get("/staff/consultations/kaigi-2026/").status_code == 200
    with staff_app.app_context():
        c = services.get_consultation(get_session(), "kaigi-2026")
        assert (c.title_ja, c.revision_id, c.status(DURING)) == ("計画素案への意見募集", REVISION,
                                                                 "scheduled")
        assert len(c.measures) > 0
    [entry] = _audit(staff_app, "open_consultation")
    assert (entry.actor, entry.target) == ("editor", "consultation:kaigi-2026")


def test_opening_with_a_bad_id_or_a_short_period_is_refused_with_its_reason(staff_app):
    client = _editor(staff_app)
    before = db_fingerprint(staff_app)
    with clock.frozen(DURING):
        bad_id = post(client, NEW, _opening(slug="Kaigi 2026"))
        start = DURING + timedelta(days=7)
        short = post(client, NEW, _opening(closes=f"{start + timedelta(days=5):%Y-%m-%d}"))
    assert bad_id.status_code == 400 and "半角英小文字" in bad_id.get_data(as_text=True)
    assert short.status_code == 400 and 'class="error-summary"' in short.get_data(as_text=True)
    assert "計画素案への意見募集" in short.get_data(as_text=True), "the typed text is shown back"
    assert db_fingerprint(staff_app) == before


def test_an_editor_edits_a_consultation_only_before_it_opens(staff_app):
    client = _editor(staff_app)
    with clock.frozen(DURING):
        assert post(client, NEW, _opening()).status_code == 303
        edit = "/staff/consultations/kaigi-2026/edit"
        page = client.get(edit).get_data(as_text=True)
        assert "計画素案への意見募集" in page
        r = post(client, edit, _opening(title_ja="計画素案（改）への意見募集"))
        assert r.status_code == 303
    with staff_app.app_context():
        assert services.get_consultation(get_session(), "kaigi-2026").title_ja == "計画素案（改）への意見募集"
    [entry] = _audit(staff_app, "edit_consultation")
    assert json.loads(entry.before)["title_ja"] == "計画素案への意見募集"
    assert json.loads(entry.after)["title_ja"] == "計画素案（改）への意見募集"
    with clock.frozen(DURING + timedelta(days=8)):  # it has opened
        assert login(client, "editor").status_code == 303
        r = post(client, edit, _opening(title_ja="開始後の変更"))
    assert r.status_code == 400 and "変更できません" in r.get_data(as_text=True)
    with staff_app.app_context():
        assert services.get_consultation(get_session(), "kaigi-2026").title_ja == "計画素案（改）への意見募集"


def _offline(**extra: str) -> dict[str, str]:
    """The paper/FAX entry form's fields: a FAX received on DURING's day."""
    return {"channel": "fax", "received_on": f"{DURING:%Y-%m-%d}", "measure": "",
            "body": "ファクスで届いた意見です。公園を増やしてください。", "name": "世田谷 一郎",
            "contact": "03-0000-0000", "age_group": "60s", "residence": "outside", **extra}


def test_a_moderator_types_in_a_fax_comment_with_its_receipt(staff_app):
    client = staff_app.test_client()
    path = "/staff/consultations/demo/comments/new"
    with clock.frozen(AFTER):
        assert login(client, "mod").status_code == 303
        r = post(client, path, _offline())
    assert r.status_code == 200, r.get_data(as_text=True)[:2000]
    page = r.get_data(as_text=True)
    assert 'id="receipt-no">1<' in page and 'id="receipt-code">' in page
    with staff_app.app_context():
        session = get_session()
        comment = session.scalar(select(Comment).where(Comment.channel == "fax"))
        assert comment.body == "ファクスで届いた意見です。公園を増やしてください。"
        assert (comment.age_group, comment.residence, comment.lang) == ("60s", "outside", "ja")
        assert comment.received_at.date() <= DURING.date()
        identity = session.get(CommentIdentity, comment.id)
        assert (identity.name, identity.contact) == ("世田谷 一郎", "03-0000-0000")
    [entry] = _audit(staff_app, "enter_comment")
    assert entry.actor == "mod" and json.loads(entry.after)["channel"] == "fax"
    assert "世田谷 一郎" not in entry.after, "no personal data in the audit log"


def test_paper_entry_refuses_a_bad_date_or_channel_per_field_and_stores_nothing(staff_app):
    client = staff_app.test_client()
    path = "/staff/consultations/demo/comments/new"
    with clock.frozen(AFTER):
        assert login(client, "mod").status_code == 303
        bad = post(client, path, _offline(received_on="2026/11/02", channel="web"))
        late = post(client, path, _offline(received_on=f"{AFTER:%Y-%m-%d}"))
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert 'id="received_on-error"' in page and 'id="channel-error"' in page
    assert "ファクスで届いた意見です" in page, "the typed text is shown back"
    assert late.status_code == 400 and "募集期間内" in late.get_data(as_text=True)
    with staff_app.app_context():
        assert get_session().scalar(select(func.count(Comment.id))) == 0
