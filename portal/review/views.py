"""Staff pages of the review: the dashboard of consultations, the moderation queue, one comment,
and paper/FAX/counter entry.

Each POST parses the form, calls one service, records an audit entry, commits once, and
redirects (or re-renders with messages and the entered values).
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, url_for

from portal import clock
from portal.consult import services
from portal.db import get_session
from portal.i18n import _
from portal.review import completeness, forms, moderation, results
from portal.review.pages import consultation_or_404, log_action, render, write_consultation
from portal.staff import session as login
from portal.staff.blueprint import bp


@bp.get("/")
@login.require("moderator")
def dashboard():
    """Every consultation with what is left to do before its result can be published."""
    session = get_session()
    now = clock.now()
    rows = [(c, completeness.completeness(session, c, now=now), services.count_comments(session, c))
            for c in services.list_consultations(session)]
    return render("staff/dashboard.html", rows=rows, now=now)


@bp.get("/consultations/<slug>/")
@login.require("moderator")
def queue(slug: str):
    """The moderation queue: every comment with its status, and what is left."""
    session = get_session()
    c = consultation_or_404(slug)
    view = results.result_view(session, c)
    return render("staff/queue.html", c=c, view=view,
                  left=completeness.completeness(session, c, now=clock.now()))


@bp.route("/consultations/<slug>/comments/<int:no>", methods=["GET", "POST"])
@login.require("moderator")
def comment_page(slug: str, no: int):
    """One comment: original text, exclusion, personal information and its redacted text."""
    session = get_session()
    c = consultation_or_404(slug)
    comment = moderation.get_comment(session, c, no) or abort(404)
    review = session.get(moderation.CommentReview, comment.id)
    errors: dict[str, str] = {}
    decision = moderation.Decision(
        review.exclusion or "" if review else "", review.exclusion_note or "" if review else "",
        bool(review and review.has_personal_info), (review.published_text or "") if review else "")
    if request.method == "POST":
        form = forms.DecisionForm(request.form)
        form.validate()
        decision = form.decision()
        errors = forms.errors_of(form) or moderation.check_decision(comment, decision)
        if not errors:
            return _moderate(slug, no, decision)
    return render("staff/comment.html", status=400 if errors else 200, c=c, comment=comment,
                  decision=decision, errors=errors, review=review,
                  measure=c.measure(comment.node_id) if comment.node_id else None)


def _moderate(slug: str, no: int, decision: moderation.Decision):
    """Save a moderation decision with its audit entry."""
    session, c = write_consultation(slug)
    comment = moderation.get_comment(session, c, no) or abort(404)
    try:
        before, after = moderation.moderate(session, comment, decision, actor=g.staff_user.username,
                                            now=clock.now())
    except services.ConsultError as exc:
        session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("staff.comment_page", slug=slug, no=no), code=303)
    log_action(session, "moderate_comment", f"comment:{slug}:{no}", before, after)
    session.commit()
    flash(_("Comment No. %(no)s was saved.", no=no))
    return redirect(url_for("staff.queue", slug=slug), code=303)


@bp.route("/consultations/<slug>/comments/new", methods=["GET", "POST"])
@login.require("moderator")
def offline_entry(slug: str):
    """Type in a comment received on paper, by FAX, at the counter or by e-mail."""
    c = consultation_or_404(slug)
    limit = current_app.config["CONSULT_MAX_COMMENT_CHARS"]
    entry, draft, errors, message = None, None, {}, None
    if request.method == "POST":
        entry, draft, errors = forms.read_offline(request.form, limit=limit)
        if entry is not None:
            session, c = write_consultation(slug)
            try:
                comment, code = moderation.enter_offline(
                    session, c, entry, secret=current_app.config["SECRET_KEY"],
                    actor=g.staff_user.username, now=clock.now())
            except services.ConsultError as exc:
                session.rollback()
                message = str(exc)
            else:
                log_action(session, "enter_comment", f"comment:{slug}:{comment.receipt_no}", None,
                           {"channel": comment.channel, "node_id": comment.node_id,
                            "received_on": str(entry.received_on)})
                session.commit()
                return render("staff/entered.html", c=c, comment=comment, code=code)
    return render("staff/offline.html", status=400 if errors or message else 200, c=c,
                  draft=draft, errors=errors, message=message, form=request.form,
                  chiku=services.list_chiku(get_session()))
