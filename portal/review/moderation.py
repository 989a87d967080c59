"""Moderation use cases: exclude a comment with a reason, flag and redact personal information,
and record comments that arrived on paper, by FAX, at the counter or by e-mail.

The original text (Comment.body) is never changed here; the redacted text to publish is kept in
CommentReview.published_text. Nothing can change once the result is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.consult import receipts
from portal.consult.models import Comment, CommentIdentity, Consultation
from portal.consult.services import ConsultError, NewComment, chiku_ids, choice_problems
from portal.i18n import _
from portal.japantime import to_jst, to_utc
from portal.review.models import EXCLUSIONS, CommentReview, ConsultationResult
from portal.textrules import normalize_text


class ResultAlreadyPublished(ConsultError):
    """The result is published: comments, groups and responses are frozen."""


def ensure_not_published(session: Session, consultation: Consultation) -> None:
    """Refuse any change to a consultation whose result is published."""
    if session.get(ConsultationResult, consultation.id) is not None:
        raise ResultAlreadyPublished(_("The result of this consultation is already published: "
                                       "it can no longer be changed."))


def list_comments(session: Session, consultation: Consultation) -> list[Comment]:
    """Every comment of CONSULTATION in 受付番号 order."""
    return list(session.scalars(select(Comment).where(Comment.consultation_id == consultation.id)
                                .order_by(Comment.receipt_no)))


def get_comment(session: Session, consultation: Consultation, receipt_no: int) -> Comment | None:
    """The comment with RECEIPT_NO in CONSULTATION, or None."""
    return session.scalar(select(Comment).where(Comment.consultation_id == consultation.id,
                                                Comment.receipt_no == receipt_no))


def reviews(session: Session, consultation: Consultation) -> dict[int, CommentReview]:
    """The reviews of CONSULTATION's comments, by comment id."""
    rows = session.scalars(select(CommentReview).join(Comment).where(
        Comment.consultation_id == consultation.id))
    return {r.comment_id: r for r in rows}


def review_of(session: Session, comment: Comment, *, actor: str, now: datetime) -> CommentReview:
    """Return COMMENT's review, creating an empty one."""
    review = session.get(CommentReview, comment.id)
    if review is None:
        review = CommentReview(comment_id=comment.id, has_personal_info=False, reviewed_by=actor,
                               reviewed_at=now)
        session.add(review)
    return review


def snapshot(review: CommentReview | None) -> dict[str, Any]:
    """What the audit log keeps of a review: no text, only a hash of the redacted one."""
    if review is None:
        return {}
    text = review.published_text
    return {"exclusion": review.exclusion, "exclusion_note": review.exclusion_note,
            "has_personal_info": review.has_personal_info, "group_id": review.group_id,
            "published_text_sha256": receipts.sha256_hex(text) if text is not None else None}


@dataclass
class Decision:
    """A moderator's decision on one comment (the form's values)."""

    exclusion: str = ""
    exclusion_note: str = ""
    has_personal_info: bool = False
    published_text: str = ""


def check_decision(comment: Comment, decision: Decision) -> dict[str, str]:
    """Problems with DECISION per field (English, for staff; the view translates its own)."""
    errors = {}
    if decision.exclusion and decision.exclusion not in EXCLUSIONS:
        errors["exclusion"] = _("Choose a reason for excluding the comment from the list.")
    text = normalize_text(decision.published_text)
    if decision.has_personal_info and not decision.exclusion:
        if not text:
            errors["published_text"] = _("Write the text to publish with the personal "
                                         "information removed.")
        elif text == comment.body:
            errors["published_text"] = _("The text to publish is the same as the original: "
                                         "remove the personal information from it.")
    return errors


def moderate(session: Session, comment: Comment, decision: Decision, *, actor: str,
             now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """Record DECISION on COMMENT; an excluded comment leaves its group. Return before/after."""
    ensure_not_published(session, session.get(Consultation, comment.consultation_id))
    before = snapshot(session.get(CommentReview, comment.id))
    review = review_of(session, comment, actor=actor, now=now)
    review.exclusion = decision.exclusion or None
    review.exclusion_note = normalize_text(decision.exclusion_note) or None
    review.has_personal_info = decision.has_personal_info
    text = normalize_text(decision.published_text)
    review.published_text = text if decision.has_personal_info and text else None
    if review.exclusion:
        review.group_id = None
    review.reviewed_by, review.reviewed_at = actor, now
    session.flush()
    return before, snapshot(review)


@dataclass
class OfflineEntry:
    """A comment received on paper, by FAX, at the counter or by e-mail, as typed by staff."""

    channel: str
    received_on: date
    comment: NewComment
    same_submitter_as: int | None = None


def enter_offline(session: Session, consultation: Consultation, entry: OfflineEntry, *,
                  secret: str, actor: str, now: datetime) -> tuple[Comment, str]:
    """Record a comment typed in by staff into the same queue; return it and its receipt code.

    :raise ConsultError: the date of receipt is outside the period, or a choice is unknown.
    """
    ensure_not_published(session, consultation)
    first, last = to_jst(consultation.opens_at).date(), to_jst(consultation.closes_at).date()
    if not first <= entry.received_on <= last or entry.received_on > to_jst(now).date():
        raise ConsultError(_("The date of receipt must be within the period (%(first)s – %(last)s) "
                             "and not in the future.", first=first, last=last))
    draft = entry.comment
    problems = choice_problems(draft, in_scope=bool(draft.node_id and consultation.measure(draft.node_id)),
                               chiku_ids=chiku_ids(session))
    if problems:
        raise ConsultError("; ".join(problems.values()))
    token = receipts.new_token()
    code = receipts.receipt_code(token, secret)
    measure = consultation.measure(draft.node_id) if draft.node_id else None
    consultation.last_receipt_no += 1
    comment = Comment(
        consultation_id=consultation.id, receipt_no=consultation.last_receipt_no,
        receipt_code_sha256=receipts.code_hash(code), token_sha256=receipts.sha256_hex(token),
        revision_id=consultation.revision_id, node_id=measure.node_id if measure else None,
        concept_id=measure.concept_id if measure else None,
        measure_text_sha256=measure.text_sha256 if measure else None, body=draft.body, lang="ja",
        residence=draft.residence or None, age_group=draft.age_group or None,
        relation=draft.relation or None, channel=entry.channel, status="received",
        received_at=to_utc(datetime.combine(entry.received_on, datetime.min.time())))
    session.add(comment)
    session.flush()
    if draft.name or draft.contact:
        session.add(CommentIdentity(comment_id=comment.id, name=draft.name or None,
                                    contact=draft.contact or None))
    if entry.same_submitter_as:
        review = review_of(session, comment, actor=actor, now=now)
        review.same_submitter_as = entry.same_submitter_as
    session.flush()
    return comment, code
