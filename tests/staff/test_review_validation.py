"""One text rule for every human-entered field, staff forms refuse instead of cutting, refusals are
in the ward's language, and every staff action is audited, from the web or the command line."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import clock
from portal.consult.models import Comment
from portal.db import get_session
from portal.review.models import CommentReview, OpinionGroup
from portal.staff.models import AuditEntry
from portal.textrules import bad_character
from tests.helpers import AFTER, DURING, confirm, db_fingerprint, login, post

#: Invisible characters the rule refuses in every field: a bidi override and a tag character.
HIDDEN = [("\u202e", "U+202E"), ("\U000e0041", "U+E0041"), ("\U000e007f", "U+E007F")]


@pytest.mark.parametrize(("char", "code"), HIDDEN)
def test_the_text_rule_refuses_bidi_and_tag_characters(char, code):
    assert bad_character(f"区の考え方{char}です", multiline=True) == (6, code)
    assert bad_character("改行\nとタブ\tは可", multiline=True) is None


@pytest.mark.parametrize(("char", "code"), HIDDEN)
def test_a_resident_comment_with_a_hidden_character_is_refused(capp, cclient, char, code):
    with clock.frozen(DURING):
        page = confirm(cclient, body=f"意見です{char}よろしく")
    assert page.status_code == 400 and code in page.get_data(as_text=True)


def _editor(staff_app):
    """A client logged in as the editor (clock: AFTER)."""
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        assert login(client, "editor").status_code == 303
    return client


@pytest.mark.parametrize(("char", "code"), HIDDEN)
def test_a_staff_text_with_a_hidden_character_is_refused_at_its_field(staff_app, char, code):
    client = _editor(staff_app)
    before = db_fingerprint(staff_app)
    with clock.frozen(AFTER):
        r = post(client, "/staff/consultations/demo/groups",
                 {"node_id": "", "summary_ja": f"見守りを増やしてほしい{char}。"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and code in page and 'id="summary_ja-error"' in page
    assert db_fingerprint(staff_app) == before


def test_a_long_staff_text_is_refused_with_its_length_never_cut(staff_app, commented):
    client = _editor(staff_app)
    no = min(commented)
    with clock.frozen(AFTER):
        r = post(client, f"/staff/consultations/demo/comments/{no}",
                 {"exclusion": "duplicate", "exclusion_note": "重" * 2001})
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and 'id="exclusion_note-error"' in page and "2001" in page
    with staff_app.app_context():
        assert get_session().scalar(select(func.count(CommentReview.comment_id))) == 0


def test_a_group_answer_too_long_is_refused_and_the_typed_text_shown_back(staff_app, commented):
    client = _editor(staff_app)
    with clock.frozen(AFTER):
        r = post(client, "/staff/consultations/demo/groups", {"node_id": "", "summary_ja": "要旨"})
        gid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        long = "考" * 4001
        r = post(client, f"/staff/consultations/demo/groups/{gid}",
                 {"summary_ja": "要旨", "response_ja": long, "category": "reflected"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and 'id="response_ja-error"' in page and long in page
    with staff_app.app_context():
        assert get_session().get(OpinionGroup, gid).response_ja == ""


def _open(staff_app, slug: str, days: int, **texts: str):
    """Post the new-consultation form as the editor (opening a week after DURING); the response."""
    client = staff_app.test_client()
    start = DURING + timedelta(days=7)
    with clock.frozen(DURING):
        assert login(client, "editor").status_code == 303
        return post(client, "/staff/consultations/new", {
            "slug": slug, "revision_id": "hoken-fukushi-plan:r2023-04-26",
            "opens": f"{start:%Y-%m-%d}", "closes": f"{start + timedelta(days=days - 1):%Y-%m-%d}",
            **texts})


def test_a_consultation_description_too_long_is_refused_not_cut(staff_app):
    r = _open(staff_app, "long-text", 41, title_ja="長い説明の意見募集", description_ja="説" * 5001)
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and 'id="description_ja-error"' in page
    with staff_app.app_context():
        assert get_session().scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "open_consultation")) == 0


def test_a_refused_rule_is_explained_in_the_wards_language(staff_app):
    r = _open(staff_app, "short-one", 10, title_ja="短い意見募集")
    assert r.status_code == 400
    assert "期間が10日間で、最低日数（30日）より短いため" in r.get_data(as_text=True)


def test_a_receipt_number_in_other_digits_is_refused_not_a_server_error(staff_app):
    client = staff_app.test_client()
    with clock.frozen(AFTER):
        assert login(client, "mod").status_code == 303
        r = post(client, "/staff/consultations/demo/comments/new", {
            "channel": "paper", "received_on": f"{DURING:%Y-%m-%d}", "body": "郵送の意見",
            "same_submitter_as": "²"})
    assert r.status_code == 400 and 'id="same_submitter_as-error"' in r.get_data(as_text=True)
    with staff_app.app_context():
        assert get_session().scalar(select(func.count(Comment.id))) == 0


def test_opening_a_consultation_from_the_command_line_is_audited(staff_app):
    runner = staff_app.test_cli_runner()
    result = runner.invoke(args=[
        "consult", "open", "--slug", "cli-audit", "--revision", "hoken-fukushi-plan:r2023-04-26",
        "--opens", "2027-02-01", "--closes", "2027-03-31", "--title-ja", "コマンドで開いた意見募集"])
    assert result.exit_code == 0, result.output
    with staff_app.app_context():
        entry = get_session().scalar(select(AuditEntry).where(AuditEntry.action == "open_consultation"))
    assert (entry.actor, entry.target) == ("system:cli", "consultation:cli-audit")
    assert "コマンドで開いた意見募集" in entry.after


def test_the_command_line_applies_the_same_text_rule(staff_app):
    runner = staff_app.test_cli_runner()
    before = db_fingerprint(staff_app)
    result = runner.invoke(args=[
        "consult", "open", "--slug", "cli-bidi", "--revision", "hoken-fukushi-plan:r2023-04-26",
        "--opens", "2027-02-01", "--closes", "2027-03-31", "--title-ja", "題名\u202e反転"])
    assert result.exit_code != 0 and "--title-ja" in result.output and "U+202E" in result.output
    assert db_fingerprint(staff_app) == before
