"""Consultation tables: a consultation, its 施策 in scope, comments, and the separate identity table.

Revision and node ids are stored as plain strings, not foreign keys: `portal build` replaces a
plan's rows when its package changes, and a comment must outlive any reload of the plan data.
The 施策 text is snapshotted into `consultation_measure` when the consultation opens, so what a
resident saw (and its hash) never changes under them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base

#: Statuses in the order a consultation goes through them (予定 / 募集中 / 締切（集計中） / 結果公表).
STATUSES = ("scheduled", "open", "closed", "results")


class Consultation(Base):
    """A public-comment period on one plan revision, with its texts, channels and period."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Public identifier used in URLs.
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    plan_id: Mapped[str] = mapped_column(String(100))
    revision_id: Mapped[str] = mapped_column(String(150), index=True)
    #: "revision" (every 施策 of the revision) or "measures" (the chosen ones).
    scope_kind: Mapped[str] = mapped_column(String(20))
    title_ja: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    description_ja: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    #: How else to submit (mail, FAX, counter), as published; one channel per line.
    channels_ja: Mapped[str] = mapped_column(Text, default="")
    channels_en: Mapped[str] = mapped_column(Text, default="")
    #: First instant comments are accepted (UTC, naive).
    opens_at: Mapped[datetime]
    #: The stated closing minute (UTC, naive); 必着: accepted until the end of that minute.
    closes_at: Mapped[datetime]
    #: Reason for a period shorter than the configured minimum (行政手続法40条 by analogy).
    short_period_reason_ja: Mapped[str | None] = mapped_column(Text)
    short_period_reason_en: Mapped[str | None] = mapped_column(Text)
    #: When the results were published (set by the staff side); None until then.
    results_published_at: Mapped[datetime | None]
    #: A demonstration consultation (labelled as such on every page), never a ward one.
    is_demo: Mapped[bool] = mapped_column(default=False)
    #: Last 受付番号 issued; the next comment gets this + 1.
    last_receipt_no: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]

    measures: Mapped[list[ConsultationMeasure]] = relationship(
        back_populates="consultation", order_by="ConsultationMeasure.position",
        cascade="all, delete-orphan",
    )

    @property
    def accepts_until(self) -> datetime:
        """First instant no longer accepted: the end of the stated closing minute."""
        return self.closes_at.replace(second=0, microsecond=0) + timedelta(minutes=1)

    def is_open(self, now: datetime) -> bool:
        """True when a comment received at NOW (UTC, naive) is inside the period."""
        return self.opens_at <= now < self.accepts_until

    def status(self, now: datetime) -> str:
        """Status derived from the clock: scheduled, open, closed or results."""
        if now < self.opens_at:
            return "scheduled"
        if now < self.accepts_until:
            return "open"
        if self.results_published_at is not None and self.results_published_at <= now:
            return "results"
        return "closed"

    def measure(self, node_id: str) -> ConsultationMeasure | None:
        """Return the 施策 in scope with NODE_ID, if it is in scope."""
        return next((m for m in self.measures if m.node_id == node_id), None)


class ConsultationMeasure(Base):
    """A 施策 in a consultation's scope, with the text shown to residents and its hash."""

    __tablename__ = "consultation_measure"
    __table_args__ = (UniqueConstraint("consultation_id", "node_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"),
                                                 index=True)
    position: Mapped[int]
    node_id: Mapped[str] = mapped_column(String(200))
    #: Stable identity of the 施策 across revisions.
    concept_id: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40), default="")
    name_ja: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    #: The 施策's description as printed (めざす姿 or 方向性), Japanese.
    text_ja: Mapped[str] = mapped_column(Text, default="")
    #: sha256 of the Japanese text shown (code, name, description), see services.measure_text.
    text_sha256: Mapped[str] = mapped_column(String(64))
    source_document: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None]

    consultation: Mapped[Consultation] = relationship(back_populates="measures")


class Comment(Base):
    """One comment as received: its revision, 施策 concept and text hash, and receipt hashes."""

    __tablename__ = "comment"
    __table_args__ = (UniqueConstraint("consultation_id", "receipt_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    #: 受付番号: sequential per consultation, from 1.
    receipt_no: Mapped[int]
    #: sha256 of the receipt code the resident keeps (the code itself is never stored).
    receipt_code_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: sha256 of the submission token issued with the confirmation screen (idempotency key).
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    revision_id: Mapped[str] = mapped_column(String(150))
    #: The 施策 commented on (None for a general comment on the consultation).
    node_id: Mapped[str | None] = mapped_column(String(200))
    concept_id: Mapped[str | None] = mapped_column(String(200), index=True)
    measure_text_sha256: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    #: Language of the form the comment was written in (URL code).
    lang: Mapped[str] = mapped_column(String(10))
    #: 地区 id (01–28), "outside" (区外) or None.
    residence: Mapped[str | None] = mapped_column(String(10))
    age_group: Mapped[str | None] = mapped_column(String(20))
    #: resident / worker / student / other (在住・在勤・在学・その他) or None.
    relation: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20), default="web")
    status: Mapped[str] = mapped_column(String(20), default="received")
    #: Server receipt time (UTC, naive): the only time the period rule looks at.
    received_at: Mapped[datetime]


class CommentIdentity(Base):
    """Name and contact of a commenter: never read by any public page, export, search or API."""

    __tablename__ = "comment_identity"

    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"),
                                            primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(Text)


class RateLimitCounter(Base):
    """A fixed-window rate-limit counter shared by every worker process (limits storage)."""

    __tablename__ = "rate_limit_counter"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    #: Unix time at which the window ends and the count restarts.
    expires_at: Mapped[float] = mapped_column(Float)
