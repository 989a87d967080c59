"""The publishing tables: drafts waiting for 決裁, and the publications every app host follows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
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


class Publication(Base):
    """One approved version: the event every app host (and a follower, e.g. notifications) reads.

    Ids only grow, so a host knows what it has applied by the last id it applied. The search
    changes are the document ids the publication added or changed (update) and removed (delete).
    """

    __tablename__ = "publishing_publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_name: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[str] = mapped_column(String(40))
    #: "minor" (new figures) or "patch" (a correction).
    bump: Mapped[str] = mapped_column(String(10))
    #: The draft or document-URL proposal published (see `kind`).
    draft_id: Mapped[int]
    #: "figures" (a Draft of observations) or "document_url" (a DocumentUrlDraft of the registry).
    kind: Mapped[str] = mapped_column(String(20), default="figures", server_default="figures")
    published_by: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime]
    #: {"update": ["kind:key", …], "delete": ["kind:key", …]}: what the search index must redo.
    search_changes: Mapped[dict[str, Any]] = mapped_column(JSON)


class StoredFile(Base):
    """A file of a published version kept in the database, so every app host can serve it.

    Each approval stores the release files (kind "release") and the package folder's files
    (kind "package"); a host that lacks a version on its disk writes it from here.
    """

    __tablename__ = "publishing_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publishing_publication.id"), index=True)
    #: "release" (RELEASES_DIR/<name>/<version>/) or "package" (DATASETS_DIR/<name>/).
    kind: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentUrlDraft(Base):
    """A proposed official URL of a registered ward document, waiting for a second person's 決裁.

    Approval publishes the next patch version of the documents registry (plan-documents) with the
    URL; until then nothing public changes.
    """

    __tablename__ = "publishing_document_url"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(String(100), index=True)
    #: The registry version the proposal was made against (approval refuses a stale proposal).
    base_version: Mapped[str] = mapped_column(String(40))
    #: The URL before (empty: none) and the URL proposed (empty: remove the URL).
    old_url: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text)
    #: Where the URL comes from (e.g. the ward's page listing the plan), public in the changelog.
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    published_version: Mapped[str | None] = mapped_column(String(40))
