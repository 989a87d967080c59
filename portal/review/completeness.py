"""The completeness rule: what is left before a consultation's result may be published.

Completeness is checked in the service, so no entry point can publish a result that leaves a
comment unanswered (行政手続法43条 by analogy: every comment is considered).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from portal.consult.models import Comment, Consultation
from portal.review.grouping import list_groups
from portal.review.models import OpinionGroup
from portal.review.moderation import list_comments, reviews


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
