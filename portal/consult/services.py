"""Consultation use cases: open one, read them, record a comment idempotently, find a comment.

Services flush and never commit; the caller opens the write transaction (portal.db.begin_write)
before calling submit_comment, so the 受付番号 counter and the idempotency check run under the
same lock as the insert.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from portal.areas.models import Chiku
from portal.consult import receipts
from portal.consult.models import Comment, CommentIdentity, Consultation
from portal.i18n import _

if TYPE_CHECKING:
    from portal.consult.snapshots import ConsultationSnapshot

#: Residence value for someone living outside the ward (区外).
OUTSIDE = "outside"


class ConsultError(Exception):
    """A consultation rule was broken; the message is for staff (CLI) or mapped by the view."""


class ConsultationClosed(ConsultError):
    """A comment arrived outside the consultation period."""


@dataclass
class NewComment:
    """A comment's values, already normalised and checked by the entry point that read them."""

    body: str = ""
    node_id: str = ""
    residence: str = ""
    age_group: str = ""
    relation: str = ""
    name: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Receipt:
    """What the resident gets back: the comment, its receipt code, and whether it was a repeat."""

    comment: RecordedComment
    code: str
    repeated: bool


@dataclass(frozen=True, slots=True)
class RecordedComment:
    """What a receipt shows of a recorded comment (read inside the transaction that stored it)."""

    id: int
    receipt_no: int
    received_at: datetime
    node_id: str | None
    body: str


def list_consultations(session: Session) -> list[Consultation]:
    """Return every consultation, newest period first."""
    return list(session.scalars(select(Consultation).order_by(Consultation.opens_at.desc(),
                                                              Consultation.id.desc())))


def get_consultation(session: Session, slug: str) -> Consultation | None:
    """Return the consultation called SLUG, or None."""
    return session.scalar(select(Consultation).where(Consultation.slug == slug))


def chiku_ids(session: Session) -> set[str]:
    """Ids of the 28 地区 known to the portal."""
    return set(session.scalars(select(Chiku.chiku_id)))


def list_chiku(session: Session) -> list[Chiku]:
    """The 地区 for the residence choice, in id order."""
    return list(session.scalars(select(Chiku).order_by(Chiku.chiku_id)))


def choice_problems(comment: NewComment, *, in_scope: bool, chiku_ids: set[str]) -> dict[str, str]:
    """Problems with the 施策 (outside the scope) and the 地区 (unknown), per field."""
    problems = {}
    if comment.node_id and not in_scope:
        problems["measure"] = str(_("This 施策 is not part of this consultation. "
                                    "Please choose one from the list, or make a general comment."))
    if comment.residence and comment.residence != OUTSIDE and comment.residence not in chiku_ids:
        problems["residence"] = str(_("Please choose your 地区 from the list."))
    return problems


def find_by_token(session: Session, token: str) -> RecordedComment | None:
    """Return the receipt facts of the comment already recorded for submission TOKEN, if any."""
    row = session.execute(_RECORDED_BY_TOKEN, {"token": receipts.sha256_hex(token)}).first()
    return RecordedComment(*row) if row is not None else None


def submit_comment(session: Session, consultation: Consultation | ConsultationSnapshot,
                   draft: NewComment, *,
                   token: str, lang: str, secret: str, now: datetime,
                   admit: Callable[[], None] | None = None) -> Receipt:
    """Record DRAFT once per TOKEN: a repeat returns the first receipt; refuse outside the period.

    ADMIT runs once the submission is known to be new and inside the period, before it is
    stored (the rate limit counts there, so a repeat is never counted); it may raise to refuse.

    :raise ConsultationClosed: NOW is outside the period and TOKEN was never recorded.
    """
    code = receipts.receipt_code(token, secret)
    existing = find_by_token(session, token)
    if existing is not None:
        return Receipt(existing, code, repeated=True)
    if not consultation.is_open(now):
        raise ConsultationClosed(consultation.slug)
    if admit is not None:
        admit()
    measure = consultation.measure(draft.node_id) if draft.node_id else None
    # Core statements built once, not a unit-of-work flush: at the closing-day peak this runs
    # for every comment in the writer, and the flush cost three times as much. The counter is
    # read back from the row (UPDATE … RETURNING), never from the possibly older object.
    receipt_no = session.execute(_NEXT_RECEIPT_NO, {"cid": consultation.id}).scalar_one()
    if isinstance(consultation, Consultation):
        session.expire(consultation, ["last_receipt_no"])  # the object's counter is now old
    comment_id = session.execute(_INSERT_COMMENT, {
        "consultation_id": consultation.id, "receipt_no": receipt_no,
        "receipt_code_sha256": receipts.code_hash(code), "token_sha256": receipts.sha256_hex(token),
        "revision_id": consultation.revision_id,
        "node_id": measure.node_id if measure else None,
        "concept_id": measure.concept_id if measure else None,
        "measure_text_sha256": measure.text_sha256 if measure else None,
        "body": draft.body, "lang": lang, "residence": draft.residence or None,
        "age_group": draft.age_group or None, "relation": draft.relation or None,
        "channel": "web", "status": "received", "received_at": now,
    }).scalar_one()
    if draft.name or draft.contact:
        session.execute(insert(CommentIdentity.__table__), {
            "comment_id": comment_id, "name": draft.name or None, "contact": draft.contact or None})
    return Receipt(RecordedComment(comment_id, receipt_no, now, measure.node_id if measure else None,
                                   draft.body), code, repeated=False)


_comments, _consultations = Comment.__table__, Consultation.__table__
#: The receipt facts of the comment recorded with a submission token (hash), if any.
_RECORDED_BY_TOKEN = select(_comments.c.id, _comments.c.receipt_no, _comments.c.received_at,
                            _comments.c.node_id, _comments.c.body).where(
    _comments.c.token_sha256 == bindparam("token"))
#: Take the next 受付番号 of a consultation.
_NEXT_RECEIPT_NO = (update(_consultations).where(_consultations.c.id == bindparam("cid"))
                    .values(last_receipt_no=_consultations.c.last_receipt_no + 1)
                    .returning(_consultations.c.last_receipt_no))
_INSERT_COMMENT = insert(_comments).returning(_comments.c.id)


def find_comment(session: Session, consultation: Consultation, receipt_no: int,
                 code: str) -> Comment | None:
    """Return the comment with this 受付番号 and receipt code in CONSULTATION, or None."""
    return session.scalar(select(Comment).where(
        Comment.consultation_id == consultation.id, Comment.receipt_no == receipt_no,
        Comment.receipt_code_sha256 == receipts.code_hash(code)))


def count_comments(session: Session, consultation: Consultation) -> int:
    """Number of comments received (a figure the consultation page may show)."""
    from sqlalchemy import func

    return session.scalar(select(func.count(Comment.id)).where(
        Comment.consultation_id == consultation.id)) or 0
