"""Growing delays after failed staff logins, per (account, address) and per address (ASVS 2.2.1).

Failures from one address never lock an account for anyone else (the old account lock let any
visitor shut the ward's staff out). After ATTEMPTS failures under a key, the next check under
it waits 2 s, then 4 s, 8 s … up to LONGEST; one address trying many accounts is slowed down
after SPRAY_FACTOR × ATTEMPTS failures. A refused attempt is answered like a wrong password.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.staff.models import LoginThrottle

#: An address's own threshold is this many times the per-account one.
SPRAY_FACTOR = 4


@dataclass(frozen=True)
class ThrottlePolicy:
    """Failures before delays start, and the longest delay."""

    attempts: int = 5
    longest: timedelta = timedelta(minutes=15)


def keys(username: str, address: str, secret: str) -> tuple[str, str]:
    """Digests of the (account, address) key and the address key (no address in clear)."""
    def digest(*parts: str) -> str:
        return hashlib.sha256("\n".join((secret, *parts)).encode()).hexdigest()

    return digest("account", username, address), digest("address", address)


def _threshold(index: int, policy: ThrottlePolicy) -> int:
    """Failures allowed before delays start: per account, or (index 1) per address."""
    return policy.attempts * (SPRAY_FACTOR if index else 1)


def blocked(session: Session, pair: tuple[str, str], now: datetime) -> bool:
    """True while either key must wait."""
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(pair)))
    return any(r.blocked_until is not None and r.blocked_until > now for r in rows)


def failed(session: Session, pair: tuple[str, str], now: datetime, policy: ThrottlePolicy) -> None:
    """Count one failure under both keys; past the threshold, block for a doubling delay."""
    for index, key in enumerate(pair):
        row = session.get(LoginThrottle, key)
        if row is None or now - row.last_failure_at > policy.longest:
            row = row or LoginThrottle(key=key)
            row.failures, row.blocked_until = 0, None
            session.add(row)
        row.failures += 1
        row.last_failure_at = now
        over = row.failures - _threshold(index, policy)
        if over >= 0:
            wait = timedelta(seconds=2 ** min(over + 1, 20))
            row.blocked_until = now + min(wait, policy.longest)
    session.flush()


def succeeded(session: Session, pair: tuple[str, str]) -> None:
    """Forget the failures under both keys after a successful login."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(pair)))
