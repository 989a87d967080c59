"""The demonstration consultation `portal build` adds when DEMO_MODE is on (never in production)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal.consult import services
from portal.consult.models import Consultation
from portal.japantime import to_utc
from portal.plan.models import Revision
from portal.review import opening

#: The 素案 of the health and welfare plan: its crosswalk to the later text shows where 施策 went.
DEMO_REVISION = "hoken-fukushi-plan:r2023-04-26"


def ensure_demo(session: Session, *, now: datetime) -> Consultation | None:
    """Create the demo consultation, or move its period to 30 days from NOW; None without the plan."""
    if session.get(Revision, DEMO_REVISION) is None:
        return None
    spec = opening.demo_spec(now, DEMO_REVISION)
    existing = services.get_consultation(session, spec.slug)
    if existing is None:
        return opening.open_consultation(session, spec, min_days=30, now=now)
    existing.opens_at = to_utc(spec.opens_local)
    existing.closes_at = to_utc(spec.closes_local)
    session.flush()
    return existing


def build_demo(now: datetime | None = None) -> Consultation | None:
    """Add or refresh the demo consultation in its own write transaction (called by `portal build`)."""
    from portal import clock
    from portal.db import begin_write, get_session

    session = get_session()
    session.rollback()
    begin_write(session)
    demo = ensure_demo(session, now=now or clock.now())
    session.commit()
    return demo
