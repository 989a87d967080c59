"""Staff pages: log in and out, and the audit log (back-office features add their own pages)."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, g, redirect, render_template, request, url_for

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.security import client_key
from portal.staff import accounts, audit
from portal.staff import session as login
from portal.staff.blueprint import bp
from portal.staff.throttle import ThrottlePolicy


def private(response: Response | str, status: int = 200) -> Response:
    """Staff pages are never cached by browsers or proxies."""
    if not isinstance(response, Response):
        response = Response(response, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _policy() -> ThrottlePolicy:
    """The login throttle from the configuration."""
    cfg = current_app.config
    return ThrottlePolicy(cfg["STAFF_LOCKOUT_ATTEMPTS"],
                          timedelta(minutes=cfg["STAFF_LOCKOUT_MINUTES"]))


def _safe_next(target: str) -> str:
    """Only redirect back to a staff page on this site."""
    if target.startswith("/staff/") and target.isprintable() and "\\" not in target:
        return target
    return url_for("staff.dashboard")


@bp.route("/login", methods=["GET", "POST"], endpoint="login")
def login_page():
    """Show the login form; check the password, with growing delays after repeated failures."""
    message = _("Your session has ended. Please log in again.") if request.args.get("expired") else None
    if request.method == "GET":
        return private(render_template("staff/login.html", message=message,
                                       next=request.args.get("next", "")))
    session = get_session()
    begin_write(session)
    user, outcome = accounts.authenticate(
        session, request.form.get("username", "")[:64], request.form.get("password", "")[:1024],
        now=clock.now(), policy=_policy(), address=client_key(request.remote_addr),
        secret=current_app.config["SECRET_KEY"])
    audit.record(session, actor=(user.username if user else "anonymous"),
                 action="login" if user else f"login_{outcome}",
                 target=f"staff_user:{request.form.get('username', '')[:64].strip().lower()}",
                 now=clock.now())
    if user is not None:
        login.start(session, user)
    session.commit()
    if user is None:
        # One answer for an unknown name, a wrong password and a throttled attempt.
        text = _("The user name or password is not correct. After several failed attempts, "
                 "please wait a little before trying again.")
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
