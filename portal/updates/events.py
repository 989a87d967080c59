"""Public events, derived from what the portal already holds: dataset releases, plan revisions and
consultations. Nothing has to emit them: `portal build` and the ward's data-publishing flow both
record a release in the catalogue (catalog.services.import_package), so both produce a "new data
version" event (a "correction" when the changelog entry says so) without a call of their own.

Every event has a stable key (`data/<name>/<version>`, `revision/<id>`, `consultation/<slug>/<what>`)
and a stable public id, urn:uuid:uuid5(key); an event becomes public at its time, by the clock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.catalog.models import Dataset
from portal.consult.models import Consultation
from portal.japantime import to_utc
from portal.plan.models import Node, Plan, Revision

#: Namespace of the events' public ids (urn:uuid:uuid5(NAMESPACE, key)); never change it.
NAMESPACE = uuid.UUID("6f1e4b1c-3d7a-5b59-9c59-2b8f0d6a1c16")
#: Kinds of events, in the order the updates page explains them.
KINDS = ("data_version", "correction", "revision", "consultation_opened", "consultation_closing",
         "consultation_closed", "result_published")
#: How long before the close the "closing within 7 days" event appears.
CLOSING_SOON = timedelta(days=7)


@dataclass(frozen=True)
class Event:
    """One public event: what happened, when (UTC, naive), to which plan, 施策 and consultation."""

    key: str
    kind: str
    at: datetime
    title: dict[str, str]
    plan_id: str | None = None
    #: Concept ids of the 施策 it concerns (every 施策 of a revision, the scope of a consultation).
    concepts: frozenset[str] = field(default_factory=frozenset)
    slug: str | None = None
    revision_id: str | None = None
    dataset: tuple[str, str] | None = None
    #: The changelog summary of a data version (note and counts), else {}.
    summary: dict = field(default_factory=dict)
    #: A consultation's stated closing minute (UTC, naive).
    deadline: datetime | None = None

    @property
    def id(self) -> str:
        """The stable public id (an Atom entry id and an iCalendar-safe identifier)."""
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, self.key)}"

    @property
    def anchor(self) -> str:
        """The HTML id of the event on the updates page."""
        return "e-" + str(uuid.uuid5(NAMESPACE, self.key))[:13]


def _changelog_entry(dataset: Dataset) -> dict:
    """The descriptor's changelog entry for this version (the publishing flow writes one), or {}."""
    notes = (dataset.descriptor.get("portal") or {}).get("changelog") or []
    return next((n for n in notes if n.get("version") == dataset.version), {})


def data_events(session: Session) -> list[Event]:
    """One event per loaded version of a plan, reference or rollout dataset."""
    plans = dict(session.execute(select(Plan.dataset_id, Plan.plan_id)).all())
    by_name: dict[str, str] = {}
    for ds_id, name in session.execute(select(Dataset.id, Dataset.name)):
        if ds_id in plans:
            by_name[name] = plans[ds_id]
    events = []
    for ds in session.scalars(select(Dataset).where(Dataset.kind != "consultation")):
        entry = _changelog_entry(ds)
        kind = "correction" if entry.get("kind") == "correction" else "data_version"
        summary = {"note": entry.get("note") or "", "what": entry.get("what") or {}}
        events.append(Event(f"data/{ds.name}/{ds.version}", kind, ds.loaded_at,
                            {"ja": ds.title_ja, "en": ds.title_en}, plan_id=by_name.get(ds.name),
                            dataset=(ds.name, ds.version), summary=summary))
    return events


def revision_events(session: Session) -> list[Event]:
    """One event per plan revision: at its publication date (JST midnight), else when its plan's
    package was first loaded (later versions of the package do not move it)."""
    names = dict(session.execute(select(Plan.plan_id, Dataset.name)
                                 .join(Dataset, Dataset.id == Plan.dataset_id)).all())
    first = dict(session.execute(select(Dataset.name, func.min(Dataset.loaded_at))
                                 .group_by(Dataset.name)).all())
    loaded = {plan_id: first.get(name) for plan_id, name in names.items()}
    concepts: dict[str, set[str]] = {}
    for revision_id, concept_id in session.execute(select(Node.revision_id, Node.concept_id)):
        concepts.setdefault(revision_id, set()).add(concept_id)
    events = []
    for r in session.scalars(select(Revision)):
        at = to_utc(datetime.combine(r.published, time(0))) if r.published else loaded.get(r.plan_id)
        if at is None:
            continue
        events.append(Event(f"revision/{r.revision_id}", "revision", at,
                            {"ja": r.label_ja, "en": r.label_en}, plan_id=r.plan_id,
                            concepts=frozenset(concepts.get(r.revision_id, ())),
                            revision_id=r.revision_id))
    return events


def consultation_events(session: Session) -> list[Event]:
    """Opened, closing within 7 days, closed and result published, for every consultation."""
    events = []
    for c in session.scalars(select(Consultation)):
        title = {"ja": c.title_ja, "en": c.title_en}
        scope = frozenset(m.concept_id for m in c.measures)
        moments = [("opened", c.opens_at), ("closing", max(c.opens_at, c.accepts_until - CLOSING_SOON)),
                   ("closed", c.accepts_until)]
        if c.results_published_at is not None:
            moments.append(("result", c.results_published_at))
        kinds = {"opened": "consultation_opened", "closing": "consultation_closing",
                 "closed": "consultation_closed", "result": "result_published"}
        events += [Event(f"consultation/{c.slug}/{what}", kinds[what], at, title, plan_id=c.plan_id,
                         concepts=scope, slug=c.slug, revision_id=c.revision_id,
                         deadline=c.closes_at)
                   for what, at in moments]
    return events


def public_events(session: Session, now: datetime) -> list[Event]:
    """Every event that has happened by NOW, newest first (ties: by key, so the order is stable)."""
    found = [e for e in (*data_events(session), *revision_events(session),
                         *consultation_events(session)) if e.at <= now]
    return sorted(found, key=lambda e: (e.at, e.key), reverse=True)


def for_plan(events: list[Event], plan_id: str) -> list[Event]:
    """The events of one plan."""
    return [e for e in events if e.plan_id == plan_id]


def for_concept(events: list[Event], plan_id: str, concept_id: str) -> list[Event]:
    """The events of one 施策 across revisions: revisions holding it, consultations covering it,
    and its plan's data versions (its figures are in them)."""
    return [e for e in events if concept_id in e.concepts
            or (e.plan_id == plan_id and e.kind in ("data_version", "correction"))]


def for_consultation(events: list[Event], slug: str) -> list[Event]:
    """The events of one consultation."""
    return [e for e in events if e.slug == slug]


def plan_name(session: Session, plan_id: str) -> dict[str, str] | None:
    """The name of plan PLAN_ID ({lang: text}), or None when no such plan is loaded."""
    plan = session.get(Plan, plan_id)
    return {"ja": plan.name_ja, "en": plan.name_en} if plan else None


def concept_plan(session: Session, concept_id: str) -> tuple[str, Node] | None:
    """The plan of a 施策 concept and its node in the newest revision holding it, or None."""
    row = session.execute(select(Revision.plan_id, Node).join(Revision, Revision.revision_id
                                                              == Node.revision_id)
                          .where(Node.concept_id == concept_id)
                          .order_by(Revision.position.desc()).limit(1)).first()
    return (row[0], row[1]) if row else None


def consultation(session: Session, slug: str) -> Consultation | None:
    """The consultation SLUG, or None."""
    return session.scalar(select(Consultation).where(Consultation.slug == slug))
