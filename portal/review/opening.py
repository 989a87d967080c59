"""Open a consultation on a plan revision, and change its period and texts before it opens
(never after: residents rely on them). Shared by the staff pages, `portal consult open` and the
demonstration consultation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.consult import receipts
from portal.consult.models import Consultation, ConsultationMeasure
from portal.consult.services import ConsultError
from portal.i18n import _
from portal.japantime import to_jst, to_utc
from portal.plan.models import Node, Revision


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
        raise ConsultError(_("Not a 施策 of %(revision)s: %(ids)s.", revision=revision_id,
                             ids=", ".join(unknown)))
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


def checked_period(spec: ConsultationSpec, *, min_days: int) -> tuple[datetime, datetime]:
    """SPEC's period in naive UTC; refuse one that ends before it starts, or a period shorter
    than MIN_DAYS without a recorded reason (行政手続法39条3項: 30 days unless a reason is given)."""
    opens_at, closes_at = to_utc(spec.opens_local), to_utc(spec.closes_local)
    if closes_at <= opens_at:
        raise ConsultError(_("The period must close after it opens."))
    days = period_days(opens_at, closes_at)
    if days < min_days and not (spec.short_period_reason_ja or "").strip():
        raise ConsultError(_("The period is %(days)s days, shorter than the minimum of %(min)s "
                             "days: give the reason.", days=days, min=min_days))
    return opens_at, closes_at


def open_consultation(session: Session, spec: ConsultationSpec, *, min_days: int,
                      now: datetime) -> Consultation:
    """Create a consultation on a revision; refuse a short period without a recorded reason."""
    revision = session.get(Revision, spec.revision_id)
    if revision is None:
        raise ConsultError(_("There is no plan revision %(id)s.", id=spec.revision_id))
    if session.scalar(select(Consultation.id).where(Consultation.slug == spec.slug)):
        raise ConsultError(_("A consultation with the ID %(slug)s exists already.", slug=spec.slug))
    opens_at, closes_at = checked_period(spec, min_days=min_days)
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


#: Fields staff may change before opening (the revision and scope stay as opened).
TEXT_FIELDS = ("title_ja", "title_en", "description_ja", "description_en", "channels_ja",
               "channels_en", "short_period_reason_ja", "short_period_reason_en")


def snapshot(c: Consultation) -> dict[str, Any]:
    """The editable fields of C, for the audit log."""
    return {"opens_at": c.opens_at.isoformat(), "closes_at": c.closes_at.isoformat(),
            **{f: getattr(c, f) for f in TEXT_FIELDS}}


def edit_consultation(session: Session, c: Consultation, spec: ConsultationSpec, *,
                      min_days: int, now: datetime) -> None:
    """Change C's period and texts; refuse once it has opened, or a short period without reason."""
    if now >= c.opens_at:
        raise ConsultError(_("This consultation has opened: its period and texts can no longer "
                             "be changed."))
    opens_at, closes_at = checked_period(spec, min_days=min_days)
    if not spec.title_ja.strip():
        raise ConsultError(_("Give the title of the consultation."))
    c.opens_at, c.closes_at = opens_at, closes_at
    for name in TEXT_FIELDS:
        setattr(c, name, getattr(spec, name) or ("" if not name.startswith("short") else None))
    session.flush()
