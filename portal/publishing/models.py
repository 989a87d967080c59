"""The publishing table: a draft is an upload that passed every check, waiting for 決裁."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base

#: A draft's life: waiting for approval, sent back with a comment, or approved and published.
DRAFT, SENT_BACK, APPROVED = "draft", "sent_back", "approved"


class Draft(Base):
    """A private draft of a package's next version, made from one upload (its 原本)."""

    __tablename__ = "publishing_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_name: Mapped[str] = mapped_column(String(100), index=True)
    #: The published version the upload was checked against (approval refuses a stale draft).
    base_version: Mapped[str] = mapped_column(String(40))
    #: "minor" for new figures, "patch" for a correction.
    bump: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    #: File name as uploaded (shown to staff only).
    filename: Mapped[str] = mapped_column(Text)
    #: The 原本 as uploaded, byte for byte, and its sha256 (kept in the database, so any host can publish it).
    original: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    #: The source document named on the source sheet (title_ja, title_en, publisher, published, url, page).
    source: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Source fields given on the form or command line (they override the source sheet).
    source_given: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The preview against base_version: added, changed, removed, targets, statuses, per_measure.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Why a correction was needed (patch versions only).
    note: Mapped[str] = mapped_column(Text, default="")
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
    #: The approver's or sender-back's comment.
    comment: Mapped[str] = mapped_column(Text, default="")
    published_version: Mapped[str | None] = mapped_column(String(40))
