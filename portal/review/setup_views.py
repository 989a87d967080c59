"""Staff pages to open a consultation on a plan revision and to edit it before it opens."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for

from portal import clock
from portal.consult import services
from portal.db import begin_write, get_session
from portal.plan import services as plan_services
from portal.review import opening
from portal.review.forms import ConsultationForm, errors_of
from portal.review.pages import consultation_or_404, log_action, write_consultation
from portal.staff import session as login
from portal.staff.blueprint import bp
from portal.staff.views import private


def _form_page(c, message: str | None, errors: dict[str, str] | None = None, status: int = 200):
    """Render the consultation form (with the typed values and each field's problem)."""
    revisions = plan_services.list_revisions(get_session())
    return private(render_template("staff/consultation.html", c=c, message=message,
                                   errors=errors or {}, form=request.form, revisions=revisions),
                   status=status)


def _save(c, form: ConsultationForm, action: str):
    """Open (C is None) or change C from a valid FORM, audit it and commit; or say why not."""
    if c is None:
        session = get_session()
        session.rollback()
        begin_write(session)
    else:
        session, c = write_consultation(c.slug)
    before = opening.snapshot(c) if c is not None else None
    min_days = current_app.config["CONSULT_MIN_PERIOD_DAYS"]
    try:
        if c is None:
            c = opening.open_consultation(session, form.spec(form.slug.data), now=clock.now(),
                                          min_days=min_days)
        else:
            opening.edit_consultation(session, c, form.spec(c.slug, c.revision_id), now=clock.now(),
                                      min_days=min_days)
    except services.ConsultError as exc:
        session.rollback()
        return _form_page(None if before is None else c, str(exc), status=400)
    log_action(session, action, f"consultation:{c.slug}", before, opening.snapshot(c))
    session.commit()
    return redirect(url_for("staff.queue", slug=c.slug), code=303)


@bp.route("/consultations/new", methods=["GET", "POST"])
@login.require("editor")
def new_consultation():
    """Open a consultation on every 施策 of a revision (period, texts, channels)."""
    if request.method == "GET":
        return _form_page(None, None)
    form = ConsultationForm(request.form)
    if not form.validate():
        return _form_page(None, None, errors_of(form), 400)
    return _save(None, form, "open_consultation")


@bp.route("/consultations/<slug>/edit", methods=["GET", "POST"])
@login.require("editor")
def edit_consultation(slug: str):
    """Change the period and texts of a consultation that has not opened yet."""
    c = consultation_or_404(slug)
    if request.method == "GET":
        return _form_page(c, None)
    form = ConsultationForm(request.form)
    del form.slug  # the ID never changes
    if not form.validate():
        return _form_page(c, None, errors_of(form), 400)
    return _save(c, form, "edit_consultation")
