"""Delete commenters' personal data a configured number of days after the result is published.

Deleted: the comment_identity rows (name, contact) and, for comments marked as containing
personal information, the original text (replaced by the redacted text that was published).
What stays: the published texts, counts and receipt hashes, which hold no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.consult.models import Comment, CommentIdentity, Consultation
from portal.review.models import CommentReview, ConsultationResult


@dataclass
class PurgeReport:
    """What a purge removed (counts only)."""

    consultations: list[str]
    identities: int
    originals: int


def due_consultations(session: Session, *, now: datetime, days: int) -> list[Consultation]:
    """Consultations whose result was published at least DAYS days before NOW."""
    cutoff = now - timedelta(days=days)
    return list(session.scalars(select(Consultation).join(
        ConsultationResult, ConsultationResult.consultation_id == Consultation.id)
        .where(ConsultationResult.published_at <= cutoff).order_by(Consultation.id)))


def purge_personal_data(session: Session, *, now: datetime, days: int,
                        dry_run: bool = False) -> PurgeReport:
    """Delete names, contacts and unredacted originals of consultations past the retention period."""
    due = due_consultations(session, now=now, days=days)
    ids = [c.id for c in due]
    comment_ids = select(Comment.id).where(Comment.consultation_id.in_(ids))
    identities = list(session.scalars(select(CommentIdentity.comment_id).where(
        CommentIdentity.comment_id.in_(comment_ids))))
    redacted = list(session.execute(select(Comment, CommentReview).join(
        CommentReview, CommentReview.comment_id == Comment.id).where(
        Comment.consultation_id.in_(ids), CommentReview.published_text.is_not(None))))
    originals = [(c, r) for c, r in redacted if c.body != r.published_text]
    if not dry_run:
        session.execute(delete(CommentIdentity).where(CommentIdentity.comment_id.in_(identities)))
        for comment, review in originals:
            comment.body = review.published_text or ""
        session.flush()
    return PurgeReport([c.slug for c in due], len(identities), len(originals))
