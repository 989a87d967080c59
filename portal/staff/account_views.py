"""The staff member's own page: their open logins (sessions), each revocable."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.staff import audit
from portal.staff import session as login
from portal.staff.blueprint import bp
from portal.staff.views import private


@bp.get("/account")
@login.require("moderator")
def account():
    """List this staff member's open sessions (browser, start, last request)."""
    user = g.staff_user
    return private(render_template("staff/account.html", user=user, now=clock.now(),
                                   sessions=login.list_sessions(get_session(), user.id),
                                   current=login.current_session_id()))


@bp.post("/account/sessions/revoke")
@login.require("moderator")
def revoke_session():
    """End one of this staff member's own sessions (e.g. a browser left logged in elsewhere)."""
    raw = request.form.get("session", "")
    user_id, username = g.staff_user.id, g.staff_user.username
    session = get_session()
    session.rollback()
    begin_write(session)
    done = raw.isascii() and raw.isdigit() and len(raw) < 12 \
        and login.revoke(session, user_id, int(raw))
    if done:
        audit.record(session, actor=username, action="revoke_session",
                     target=f"staff_user:{username}", after={"session": int(raw)},
                     now=clock.now())
    session.commit()
    flash(_("The session was ended.") if done else _("That session had already ended."))
    return redirect(url_for("staff.account"), code=303)
