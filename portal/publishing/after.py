"""Approve a draft from an entry point: commit the publication, then refresh search, audit both.

Shared by the staff page and `portal data approve`. Cached pages need no purge: the page cache
(portal.cache) is emptied when catalog.services.data_stamp changes, which the new release does.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy.orm import Session

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.publishing import release
from portal.publishing.packages import PublishingError
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
    """Approve DRAFT_ID as USERNAME, commit, rebuild the search index and audit the refresh."""
    from portal.catalog.services import data_stamp
    from portal.search.rebuild import rebuild_index

    session = get_session()
    session.rollback()  # a write transaction must begin before any read (see db.begin_write)
    begin_write(session)
    actor = actor_of(session, username)
    draft = get_draft(session, draft_id)
    if draft is None:
        raise PublishingError(_("There is no draft %(id)s.", id=draft_id))
    published = release.approve(
        session, draft, actor=actor, now=clock.now(), to=destinations(app), comment=comment
    )
    session.commit()
    indexed = rebuild_index(app, force=True)
    session.rollback()
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
    return published
