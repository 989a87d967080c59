"""Grouping use cases: opinion groups per 施策 with a summary (意見の概要), the ward's response
(区の考え方) with its category and the place where the plan changed, and the completeness rule.

Completeness is checked here, in the service, so no entry point can publish a result that
leaves a comment unanswered (行政手続法43条 by analogy: every comment is considered).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.consult.forms import normalize_text
from portal.consult.models import Comment, Consultation
from portal.consult.moderation import ensure_not_published, list_comments, review_of, reviews
from portal.consult.services import ConsultError
from portal.consult.ward_models import CATEGORIES, CommentReview, OpinionGroup
from portal.i18n import _
from portal.plan.models import Node

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


def _text(value: str, *, required: bool) -> str:
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
                         position=position, summary_ja=_text(summary_ja, required=True),
                         response_ja="")
    session.add(group)
    session.flush()
    return group


@dataclass
class Answer:
    """The ward's side of a group: summary, response, category and where the plan changed."""

    summary_ja: str
    response_ja: str
    category: str
    change_revision_id: str = ""
    change_node_id: str = ""


def _check_change(session: Session, consultation: Consultation, answer: Answer) -> None:
    """The changed 施策 must be a node of another revision of the same plan."""
    if not answer.change_node_id:
        return
    node = session.get(Node, answer.change_node_id)
    if node is None or node.revision_id == consultation.revision_id \
            or not node.revision_id.startswith(consultation.plan_id + ":"):
        raise ConsultError(_("The changed 施策 must be in another revision of the same plan."))
    answer.change_revision_id = node.revision_id


def answer_group(session: Session, consultation: Consultation, group: OpinionGroup,
                 answer: Answer) -> None:
    """Set a group's summary, the ward's response, its category and the change link."""
    ensure_not_published(session, consultation)
    if answer.category and answer.category not in CATEGORIES:
        raise ConsultError(_("Choose a category for the response from the list."))
    _check_change(session, consultation, answer)
    group.summary_ja = _text(answer.summary_ja, required=True)
    group.response_ja = _text(answer.response_ja, required=False)
    group.category = answer.category or None
    group.change_revision_id = answer.change_revision_id or None
    group.change_node_id = answer.change_node_id or None
    session.flush()


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


@dataclass
class Completeness:
    """What is left before a result may be published; empty lists mean nothing is left."""

    not_closed: bool = False
    ungrouped: list[Comment] = field(default_factory=list)
    unredacted: list[Comment] = field(default_factory=list)
    unanswered: list[OpinionGroup] = field(default_factory=list)
    empty: list[OpinionGroup] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when the result may be published."""
        return not (self.not_closed or self.ungrouped or self.unredacted or self.unanswered
                    or self.empty)


def completeness(session: Session, consultation: Consultation, *, now: datetime) -> Completeness:
    """Check every comment is grouped or excluded, redactions done, every group answered."""
    result = Completeness(not_closed=now < consultation.accepts_until)
    by_comment = reviews(session, consultation)
    used: set[int] = set()
    for comment in list_comments(session, consultation):
        review = by_comment.get(comment.id)
        if review is None or (review.exclusion is None and review.group_id is None):
            result.ungrouped.append(comment)
            continue
        if review.group_id is not None:
            used.add(review.group_id)
        if review.has_personal_info and not review.exclusion and review.published_text is None:
            result.unredacted.append(comment)
    for group in list_groups(session, consultation):
        if not group.response_ja or not group.category:
            result.unanswered.append(group)
        if group.id not in used:
            result.empty.append(group)
    return result
