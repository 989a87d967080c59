"""The staff login session: who is logged in, idle timeout, and the role check on every page.

The Flask session cookie (signed, HttpOnly, SameSite=Lax, Secure in production) holds only a
random token; the database keeps its sha256 with the user and the last request time
(StaffSession). Knowing the app's secret is therefore not enough to log in: a token must also
exist in the table. Logging out deletes every session of the account; one session can be
revoked from the staff member's own page.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import current_app, g, redirect, request, session, url_for
from sqlalchemy import delete, select, update

from portal import clock
from portal.db import get_engine, get_session, write_turn
from portal.errors import fail
from portal.i18n import _
from portal.staff.models import StaffSession, StaffUser

#: Cookie key of the session token.
KEY = "staff_sid"
#: last_seen_at is written at most this often (a page view is not a database write each time).
TOUCH_EVERY = timedelta(seconds=60)


def token_hash(token: str) -> str:
    """sha256 (hex) of a session token: what the database keeps."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start(db: Any, user: StaffUser) -> None:
    """Begin a fresh session for USER inside DB's write transaction (old cookie dropped: no
    fixation); the caller commits."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    db.add(StaffSession(token_hash=token_hash(token), user_id=user.id, created_at=now,
                        last_seen_at=now, user_agent=request.user_agent.string[:160]))
    session.clear()
    session[KEY] = token


def end() -> None:
    """Forget the login in this browser."""
    session.clear()


def current_session_id() -> int | None:
    """Id of this browser's StaffSession row (after current() found one)."""
    return g.get("staff_session_id")


def _found(token: Any) -> tuple[StaffSession, StaffUser] | None:
    """The session row and user of TOKEN, or None."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    row = get_session().execute(
        select(StaffSession, StaffUser).join(StaffUser, StaffUser.id == StaffSession.user_id)
        .where(StaffSession.token_hash == token_hash(token))).first()
    return (row[0], row[1]) if row else None


def _write(statement: Any) -> None:
    """Run one small write outside the page's own transaction (queued like every writer)."""
    engine = get_engine()
    with write_turn(engine), engine.begin() as conn:
        conn.execute(statement)


def current() -> StaffUser | None:
    """The logged-in staff user, or None (expired after STAFF_SESSION_IDLE_MINUTES idle)."""
    if "staff_user" in g:
        return g.staff_user
    token = session.get(KEY)
    found = _found(token)
    now = clock.now()
    idle = timedelta(minutes=current_app.config["STAFF_SESSION_IDLE_MINUTES"])
    user = None
    if found is not None:
        row, user = found
        if not user.active or now - row.last_seen_at > idle:
            _write(delete(StaffSession).where(StaffSession.id == row.id))
            user = None
        else:
            g.staff_session_id = row.id
            if now - row.last_seen_at >= TOUCH_EVERY:
                _write(update(StaffSession).where(StaffSession.id == row.id)
                       .values(last_seen_at=now))
    if user is None and token is not None:
        session.clear()
        g.staff_expired = True
    g.staff_user = user
    return user


def list_sessions(db: Any, user_id: int) -> list[StaffSession]:
    """Every open session of USER_ID, newest first."""
    return list(db.scalars(select(StaffSession).where(StaffSession.user_id == user_id)
                           .order_by(StaffSession.created_at.desc(), StaffSession.id.desc())))


def revoke(db: Any, user_id: int, session_id: int) -> bool:
    """End one of USER_ID's own sessions; False when it is not theirs (or gone)."""
    done = db.execute(delete(StaffSession).where(StaffSession.id == session_id,
                                                 StaffSession.user_id == user_id))
    return bool(done.rowcount)


def end_all(db: Any, user_id: int) -> None:
    """End every session of USER_ID (logout everywhere)."""
    db.execute(delete(StaffSession).where(StaffSession.user_id == user_id))


def require(role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a staff view: log in first (redirect), then hold ROLE or better (403)."""
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current()
            if user is None:
                target = request.full_path if request.method == "GET" else ""
                expired = {"expired": 1} if g.get("staff_expired") else {}
                return redirect(url_for("staff.login", next=target.rstrip("?"), **expired), code=303)
            if not user.can(role):
                fail(403, _("Your role does not allow this page."))
            return view(*args, **kwargs)
        wrapped.staff_role = role  # type: ignore[attr-defined]
        return wrapped
    return decorate
