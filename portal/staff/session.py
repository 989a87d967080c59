"""The staff login session: who is logged in, idle timeout, and the role check on every page.

The Flask session cookie (signed, HttpOnly, SameSite=Lax, Secure in production) holds the user
id, the account's session_version and the time of the last request. Logging out bumps the
version in the database, so a copied cookie stops working too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, g, redirect, request, session, url_for

from portal import clock
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _
from portal.staff.accounts import get_user
from portal.staff.models import StaffUser


def start(user: StaffUser) -> None:
    """Begin a fresh session for USER (the old cookie's contents are dropped: no fixation)."""
    session.clear()
    session["staff_id"] = user.id
    session["staff_v"] = user.session_version
    session["staff_seen"] = clock.now().timestamp()


def end() -> None:
    """Forget the login in this browser."""
    session.clear()


def current() -> StaffUser | None:
    """The logged-in staff user, or None (expired after STAFF_SESSION_IDLE_MINUTES idle)."""
    if "staff_user" in g:
        return g.staff_user
    user_id, seen = session.get("staff_id"), session.get("staff_seen")
    user = get_user(get_session(), user_id) if isinstance(user_id, int) else None
    now = clock.now().timestamp()
    idle = current_app.config["STAFF_SESSION_IDLE_MINUTES"] * 60
    if user is None or not user.active or session.get("staff_v") != user.session_version \
            or not isinstance(seen, float | int) or now - seen > idle:
        if user_id is not None:
            session.clear()
            g.staff_expired = True
        user = None
    else:
        session["staff_seen"] = now
    g.staff_user = user
    return user


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
