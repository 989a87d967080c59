"""Consultation use cases: open one, read them, record a comment idempotently, find a comment.

Services flush and never commit; the caller opens the write transaction (portal.db.begin_write)
before calling submit_comment, so the 受付番号 counter and the idempotency check run under the
same lock as the insert.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from portal.areas.models import Chiku
from portal.consult import receipts
from portal.consult.forms import CommentDraft
from portal.consult.models import Comment, CommentIdentity, Consultation, ConsultationMeasure
from portal.japantime import to_jst, to_utc
from portal.plan.models import Node, Revision

if TYPE_CHECKING:
    from portal.consult.snapshots import ConsultationSnapshot

class ConsultError(Exception):
    """A consultation rule was broken; the message is for staff (CLI) or mapped by the view."""


class ConsultationClosed(ConsultError):
    """A comment arrived outside the consultation period."""


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


def period_days(opens_at: datetime, closes_at: datetime) -> int:
    """Days of the period counted inclusively in JST (公示日 is day 1), as 行政手続法39条3項 counts."""
    return (to_jst(closes_at).date() - to_jst(opens_at).date()).days + 1


def measure_text(node: Node) -> str:
    """The Japanese text of a 施策 shown to residents: code, name and description."""
    return "\n".join(p for p in (node.code or "", node.name_ja,
                                 node.vision_ja or node.direction_ja or "") if p)


def _snapshot(node: Node, position: int) -> ConsultationMeasure:
    """Copy a 施策 node into a scope row with the hash of its shown text."""
    return ConsultationMeasure(
        position=position, node_id=node.node_id, concept_id=node.concept_id, code=node.code or "",
        name_ja=node.name_ja, name_en=node.name_en or "",
        text_ja=node.vision_ja or node.direction_ja or "",
        text_sha256=receipts.sha256_hex(measure_text(node)),
        source_document=node.source_document, source_line=node.source_line,
    )


def _scope_nodes(session: Session, revision_id: str, node_ids: list[str] | None) -> list[Node]:
    """Return the 施策 nodes in scope: all of the revision's, or the chosen ones (checked)."""
    measures = list(session.scalars(
        select(Node).where(Node.revision_id == revision_id, Node.level == "measure")
        .order_by(Node.node_id)))
    measures.sort(key=lambda n: _tree_order(n))
    if not node_ids:
        return measures
    by_id = {n.node_id: n for n in measures}
    unknown = [i for i in node_ids if i not in by_id]
    if unknown:
        raise ConsultError(f"not a 施策 of {revision_id}: {', '.join(unknown)}")
    return [by_id[i] for i in node_ids]


def _tree_order(node: Node) -> tuple[int, ...]:
    """Sort key following the printed order (positions from the root down)."""
    path: list[int] = []
    current: Node | None = node
    while current is not None and len(path) < 20:
        path.insert(0, current.position)
        current = current.parent
    return tuple(path)


@dataclass
class ConsultationSpec:
    """Everything staff give to open a consultation (times are naive Asia/Tokyo)."""

    slug: str
    revision_id: str
    opens_local: datetime
    closes_local: datetime
    title_ja: str
    title_en: str = ""
    description_ja: str = ""
    description_en: str = ""
    channels_ja: str = ""
    channels_en: str = ""
    node_ids: list[str] | None = None
    short_period_reason_ja: str | None = None
    short_period_reason_en: str | None = None
    is_demo: bool = False


def open_consultation(session: Session, spec: ConsultationSpec, *, min_days: int,
                      now: datetime) -> Consultation:
    """Create a consultation on a revision; refuse a short period without a recorded reason."""
    revision = session.get(Revision, spec.revision_id)
    if revision is None:
        raise ConsultError(f"unknown revision {spec.revision_id}")
    if session.scalar(select(Consultation.id).where(Consultation.slug == spec.slug)):
        raise ConsultError(f"a consultation called {spec.slug} exists already")
    opens_at, closes_at = to_utc(spec.opens_local), to_utc(spec.closes_local)
    if closes_at <= opens_at:
        raise ConsultError("the period must close after it opens")
    days = period_days(opens_at, closes_at)
    if days < min_days and not (spec.short_period_reason_ja or "").strip():
        raise ConsultError(f"the period is {days} days, shorter than the minimum of {min_days}: "
                           "give the reason (--short-reason-ja)")
    nodes = _scope_nodes(session, spec.revision_id, spec.node_ids)
    consultation = Consultation(
        slug=spec.slug, plan_id=revision.plan_id, revision_id=revision.revision_id,
        scope_kind="measures" if spec.node_ids else "revision",
        title_ja=spec.title_ja, title_en=spec.title_en, description_ja=spec.description_ja,
        description_en=spec.description_en, channels_ja=spec.channels_ja,
        channels_en=spec.channels_en, opens_at=opens_at, closes_at=closes_at,
        short_period_reason_ja=spec.short_period_reason_ja,
        short_period_reason_en=spec.short_period_reason_en, is_demo=spec.is_demo,
        last_receipt_no=0, created_at=now,
        measures=[_snapshot(n, i) for i, n in enumerate(nodes, start=1)],
    )
    session.add(consultation)
    session.flush()
    return consultation


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


def find_by_token(session: Session, token: str) -> RecordedComment | None:
    """Return the receipt facts of the comment already recorded for submission TOKEN, if any."""
    row = session.execute(_RECORDED_BY_TOKEN, {"token": receipts.sha256_hex(token)}).first()
    return RecordedComment(*row) if row is not None else None


def submit_comment(session: Session, consultation: Consultation | ConsultationSnapshot,
                   draft: CommentDraft, *,
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


def local_period(consultation: Consultation) -> tuple[datetime, datetime]:
    """Opening time and stated closing minute in Asia/Tokyo."""
    return to_jst(consultation.opens_at), to_jst(consultation.closes_at)


def parse_local(value: str, *, end_of_day: bool = False) -> datetime:
    """Read 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' (Asia/Tokyo); a bare closing date means 23:59."""
    value = value.strip().replace("T", " ")
    if len(value) == 10:
        day = date.fromisoformat(value)
        return datetime.combine(day, time(23, 59) if end_of_day else time(0, 0))
    return datetime.strptime(value, "%Y-%m-%d %H:%M")


def demo_spec(now: datetime, revision_id: str) -> ConsultationSpec:
    """The demonstration consultation: open from NOW for 30 days, closing 23:59 JST."""
    start = to_jst(now).replace(tzinfo=None, second=0, microsecond=0)
    end = datetime.combine(start.date() + timedelta(days=29), time(23, 59))
    return ConsultationSpec(
        slug="demo", revision_id=revision_id, opens_local=start, closes_local=end,
        title_ja="【デモ】地域保健医療福祉総合計画 素案（審議会資料）への意見募集",
        title_en="[Demo] Comments on the draft community health and welfare plan",
        description_ja=("これはポータルの操作を試すためのデモです。世田谷区の意見募集ではありません。"
                        "送信された意見は区に届かず、区の検討には使われません。"),
        description_en=("This is a demonstration for trying the portal. It is not a Setagaya "
                        "City consultation: comments sent here do not reach the ward."),
        channels_ja="このデモではウェブフォームのみ", channels_en="Web form only in this demonstration",
        is_demo=True,
    )


def as_json(value: object) -> str:
    """Serialise a small value for a hidden form field."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
