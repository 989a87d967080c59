"""Staff pages to open a consultation on a plan revision and to edit it before it opens."""

from __future__ import annotations

import re

from flask import abort, current_app, redirect, render_template, request, url_for

from portal import clock
from portal.consult import services
from portal.consult.forms import normalize_text
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.plan import services as plan_services
from portal.review import opening
from portal.review.pages import log_action, write_consultation
from portal.staff import session as login
from portal.staff.blueprint import bp
from portal.staff.views import private

#: Consultation IDs: they become URL parts and a dataset name (consultation-<id>).
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,60}")
TEXTS = ("title_ja", "title_en", "description_ja", "description_en", "channels_ja", "channels_en")


def _spec(form, slug: str, revision_id: str) -> opening.ConsultationSpec:
    """Read the consultation form into a spec (times are Asia/Tokyo)."""
    texts = {k: normalize_text(form.get(k, ""))[:5000] for k in TEXTS}
    return opening.ConsultationSpec(
        slug=slug, revision_id=revision_id,
        opens_local=opening.parse_local(form.get("opens", "")),
        closes_local=opening.parse_local(form.get("closes", ""), end_of_day=True),
        short_period_reason_ja=normalize_text(form.get("short_period_reason_ja", "")) or None,
        short_period_reason_en=normalize_text(form.get("short_period_reason_en", "")) or None,
        **texts)


def _form_page(c, message: str | None, status: int = 200):
    """Render the consultation form."""
    revisions = plan_services.list_revisions(get_session())
    return private(render_template("staff/consultation.html", c=c, message=message,
                                   form=request.form, revisions=revisions), status=status)


@bp.route("/consultations/new", methods=["GET", "POST"])
@login.require("editor")
def new_consultation():
    """Open a consultation on every 施策 of a revision (period, texts, channels)."""
    if request.method == "GET":
        return _form_page(None, None)
    slug = request.form.get("slug", "").strip()
    if not SLUG_RE.fullmatch(slug):
        return _form_page(None, _("The ID may use a–z, 0–9 and '-' (2 to 61 characters)."), 400)
    session = get_session()
    session.rollback()
    begin_write(session)
    try:
        spec = _spec(request.form, slug, request.form.get("revision_id", ""))
        c = opening.open_consultation(session, spec, now=clock.now(),
                                       min_days=current_app.config["CONSULT_MIN_PERIOD_DAYS"])
    except ValueError:
        session.rollback()
        return _form_page(None, _("Give the dates as YYYY-MM-DD or YYYY-MM-DD HH:MM."), 400)
    except services.ConsultError as exc:
        session.rollback()
        return _form_page(None, str(exc), 400)
    log_action(session, "open_consultation", f"consultation:{slug}", None, opening.snapshot(c))
    session.commit()
    return redirect(url_for("staff.queue", slug=slug), code=303)


@bp.route("/consultations/<slug>/edit", methods=["GET", "POST"])
@login.require("editor")
def edit_consultation(slug: str):
    """Change the period and texts of a consultation that has not opened yet."""
    c = services.get_consultation(get_session(), slug) or abort(404)
    if request.method == "GET":
        return _form_page(c, None)
    session, c = write_consultation(slug)
    before = opening.snapshot(c)
    try:
        spec = _spec(request.form, slug, c.revision_id)
        opening.edit_consultation(session, c, spec, now=clock.now(),
                                   min_days=current_app.config["CONSULT_MIN_PERIOD_DAYS"])
    except ValueError:
        session.rollback()
        return _form_page(c, _("Give the dates as YYYY-MM-DD or YYYY-MM-DD HH:MM."), 400)
    except services.ConsultError as exc:
        session.rollback()
        return _form_page(c, str(exc), 400)
    log_action(session, "edit_consultation", f"consultation:{slug}", before, opening.snapshot(c))
    session.commit()
    return redirect(url_for("staff.queue", slug=slug), code=303)
