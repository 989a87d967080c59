"""Staff pages of a consultation: the moderation queue, one comment, paper/FAX/counter entry,
opinion groups with the ward's responses, and publication (with what is left to do).

Each POST parses the form, calls one service, records an audit entry, commits once, and
redirects (or re-renders with messages and the entered values).
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from portal import clock
from portal.consult import grouping, moderation, results, services
from portal.consult.ward_models import CATEGORIES, CHANNELS, EXCLUSIONS
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.staff import audit
from portal.staff import session as login
from portal.staff.blueprint import bp
from portal.staff.views import private


def _consultation(slug: str):
    """The consultation SLUG, or 404."""
    return services.get_consultation(get_session(), slug) or abort(404)


def _write(slug: str):
    """Open the write transaction, then read the consultation in it."""
    session = get_session()
    session.rollback()
    begin_write(session)
    return session, _consultation(slug)


def _log(session, action: str, target: str, before: Any = None, after: Any = None) -> None:
    """Append an audit entry for the logged-in staff member."""
    audit.record(session, actor=g.staff_user.username, action=action, target=target,
                 before=before, after=after, now=clock.now())


def _render(template: str, status: int = 200, **context: Any):
    """Render a staff template with the vocabularies every page uses."""
    return private(render_template(template, exclusions=EXCLUSIONS, categories=CATEGORIES,
                                   channels=CHANNELS, **context), status=status)


@bp.get("/consultations/<slug>/")
@login.require("moderator")
def queue(slug: str):
    """The moderation queue: every comment with its status, and what is left."""
    session = get_session()
    c = _consultation(slug)
    view = results.result_view(session, c)
    return _render("staff/queue.html", c=c, view=view,
                   left=grouping.completeness(session, c, now=clock.now()))


@bp.route("/consultations/<slug>/comments/<int:no>", methods=["GET", "POST"])
@login.require("moderator")
def comment_page(slug: str, no: int):
    """One comment: original text, exclusion, personal information and its redacted text."""
    session = get_session()
    c = _consultation(slug)
    comment = moderation.get_comment(session, c, no) or abort(404)
    review = session.get(moderation.CommentReview, comment.id)
    errors: dict[str, str] = {}
    decision = moderation.Decision(
        review.exclusion or "" if review else "", review.exclusion_note or "" if review else "",
        bool(review and review.has_personal_info), (review.published_text or "") if review else "")
    if request.method == "POST":
        decision = moderation.Decision(request.form.get("exclusion", ""),
                                       request.form.get("exclusion_note", "")[:2000],
                                       request.form.get("has_personal_info") == "1",
                                       request.form.get("published_text", "")[:20000])
        errors = moderation.check_decision(comment, decision)
        if not errors:
            return _moderate(slug, no, decision)
    return _render("staff/comment.html", status=400 if errors else 200, c=c, comment=comment,
                   decision=decision, errors=errors, review=review,
                   measure=c.measure(comment.node_id) if comment.node_id else None)


def _moderate(slug: str, no: int, decision: moderation.Decision):
    """Save a moderation decision with its audit entry."""
    session, c = _write(slug)
    comment = moderation.get_comment(session, c, no) or abort(404)
    try:
        before, after = moderation.moderate(session, comment, decision, actor=g.staff_user.username,
                                            now=clock.now())
    except services.ConsultError as exc:
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.comment_page", slug=slug, no=no), code=303)
    _log(session, "moderate_comment", f"comment:{slug}:{no}", before, after)
    session.commit()
    flash(_("Comment No. %(no)s was saved.", no=no))
    return redirect(url_for("staff.queue", slug=slug), code=303)


@bp.route("/consultations/<slug>/comments/new", methods=["GET", "POST"])
@login.require("moderator")
def offline_entry(slug: str):
    """Type in a comment received on paper, by FAX, at the counter or by e-mail."""
    c = _consultation(slug)
    limit = current_app.config["CONSULT_MAX_COMMENT_CHARS"]
    entry, draft, errors, message = None, None, {}, None
    if request.method == "POST":
        entry, draft, errors = moderation.read_offline(request.form, limit=limit)
        if entry is not None:
            session, c = _write(slug)
            try:
                comment, code = moderation.enter_offline(
                    session, c, entry, secret=current_app.config["SECRET_KEY"],
                    actor=g.staff_user.username, now=clock.now())
            except services.ConsultError as exc:
                session.rollback()
                message = str(exc)
            else:
                _log(session, "enter_comment", f"comment:{slug}:{comment.receipt_no}", None,
                     {"channel": comment.channel, "node_id": comment.node_id,
                      "received_on": str(entry.received_on)})
                session.commit()
                return _render("staff/entered.html", c=c, comment=comment, code=code)
    return _render("staff/offline.html", status=400 if errors or message else 200, c=c,
                   draft=draft, errors=errors, message=message, form=request.form,
                   chiku=services.list_chiku(get_session()))
