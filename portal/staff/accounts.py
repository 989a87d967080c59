"""Staff account use cases: add a user, check a login with lockout, end sessions.

Passwords are hashed with argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile).
An unknown username still costs one hash verification, so timing does not reveal which names
exist, and the same message is given for a wrong name or a wrong password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.staff.models import ROLES, StaffUser

_hasher = PasswordHasher()
#: Verified against when the username is unknown (same cost as a real check).
_DUMMY_HASH = _hasher.hash("not a password of anyone")
#: Login names: lower-case ASCII letters, digits, dot, dash, underscore.
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
#: Shortest password accepted.
MIN_PASSWORD = 12


class AccountError(Exception):
    """An account could not be created or changed; the message says why."""


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures lock an account, and for how long."""

    attempts: int = 5
    lock_minutes: int = 15


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
                 policy: LoginPolicy) -> tuple[StaffUser | None, str]:
    """Check a login; return (user, "ok") or (None, "invalid" | "locked"), counting failures."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == username.strip().lower()))
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        return None, "invalid"
    if user.locked_until is not None and user.locked_until > now:
        return None, "locked"
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= policy.attempts:
            user.locked_until = now + timedelta(minutes=policy.lock_minutes)
            user.failed_logins = 0
        session.flush()
        return None, "locked" if user.locked_until and user.locked_until > now else "invalid"
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    session.flush()
    return user, "ok"


def end_sessions(user: StaffUser) -> None:
    """Make every session cookie issued to USER invalid (logout everywhere)."""
    user.session_version += 1


def get_user(session: Session, user_id: int) -> StaffUser | None:
    """Return the staff user with USER_ID, or None."""
    return session.get(StaffUser, user_id)
