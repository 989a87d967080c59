"""Turning public events into queued mails, once: each event is recorded as seen in the same
transaction that queues its mails, and the outbox's unique key (address, kind, event) refuses
a second mail for the same address and event. The first scan of an installation only records
what exists (nobody is mailed the portal's whole history)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from portal.notify.models import Outbox, SeenEvent, Subscription
from portal.updates import events as ev


def matches(sub: Subscription, event: ev.Event) -> bool:
    """True when the subscription SUB follows something EVENT is about."""
    if sub.target == "site":
        return True
    if sub.target == "plan":
        return bool(ev.for_plan([event], sub.target_key))
    if sub.target == "concept":
        return bool(ev.for_concept([event], sub.plan_id or "", sub.target_key))
    return bool(ev.for_consultation([event], sub.target_key))


def scan(session: Session, found: list[ev.Event], now: datetime) -> int:
    """Queue one mail per confirmed address for each event of FOUND not seen yet; return how many.
    Flushes only: the caller commits the seen events and the mails together."""
    seen = set(session.scalars(select(SeenEvent.event_key)))
    new = [e for e in found if e.key not in seen]
    if not new:
        return 0
    session.execute(insert(SeenEvent), [{"event_key": e.key, "seen_at": now} for e in new])
    if not seen:
        return 0
    subs = list(session.scalars(select(Subscription).where(Subscription.confirmed_at.is_not(None))
                                .order_by(Subscription.id)))
    rows = []
    for event in new:
        mailed: set[int] = set()
        for sub in subs:
            if sub.address_id not in mailed and matches(sub, event):
                mailed.add(sub.address_id)
                rows.append({"address_id": sub.address_id, "subscription_id": sub.id, "kind": "event",
                             "event_key": event.key, "status": "pending", "attempts": 0,
                             "next_attempt_at": now, "created_at": now})
    for start in range(0, len(rows), 5000):
        session.execute(insert(Outbox), rows[start:start + 5000])
    session.flush()
    return len(rows)
