"""Staff pages: log in and out, and the audit log (back-office features add their own pages)."""

from __future__ import annotations

from flask import Response, current_app, g, redirect, render_template, request, url_for

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.staff import accounts, audit
from portal.staff import session as login
from portal.staff.blueprint import bp


def private(response: Response | str, status: int = 200) -> Response:
    """Staff pages are never cached by browsers or proxies."""
    if not isinstance(response, Response):
        response = Response(response, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _policy() -> accounts.LoginPolicy:
    """The lockout policy from the configuration."""
    cfg = current_app.config
    return accounts.LoginPolicy(cfg["STAFF_LOCKOUT_ATTEMPTS"], cfg["STAFF_LOCKOUT_MINUTES"])


def _safe_next(target: str) -> str:
    """Only redirect back to a staff page on this site."""
    if target.startswith("/staff/") and not target.startswith("//"):
        return target
    return url_for("staff.dashboard")


@bp.route("/login", methods=["GET", "POST"], endpoint="login")
def login_page():
    """Show the login form; check the password with lockout after repeated failures."""
    message = _("Your session has ended. Please log in again.") if request.args.get("expired") else None
    if request.method == "GET":
        return private(render_template("staff/login.html", message=message,
                                       next=request.args.get("next", "")))
    session = get_session()
    begin_write(session)
    user, outcome = accounts.authenticate(
        session, request.form.get("username", "")[:64], request.form.get("password", "")[:1024],
        now=clock.now(), policy=_policy())
    audit.record(session, actor=(user.username if user else "anonymous"),
                 action="login" if user else f"login_{outcome}",
                 target=f"staff_user:{request.form.get('username', '')[:64].strip().lower()}",
                 now=clock.now())
    if user is not None:
        login.start(session, user)
    session.commit()
    if user is None:
        text = (_("This account is locked after too many failed attempts. Please try again later.")
                if outcome == "locked" else _("The user name or password is not correct."))
        return private(render_template("staff/login.html", message=text,
                                       next=request.form.get("next", "")), status=401)
    return redirect(_safe_next(request.form.get("next", "")), code=303)


@bp.post("/logout")
@login.require("moderator")
def logout():
    """End the session here and invalidate every other cookie of this account."""
    session = get_session()
    user_id = g.staff_user.id
    session.rollback()
    begin_write(session)
    user = accounts.get_user(session, user_id)
    accounts.end_sessions(user)
    login.end_all(session, user_id)
    audit.record(session, actor=user.username, action="logout", target=f"staff_user:{user.username}",
                 now=clock.now())
    session.commit()
    login.end()
    return redirect(url_for("staff.login"), code=303)


@bp.get("/audit")
@login.require("admin")
def audit_log():
    """The newest audit entries and whether the hash chain is intact."""
    session = get_session()
    return private(render_template("staff/audit.html", entries=audit.recent(session),
                                   check=audit.verify(session)))
