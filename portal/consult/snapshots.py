"""Read-only snapshots of consultations and 地区 choices, kept per process for the public pages.

Every public consultation page needs the consultation, its 施策 in scope and the 28 地区; read
through the ORM that was three to four queries per page, a third of a comment's cost at the
closing-day peak. The snapshots are plain frozen objects, shared safely by request threads:

- a consultation snapshot lives at most TTL_SECONDS; a change made in this process (staff
  editing a period, publishing results, a rebuild of the demo) drops the cache at its commit,
  so another process shows it within TTL_SECONDS. Only display reads use snapshots: the comment
  writer reads the consultation afresh inside its write transaction, so the period rule is
  always enforced on current data;
- the 地区 choices change only with a dataset release, so they share the page cache's data stamp.

The receipt counter (`last_receipt_no`) is left out: it changes with every comment and only the
writer reads it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime

from flask import Flask, current_app
from sqlalchemy import bindparam, event, inspect, select
from sqlalchemy.orm import Session

from portal.cache import Cache, cached_value
from portal.consult import services
from portal.consult.models import Consultation, ConsultationMeasure

#: Seconds a consultation snapshot is trusted before it is read again.
TTL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class MeasureSnapshot:
    """A 施策 in scope, as shown to residents."""

    position: int
    node_id: str
    concept_id: str
    code: str
    name_ja: str
    name_en: str
    text_ja: str
    text_sha256: str
    source_document: str | None
    source_line: int | None


@dataclass(frozen=True, slots=True)
class ConsultationSnapshot:
    """The public face of a consultation: texts, period, status rule and 施策 in scope."""

    id: int
    slug: str
    plan_id: str
    revision_id: str
    scope_kind: str
    title_ja: str
    title_en: str
    description_ja: str
    description_en: str
    channels_ja: str
    channels_en: str
    opens_at: datetime
    closes_at: datetime
    short_period_reason_ja: str | None
    short_period_reason_en: str | None
    results_published_at: datetime | None
    is_demo: bool
    created_at: datetime
    measures: tuple[MeasureSnapshot, ...]

    # The period and status rules are the model's own, applied to this snapshot's fields.
    accepts_until = Consultation.accepts_until
    is_open = Consultation.is_open
    status = Consultation.status
    measure = Consultation.measure


_MEASURE_FIELDS = tuple(f.name for f in fields(MeasureSnapshot))
_FIELDS = tuple(f.name for f in fields(ConsultationSnapshot) if f.name != "measures")


def snapshot(c: Consultation) -> ConsultationSnapshot:
    """Copy C and its 施策 into a snapshot."""
    measures = tuple(MeasureSnapshot(**{n: getattr(m, n) for n in _MEASURE_FIELDS})
                     for m in c.measures)
    return ConsultationSnapshot(**{n: getattr(c, n) for n in _FIELDS}, measures=measures)


_table = Consultation.__table__
#: A consultation's period, read by the writer in its transaction (built once: it runs per batch).
_PERIOD = select(_table.c.opens_at, _table.c.closes_at).where(_table.c.slug == bindparam("slug"))


@dataclass(frozen=True, slots=True)
class ChikuChoice:
    """A 地区 offered as the place of residence."""

    chiku_id: str
    name: str


class SnapshotCache:
    """One app's consultation snapshots by slug, each trusted for TTL_SECONDS (portal.cache)."""

    def __init__(self, timer: Callable[[], float] = time.monotonic) -> None:
        # A bound: slugs typed into URLs must not grow it without limit.
        self.items = Cache(1000, ttl=TTL_SECONDS, timer=timer)

    def get(self, session: Session, slug: str) -> ConsultationSnapshot | None:
        """The snapshot of SLUG (None when there is no such consultation), read at most TTL ago."""
        def read() -> ConsultationSnapshot | None:
            found = services.get_consultation(session, slug)
            return snapshot(found) if found is not None else None

        return self.items.get_or_set(slug, read)

    def clear(self) -> None:
        """Forget every snapshot (a consultation changed in this process)."""
        self.items.clear()


def consultation(session: Session, slug: str) -> ConsultationSnapshot | None:
    """The consultation SLUG for display, or None."""
    return current_app.extensions["consult_snapshots"].get(session, slug)


def for_writing(session: Session, slug: str) -> ConsultationSnapshot | None:
    """SLUG's snapshot with its period read afresh in SESSION's (write) transaction.

    What the comment writer needs: the period, current, for the period rule; the id, revision
    and 施策 in scope, which never change once a consultation exists (only its period and texts
    may be edited, and only before it opens).
    """
    row = session.execute(_PERIOD, {"slug": slug}).first()
    if row is None:
        return None
    held = current_app.extensions["consult_snapshots"].get(session, slug)
    if held is None:  # created after the cached miss: read it now
        current_app.extensions["consult_snapshots"].clear()
        held = current_app.extensions["consult_snapshots"].get(session, slug)
    return replace(held, opens_at=row.opens_at, closes_at=row.closes_at)


def chiku_choices(session: Session) -> tuple[ChikuChoice, ...]:
    """The 地区 in id order (cached until the next dataset release)."""
    return cached_value(session, ("consult-chiku",), lambda: tuple(
        ChikuChoice(k.chiku_id, k.name) for k in services.list_chiku(session)))


def chiku_ids(session: Session) -> set[str]:
    """Ids of the known 地区."""
    return {k.chiku_id for k in chiku_choices(session)}


def _changes_public_face(session: Session) -> bool:
    """True when SESSION's flush adds, deletes or edits a consultation beyond its receipt counter."""
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Consultation | ConsultationMeasure):
            return True
    for obj in session.dirty:
        if isinstance(obj, ConsultationMeasure):
            return True
        if isinstance(obj, Consultation):
            state = inspect(obj)
            if any(attr.history.has_changes() for attr in state.attrs
                   if attr.key not in ("last_receipt_no", "measures")):
                return True
    return False


def init_app(app: Flask) -> None:
    """Give APP its snapshot cache, dropped whenever a commit of APP changed a consultation."""
    cache = app.extensions["consult_snapshots"] = SnapshotCache()
    factory = app.extensions["db_sessionmaker"]

    def before_flush(session: Session, _context, _instances) -> None:
        if _changes_public_face(session):
            session.info["consultation_changed"] = True

    def after_commit(session: Session) -> None:
        if session.info.pop("consultation_changed", False):
            cache.clear()

    event.listen(factory, "before_flush", before_flush)
    event.listen(factory, "after_commit", after_commit)
