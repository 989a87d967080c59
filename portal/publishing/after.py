"""Approve a draft from an entry point: commit the publication, then refresh search, audit both.

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

from flask import Flask
from sqlalchemy.orm import Session

from portal import clock
from portal.cache import expire_pages
from portal.catalog import releases
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.publishing import reindex, release, replica
from portal.publishing.models import Publication
from portal.publishing.packages import PublishingError, package_folder, read_plan_package
from portal.publishing.services import get_draft
from portal.staff import audit
from portal.staff.models import StaffUser


def destinations(app: Flask) -> release.Destinations:
    """Where this app publishes (configuration)."""
    cfg = app.config
    return release.Destinations(cfg["DATASETS_DIR"], cfg["RELEASES_DIR"], cfg["PUBLIC_BASE_URL"])


def approve_and_refresh(
    app: Flask, draft_id: int, *, username: str, comment: str, actor_of: Callable[[Session, str], StaffUser]
) -> release.Published:
    """Approve DRAFT_ID as USERNAME, commit, update the search index and audit the refresh."""
    session = get_session()
    session.rollback()  # a write transaction must begin before any read (see db.begin_write)
    begin_write(session)
    actor = actor_of(session, username)
    draft = get_draft(session, draft_id)
    if draft is None:
        raise PublishingError(_("There is no draft %(id)s.", id=draft_id))
    name, plan_id = _names(app, draft.package_name)
    before = reindex.documents(app, session, name, plan_id)
    published = release.approve(
        session, draft, actor=actor, now=clock.now(), to=destinations(app), comment=comment
    )
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


def _record(app: Flask, session: Session, draft, published: release.Published,
            changes: reindex.SearchChanges) -> Publication:
    """The publication's row and its files in the database (what other app hosts catch up with)."""
    publication = Publication(
        package_name=published.name, version=published.version, bump=draft.bump, draft_id=draft.id,
        published_by=draft.decided_by, published_at=draft.decided_at, search_changes=changes.as_record())
    session.add(publication)
    session.flush()
    to = destinations(app)
    folder = releases.release_dir(to.releases_dir, published.name, published.version)
    replica.store_files(session, publication, folder, package_folder(to.datasets_dir, published.name))
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
