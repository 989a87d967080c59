"""Grouping use cases: opinion groups per 施策 with a summary (意見の概要), and which comments
each group holds. The ward's responses are in portal.review.responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.consult.models import Comment, Consultation
from portal.consult.services import ConsultError
from portal.i18n import _
from portal.review.models import CommentReview, OpinionGroup
from portal.review.moderation import ensure_not_published, review_of
from portal.textrules import normalize_text

#: Longest summary or response accepted, in characters.
TEXT_MAX = 4000


def list_groups(session: Session, consultation: Consultation) -> list[OpinionGroup]:
    """CONSULTATION's groups in their order."""
    return list(session.scalars(select(OpinionGroup).where(
        OpinionGroup.consultation_id == consultation.id).order_by(OpinionGroup.position,
                                                                  OpinionGroup.id)))


def get_group(session: Session, consultation: Consultation, group_id: int) -> OpinionGroup | None:
    """The group GROUP_ID of CONSULTATION, or None."""
    group = session.get(OpinionGroup, group_id)
    return group if group is not None and group.consultation_id == consultation.id else None


def group_snapshot(group: OpinionGroup) -> dict[str, Any]:
    """A group's fields for the audit log."""
    return {"node_id": group.node_id, "summary_ja": group.summary_ja,
            "response_ja": group.response_ja, "category": group.category,
            "change_revision_id": group.change_revision_id, "change_node_id": group.change_node_id}


def check_text(value: str, *, required: bool) -> str:
    """Normalise a staff text; refuse it empty (when REQUIRED) or too long."""
    text = normalize_text(value)
    if required and not text:
        raise ConsultError(_("Write the summary of the comments (意見の概要)."))
    if len(text) > TEXT_MAX:
        raise ConsultError(_("A summary or response can be at most %(limit)s characters long.",
                             limit=TEXT_MAX))
    return text


def create_group(session: Session, consultation: Consultation, *, node_id: str | None,
                 summary_ja: str) -> OpinionGroup:
    """Start a group on a 施策 of the consultation (or on general comments)."""
    ensure_not_published(session, consultation)
    if node_id and consultation.measure(node_id) is None:
        raise ConsultError(_("This 施策 is not part of the consultation."))
    position = len(list_groups(session, consultation)) + 1
    group = OpinionGroup(consultation_id=consultation.id, node_id=node_id or None,
                         position=position, summary_ja=check_text(summary_ja, required=True),
                         response_ja="")
    session.add(group)
    session.flush()
    return group


def assign(session: Session, consultation: Consultation, group: OpinionGroup | None,
           comments: list[Comment], *, actor: str, now: datetime) -> None:
    """Put COMMENTS into GROUP (None takes them out); excluded comments are refused."""
    ensure_not_published(session, consultation)
    for comment in comments:
        if comment.consultation_id != consultation.id:
            raise ConsultError(_("One of the comments belongs to another consultation."))
        review = review_of(session, comment, actor=actor, now=now)
        if review.exclusion and group is not None:
            raise ConsultError(_("Comment No. %(no)s is excluded and cannot be put in a group.",
                                     no=comment.receipt_no))
        review.group_id = group.id if group else None
        review.reviewed_by, review.reviewed_at = actor, now
    session.flush()


def members(session: Session, group: OpinionGroup) -> list[Comment]:
    """The comments in GROUP, in 受付番号 order."""
    return list(session.scalars(select(Comment).join(CommentReview).where(
        CommentReview.group_id == group.id).order_by(Comment.receipt_no)))
