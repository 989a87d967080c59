"""Staff account use cases: add a user, check a login with growing delays, end sessions.

Passwords are hashed with argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile).
An unknown username or a throttled attempt still costs one hash verification, so timing does not
reveal which names exist or which are being slowed down; the same message is given for all.
"""

from __future__ import annotations

import re
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.staff import throttle
from portal.staff.models import ROLES, StaffUser
from portal.staff.throttle import ThrottlePolicy

_hasher = PasswordHasher()
#: Verified against when the username is unknown (same cost as a real check).
_DUMMY_HASH = _hasher.hash("not a password of anyone")
#: Login names: lower-case ASCII letters, digits, dot, dash, underscore.
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
#: Shortest password accepted.
MIN_PASSWORD = 12


class AccountError(Exception):
    """An account could not be created or changed; the message says why."""


def add_user(session: Session, *, username: str, display_name: str, role: str, password: str,
             now: datetime) -> StaffUser:
    """Create a staff account with an argon2id hash of PASSWORD."""
    if not USERNAME_RE.fullmatch(username):
        raise AccountError("username: 2–64 characters a–z, 0–9, '.', '-', '_'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters long")
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
        raise AccountError(f"a user called {username} exists already")
    user = StaffUser(username=username, display_name=display_name or username, role=role,
                     password_hash=_hasher.hash(password), failed_logins=0, session_version=1,
                     active=True, created_at=now)
    session.add(user)
    session.flush()
    return user


def _verify(stored: str, password: str) -> bool:
    """True when PASSWORD matches the argon2 hash STORED."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str, *, now: datetime,
                 policy: ThrottlePolicy, address: str, secret: str) -> tuple[StaffUser | None, str]:
    """Check a login from ADDRESS; return (user, "ok") or (None, "invalid" | "throttled").

    Every outcome costs exactly one argon2 verification (a dummy one for an unknown name or a
    throttled key), and the caller answers "invalid" and "throttled" alike.
    """
    name = username.strip().lower()
    user = session.scalar(select(StaffUser).where(StaffUser.username == name))
    known = user is not None and user.active
    pair = throttle.keys(name, address, secret)
    if throttle.blocked(session, pair, now):
        _verify(user.password_hash if known else _DUMMY_HASH, password)
        return None, "throttled"
    if not _verify(user.password_hash if known else _DUMMY_HASH, password) or not known:
        throttle.failed(session, pair, now, policy)
        return None, "invalid"
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    throttle.succeeded(session, pair)
    session.flush()
    return user, "ok"


def end_sessions(user: StaffUser) -> None:
    """Make every session cookie issued to USER invalid (logout everywhere)."""
    user.session_version += 1


def get_user(session: Session, user_id: int) -> StaffUser | None:
    """Return the staff user with USER_ID, or None."""
    return session.get(StaffUser, user_id)
