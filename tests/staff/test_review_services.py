"""The review's services called directly, as the pages and the CLI call them: moderation, grouping
and responses, publication. Each rule refuses with ConsultError and leaves the data as it was."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal import clock
from portal.consult import services
from portal.consult.models import Comment
from portal.db import begin_write, get_session
from portal.review import completeness, grouping, moderation, publication, responses
from portal.review.models import CommentReview
from tests.helpers import AFTER, PII_IN_TEXT


@pytest.fixture
def review(staff_app, commented):
    """(session, demo consultation, its comments) inside an app context, clock at AFTER."""
    with staff_app.app_context(), clock.frozen(AFTER):
        session = get_session()
        begin_write(session)
        c = services.get_consultation(session, "demo")
        yield session, c, moderation.list_comments(session, c)
        session.rollback()


def test_moderation_keeps_the_original_and_stores_the_redacted_text(review):
    session, c, comments = review
    pii = next(x for x in comments if PII_IN_TEXT in x.body)
    original = pii.body
    decision = moderation.Decision(has_personal_info=True,
                                   published_text=original.replace(PII_IN_TEXT, "＊＊＊"))
    before, after = moderation.moderate(session, pii, decision, actor="mod", now=clock.now())
    assert before == {} and after["has_personal_info"] is True
    assert "published_text" not in after and after["published_text_sha256"]
    assert session.get(Comment, pii.id).body == original
    assert PII_IN_TEXT not in session.get(CommentReview, pii.id).published_text


def test_moderation_refuses_an_unredacted_text_marked_as_personal(review):
    _session, _c, comments = review
    pii = next(x for x in comments if PII_IN_TEXT in x.body)
    errors = moderation.check_decision(pii, moderation.Decision(has_personal_info=True,
                                                                published_text=pii.body))
    assert set(errors) == {"published_text"}


def test_an_excluded_comment_cannot_join_a_group(review):
    session, c, comments = review
    group = grouping.create_group(session, c, node_id=None, summary_ja="見守りを増やしてほしい。")
    moderation.moderate(session, comments[0], moderation.Decision(exclusion="duplicate"),
                        actor="mod", now=clock.now())
    with pytest.raises(services.ConsultError):
        grouping.assign(session, c, group, [comments[0]], actor="ed", now=clock.now())
    grouping.assign(session, c, group, comments[1:2], actor="ed", now=clock.now())
    assert grouping.members(session, group) == comments[1:2]


def test_a_group_needs_a_summary_and_a_known_category(review):
    session, c, _comments = review
    with pytest.raises(services.ConsultError):
        grouping.create_group(session, c, node_id=None, summary_ja="  ")
    group = grouping.create_group(session, c, node_id=None, summary_ja="要旨")
    with pytest.raises(services.ConsultError):
        responses.answer_group(session, c, group, responses.Answer("要旨", "考え方", "maybe"))
    with pytest.raises(services.ConsultError):  # the change must point to another revision
        responses.answer_group(session, c, group, responses.Answer(
            "要旨", "考え方", "reflected", change_node_id=c.measures[0].node_id))
    responses.answer_group(session, c, group, responses.Answer("要旨", "計画に反映します。", "reflected"))
    assert (group.response_ja, group.category) == ("計画に反映します。", "reflected")


def test_offline_entry_outside_the_period_is_refused(review):
    session, c, comments = review
    entry = moderation.OfflineEntry("paper", date(2020, 1, 1), services.NewComment("郵送の意見"))
    with pytest.raises(services.ConsultError):
        moderation.enter_offline(session, c, entry, secret="s", actor="mod", now=clock.now())
    assert moderation.list_comments(session, c) == comments


def test_publication_needs_completeness_then_freezes_everything(review, staff_app):
    session, c, comments = review
    to = publication.Destinations(staff_app.config["PUBLISHED_DIR"], staff_app.config["RELEASES_DIR"],
                                  "http://example.test")
    with pytest.raises(publication.ResultIncomplete) as refused:
        publication.publish_result(session, c, actor="admin", now=clock.now(), to=to)
    assert len(refused.value.left.ungrouped) == len(comments)
    group = grouping.create_group(session, c, node_id=None, summary_ja="見守りと相談窓口")
    responses.answer_group(session, c, group, responses.Answer("見守りと相談窓口", "反映します。",
                                                               "reflected"))
    for comment in comments:
        if PII_IN_TEXT in comment.body:
            moderation.moderate(session, comment, moderation.Decision(exclusion="off_topic"),
                                actor="mod", now=clock.now())
    grouping.assign(session, c, group, [x for x in comments if PII_IN_TEXT not in x.body],
                    actor="ed", now=clock.now())
    assert completeness.completeness(session, c, now=clock.now()).complete
    result = publication.publish_result(session, c, actor="admin", now=clock.now(), to=to)
    assert result.receipt_count == len(comments) and result.package_name == "consultation-demo"
    with pytest.raises(moderation.ResultAlreadyPublished):
        grouping.create_group(session, c, node_id=None, summary_ja="後から")
    with pytest.raises(moderation.ResultAlreadyPublished):
        publication.publish_result(session, c, actor="admin", now=clock.now(), to=to)
    assert session.scalar(select(CommentReview).where(CommentReview.group_id == group.id))
