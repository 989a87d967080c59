"""Ward-side tables: the review of each comment, opinion groups with the ward's response, results.

The original comment (consult.models.Comment.body) is never changed by moderation: the text to
publish lives here, so personal information can be redacted while the original stays private.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base

#: Reasons a comment is left out of the groups (行政手続法43条3項 by analogy); each is published as a count.
EXCLUSIONS = ("spam", "duplicate", "off_topic")
#: Categories of the ward's response (反映 / 一部反映 / 既に記載 / 今後の参考 / その他).
CATEGORIES = ("reflected", "partly_reflected", "already_included", "for_reference", "other")
#: How a comment reached the ward.
CHANNELS = ("web", "paper", "fax", "counter", "email")


class CommentReview(Base):
    """Moderation and grouping of one comment: exclusion, personal-information redaction, group."""

    __tablename__ = "comment_review"

    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"),
                                            primary_key=True)
    #: One of EXCLUSIONS, or None when the comment counts.
    exclusion: Mapped[str | None] = mapped_column(String(20))
    #: Why it is excluded, in the staff member's words (published with the count, no personal data).
    exclusion_note: Mapped[str | None] = mapped_column(Text)
    #: The comment contains personal information: it must get a redacted text before publication.
    has_personal_info: Mapped[bool] = mapped_column(default=False)
    #: The text to publish when it differs from the original (redacted); None = the original as is.
    published_text: Mapped[str | None] = mapped_column(Text)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("opinion_group.id", ondelete="SET NULL"),
                                                 index=True)
    #: 受付番号 of the first comment of the same letter or person (paper entries split in parts).
    same_submitter_as: Mapped[int | None] = mapped_column(Integer)
    reviewed_by: Mapped[str] = mapped_column(String(64))
    reviewed_at: Mapped[datetime]


class OpinionGroup(Base):
    """Comments grouped per 施策 under one summary (意見の概要) with the ward's response (区の考え方)."""

    __tablename__ = "opinion_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    #: The 施策 node commented on, or None for general comments.
    node_id: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int]
    summary_ja: Mapped[str] = mapped_column(Text)
    response_ja: Mapped[str] = mapped_column(Text, default="")
    #: One of CATEGORIES, or None until the response is written.
    category: Mapped[str | None] = mapped_column(String(30))
    #: The later revision where the plan changed because of these comments (comparison page).
    change_revision_id: Mapped[str | None] = mapped_column(String(150))
    #: The 施策 node in that revision that carries the change.
    change_node_id: Mapped[str | None] = mapped_column(String(200))


class ConsultationResult(Base):
    """The published result of a consultation: when, by whom, the receipt digest, the package."""

    __tablename__ = "consultation_result"

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), primary_key=True)
    published_at: Mapped[datetime]
    published_by: Mapped[str] = mapped_column(String(64))
    #: sha256 over the sorted sha256(receipt code) of every comment, one per line.
    receipt_digest: Mapped[str] = mapped_column(String(64))
    receipt_count: Mapped[int]
    package_name: Mapped[str] = mapped_column(String(100))
    package_version: Mapped[str] = mapped_column(String(40))
