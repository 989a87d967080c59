"""Approve a draft (figures, or a document's URL) from an entry point: commit the publication,
then refresh search, audit both.

Shared by the staff page and `portal data approve`. Only the package's search documents that
changed are re-indexed (portal.publishing.reindex). The publication is recorded with its files
in the database, for the other app hosts (portal.publishing.replica) and for followers: a
callable in app.extensions["publishing_hooks"] is called with the Published after the commit.
Cached pages need no purge: the page cache (portal.cache) is emptied when
catalog.services.data_stamp changes, which the new release does; this process re-reads the
stamp at once (expire_pages), other processes within a second.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

from portal import clock
from portal.cache import expire_pages
from portal.catalog import releases
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.publishing import document_urls, reindex, release, replica
from portal.publishing.models import DocumentUrlDraft, Draft, Publication
from portal.publishing.packages import PublishingError, package_folder, read_plan_package
from portal.publishing.services import get_draft
from portal.staff import audit
from portal.staff.models import StaffUser


def destinations(app: Flask) -> release.Destinations:
    """Where this app publishes (configuration)."""
    cfg = app.config
    return release.Destinations(cfg["DATASETS_DIR"], cfg["RELEASES_DIR"], cfg["PUBLIC_BASE_URL"])


#: Approves a draft: (session, draft, actor=, now=, to=, comment=) → the published version.
Approver = Callable[..., release.Published]


def approve_and_refresh(
    app: Flask, draft_id: int, *, username: str, comment: str, actor_of: Callable[[Session, str], StaffUser]
) -> release.Published:
    """Approve figures draft DRAFT_ID as USERNAME, commit, update the search index, audit the refresh."""
    def names(draft: Draft) -> tuple[str, str]:
        return _names(app, draft.package_name)

    return _approve(app, draft_id, get_draft, names, release.approve, username=username, comment=comment,
                    actor_of=actor_of)


def approve_url_and_refresh(
    app: Flask, draft_id: int, *, username: str, comment: str, actor_of: Callable[[Session, str], StaffUser]
) -> release.Published:
    """Approve document-URL proposal DRAFT_ID as USERNAME: the registry's next version, as for figures."""
    def names(_draft: DocumentUrlDraft) -> tuple[str, str]:
        return document_urls.PACKAGE, document_urls.PACKAGE  # the registry: its dataset, no plan

    return _approve(app, draft_id, document_urls.get, names, document_urls.approve, username=username,
                    comment=comment, actor_of=actor_of)


def _approve(app: Flask, draft_id: int, find: Callable[[Session, int], Any],
             names: Callable[[Any], tuple[str, str]], approve: Approver, *, username: str, comment: str,
             actor_of: Callable[[Session, str], StaffUser]) -> release.Published:
    """Find the draft, approve it, record the publication, commit; then search, cache, audit, hooks."""
    session = get_session()
    session.rollback()  # a write transaction must begin before any read (see db.begin_write)
    begin_write(session)
    actor = actor_of(session, username)
    draft = find(session, draft_id)
    if draft is None:
        raise PublishingError(_("There is no draft %(id)s.", id=draft_id))
    name, plan_id = names(draft)
    before = reindex.documents(app, session, name, plan_id)
    published = approve(session, draft, actor=actor, now=clock.now(), to=destinations(app), comment=comment)
    changes = reindex.compare(before, reindex.documents(app, session, name, plan_id))
    publication = _record(app, session, draft, published, changes)
    session.commit()
    expire_pages(app)  # the approver's next page shows the release, not a page cached before it
    indexed = reindex.apply(changes)
    if [p.id for p in replica.pending(session, app.config["SEARCH_INDEX_DIR"])] == [publication.id]:
        replica.mark_applied(app.config["SEARCH_INDEX_DIR"], publication.id)
    session.rollback()
    _audit_refresh(session, username, published, indexed)
    for hook in app.extensions.get("publishing_hooks", []):
        hook(published)
    return published


def _names(app: Flask, package: str) -> tuple[str, str]:
    """The dataset name and the plan id of plan package PACKAGE."""
    pkg = read_plan_package(app.config["DATASETS_DIR"], package)
    return pkg.name, (pkg.descriptor.get("portal") or {}).get("plan_id", pkg.name)


def _record(app: Flask, session: Session, draft: Draft | DocumentUrlDraft, published: release.Published,
            changes: reindex.SearchChanges) -> Publication:
    """The publication's row and its files in the database (what other app hosts catch up with)."""
    is_url = isinstance(draft, DocumentUrlDraft)
    publication = Publication(
        package_name=published.name, version=published.version, bump="patch" if is_url else draft.bump,
        draft_id=draft.id, kind="document_url" if is_url else "figures", published_by=draft.decided_by,
        published_at=draft.decided_at, search_changes=changes.as_record())
    session.add(publication)
    session.flush()
    to = destinations(app)
    folder = releases.release_dir(to.releases_dir, published.name, published.version)
    name = published.name
    package = Path(to.datasets_dir) / name if is_url else package_folder(to.datasets_dir, name)
    replica.store_files(session, publication, folder, package)
    return publication


def _audit_refresh(session: Session, username: str, published: release.Published,
                   indexed: dict[str, int]) -> None:
    """Audit what the refresh did: the documents re-indexed and the page cache's new stamp."""
    from portal.catalog.services import data_stamp

    begin_write(session)
    audit.record(
        session,
        actor=username,
        action="publishing.refresh",
        target=f"dataset:{published.name}",
        after={
            "version": published.version,
            "search_index": indexed,
            "page_cache_stamp": [str(v) for v in data_stamp(session)],
        },
        now=clock.now(),
    )
    session.commit()
