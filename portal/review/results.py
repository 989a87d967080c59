"""The result of a consultation as read by the result page, the receipt check and the package:
groups per 施策 with their comments' published texts, counts, and the receipt digest.

Only published texts leave this module (the redacted text where one was recorded); names and
contacts are never read here.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.consult.models import Comment, Consultation, ConsultationMeasure
from portal.review.grouping import list_groups
from portal.review.models import CommentReview, ConsultationResult, OpinionGroup
from portal.review.moderation import list_comments, reviews


def receipt_digest(hashes: list[str]) -> str:
    """sha256 of the sorted receipt-code hashes, one per line, each ending with a line feed."""
    text = "".join(f"{h}\n" for h in sorted(hashes))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def receipt_hashes(session: Session, consultation: Consultation) -> list[str]:
    """The stored sha256(receipt code) of every comment received, sorted."""
    return sorted(session.scalars(select(Comment.receipt_code_sha256).where(
        Comment.consultation_id == consultation.id)))


def published_text(comment: Comment, review: CommentReview | None) -> str:
    """The text to publish: the redacted one when recorded, else the comment as received."""
    return review.published_text if review and review.published_text is not None else comment.body


@dataclass
class GroupView:
    """A group with its 施策 and the comments in it (texts as published)."""

    group: OpinionGroup
    measure: ConsultationMeasure | None
    comments: list[tuple[Comment, str]] = field(default_factory=list)

    @property
    def others(self) -> int:
        """N in 「（他N件）」: comments in the group besides the first."""
        return max(len(self.comments) - 1, 0)


@dataclass
class ResultView:
    """Everything the result page and the package show."""

    consultation: Consultation
    result: ConsultationResult | None
    groups: list[GroupView]
    comments: list[Comment]
    reviews: dict[int, CommentReview]

    def considered(self) -> list[Comment]:
        """Comments that count (not excluded)."""
        return [c for c in self.comments if not self._excluded(c)]

    def _excluded(self, comment: Comment) -> str | None:
        """The exclusion reason of COMMENT, if any."""
        review = self.reviews.get(comment.id)
        return review.exclusion if review else None

    def excluded_counts(self) -> Counter[str]:
        """Excluded comments per reason."""
        return Counter(r for c in self.comments if (r := self._excluded(c)))

    def people(self) -> int:
        """Submitters: each web submission is one; staff link the parts of one letter."""
        firsts = set()
        for c in self.comments:
            review = self.reviews.get(c.id)
            firsts.add(review.same_submitter_as if review and review.same_submitter_as
                       else c.receipt_no)
        return len(firsts)

    def counts(self, attribute: str) -> Counter[str]:
        """Considered comments per value of ATTRIBUTE (node_id, channel, residence, age_group)."""
        return Counter(getattr(c, attribute) or "" for c in self.considered())

    def category_counts(self) -> Counter[str]:
        """Considered comments per response category of their group."""
        return Counter(g.group.category or "" for g in self.groups for _ in g.comments)

    def group_of(self, comment: Comment) -> GroupView | None:
        """The group COMMENT is in, if any."""
        review = self.reviews.get(comment.id)
        gid = review.group_id if review else None
        return next((g for g in self.groups if g.group.id == gid), None)


def result_view(session: Session, consultation: Consultation) -> ResultView:
    """Read the groups, comments and reviews of CONSULTATION into one view."""
    comments = list_comments(session, consultation)
    by_comment = reviews(session, consultation)
    groups = [GroupView(g, consultation.measure(g.node_id) if g.node_id else None)
              for g in list_groups(session, consultation)]
    by_id = {g.group.id: g for g in groups}
    for comment in comments:
        review = by_comment.get(comment.id)
        if review and review.group_id in by_id and not review.exclusion:
            by_id[review.group_id].comments.append((comment, published_text(comment, review)))
    order = {m.node_id: m.position for m in consultation.measures}
    groups.sort(key=lambda g: (order.get(g.group.node_id or "", 10**6), g.group.position))
    return ResultView(consultation, session.get(ConsultationResult, consultation.id), groups,
                      comments, by_comment)


def get_result(session: Session, consultation: Consultation) -> ConsultationResult | None:
    """The published result of CONSULTATION, or None before publication."""
    return session.get(ConsultationResult, consultation.id)


def published_consultations(session: Session) -> list[tuple[Consultation, ConsultationResult]]:
    """Every consultation with a published result, newest result first."""
    rows = session.execute(select(Consultation, ConsultationResult).join(
        ConsultationResult, ConsultationResult.consultation_id == Consultation.id)
        .order_by(ConsultationResult.published_at.desc()))
    return [(c, r) for c, r in rows]


def published_results(session: Session, now: datetime) -> list[tuple[Consultation, ConsultationResult]]:
    """Consultations whose result is public at NOW, newest result first (home page links)."""
    return [(c, r) for c, r in published_consultations(session) if r.published_at <= now]
