"""The audit log: append an entry chained to the previous one by sha256, and verify the chain.

Only staff-side facts go in: ids, statuses, summaries, responses and redacted texts. Names,
contacts and original comment texts of commenters never do (they may hold personal data).
Appends run inside the caller's write transaction (BEGIN IMMEDIATE on SQLite), so two appends
cannot both read the same last hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.staff.models import AuditEntry

#: prev_hash of the first entry.
GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same value always gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, at: datetime, actor: str, action: str, target: str,
               before: str, after: str) -> str:
    """Hash of one entry: sha256 over the previous hash and the entry's fields as canonical JSON."""
    body = _canonical([prev_hash, at.isoformat(), actor, action, target, before, after])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def last_hash(session: Session) -> str:
    """Hash of the newest entry, or GENESIS for an empty log."""
    return session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc())
                          .limit(1)) or GENESIS


def record(session: Session, *, actor: str, action: str, target: str, before: Any = None,
           after: Any = None, now: datetime) -> AuditEntry:
    """Append one entry after the newest one."""
    before_json, after_json = _canonical(before), _canonical(after)
    prev = last_hash(session)
    at = now.replace(microsecond=0)
    entry = AuditEntry(at=at, actor=actor, action=action, target=target, before=before_json,
                       after=after_json, prev_hash=prev,
                       entry_hash=entry_hash(prev, at, actor, action, target, before_json,
                                             after_json))
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class Verification:
    """Result of checking the chain: how many entries, and the first broken one (if any)."""

    entries: int
    broken_at: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True when every entry's hash and link are intact."""
        return self.broken_at is None


def verify(session: Session) -> Verification:
    """Recompute every hash in id order; report the first entry whose link or hash is wrong."""
    prev, count = GENESIS, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        count += 1
        if entry.prev_hash != prev:
            return Verification(count, entry.id, "link to the previous entry is broken")
        expected = entry_hash(entry.prev_hash, entry.at, entry.actor, entry.action, entry.target,
                              entry.before, entry.after)
        if entry.entry_hash != expected:
            return Verification(count, entry.id, "the entry was changed after it was written")
        prev = entry.entry_hash
    return Verification(count, None)


def recent(session: Session, limit: int = 200) -> list[AuditEntry]:
    """The newest LIMIT entries, newest first."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
