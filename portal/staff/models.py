"""Staff tables: accounts (argon2id hashes, lockout state) and the append-only audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base

#: Roles in increasing power; each role can do what the ones before it can.
ROLES = ("moderator", "editor", "admin")


class StaffUser(Base):
    """A ward staff account."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Login name (ASCII, lower case).
    username: Mapped[str] = mapped_column(String(64), unique=True)
    #: Name shown in the audit log and on staff pages (a staff member's, not a commenter's).
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    #: argon2id hash in PHC string format (salt and parameters inside).
    password_hash: Mapped[str] = mapped_column(String(255))
    #: Failed logins in a row since the last success.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    #: Until when (UTC, naive) the account refuses logins; None when not locked.
    locked_until: Mapped[datetime | None]
    #: Bumped at logout and password change: older session cookies stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]

    def can(self, role: str) -> bool:
        """True when this account's role is ROLE or a more powerful one."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)


class AuditEntry(Base):
    """One staff action: who, what, when, before and after; chained to the previous entry by sha256.

    Rows are only ever inserted. entry_hash = sha256(prev_hash + canonical JSON of the other
    columns), so changing, removing or reordering any entry breaks every hash after it.
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    #: Username of the staff member, or "system:<job>" for a CLI job.
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    #: What was acted on, e.g. "comment:demo:12" or "group:3".
    target: Mapped[str] = mapped_column(String(200))
    #: JSON of the relevant fields before and after (never names or contacts of commenters).
    before: Mapped[str] = mapped_column(Text, default="null")
    after: Mapped[str] = mapped_column(Text, default="null")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class StaffSession(Base):
    """One staff login in one browser: the cookie holds a random token, this row its sha256.

    Deleting the row ends that login (logout, revocation from the account page, idle timeout).
    """

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: sha256 (hex) of the random token in the browser's signed cookie; the token itself is not kept.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    #: Last request seen (updated at most once a minute); the idle timeout counts from it.
    last_seen_at: Mapped[datetime]
    #: Browser description as sent at login (shortened), so the staff member can tell logins apart.
    user_agent: Mapped[str] = mapped_column(String(160), default="")


class LoginThrottle(Base):
    """Failed staff logins counted per (account, address) and per address, for growing delays.

    The key is a sha256 digest (of the kind, the login name and the client address), so no
    address is kept in clear. Rows are deleted after a successful login and forgotten once old.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Failed logins in a row under this key.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime]
    #: No login is checked under this key before this time (UTC, naive).
    blocked_until: Mapped[datetime | None]
