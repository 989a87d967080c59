"""Public consultation pages: list, one consultation, the comment form, confirmation, receipt.

No JavaScript is needed anywhere. Every refusal re-renders the form with the resident's text and
a message per field; nothing is stored unless every check passes.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, abort, current_app, render_template, request, session
from flask_wtf.csrf import CSRFError, generate_csrf
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.exc import IntegrityError, OperationalError

from portal import clock
from portal.consult import crosswalk, receipts, services, snapshots
from portal.consult.forms import CommentDraft, check_choices, read_draft
from portal.db import get_session
from portal.i18n import _
from portal.params import MAX_ID, whole_number
from portal.security import client_key

bp = Blueprint("consult", __name__, url_prefix="/<lang>/consultations")

#: Field a person never sees; bots fill it in.
HONEYPOT = "website"


def _signer() -> URLSafeSerializer:
    """Signer for the form-start time and the submission token (one per app: it is immutable)."""
    signer = current_app.extensions.get("consult_signer")
    if signer is None:
        signer = current_app.extensions["consult_signer"] = URLSafeSerializer(
            current_app.config["SECRET_KEY"], salt="consult-form")
    return signer


def _form_token_id() -> str:
    """A digest of this browser session's CSRF secret: what the fill-time stamp is bound to."""
    generate_csrf()  # makes sure the session holds its CSRF secret
    raw = str(session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), ""))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _started_field() -> str:
    """A signed stamp of when the form was shown (for the minimum fill time), bound to the form's
    CSRF token: a stamp is only good in the session it was issued to, and for as long as the
    token (WTF_CSRF_TIME_LIMIT)."""
    return _signer().dumps({"s": clock.now().timestamp(), "f": _form_token_id()})


def _consultation_or_404(slug: str) -> snapshots.ConsultationSnapshot:
    """Return the consultation SLUG, or answer 404 (showing back any text that was posted)."""
    consultation = snapshots.consultation(get_session(), slug)
    if consultation is None:
        if request.method == "POST":
            html = render_template("consult/unknown.html", draft=_read(request.form))
            abort(_private(Response(html, status=404)))
        abort(404)
    return consultation


@bp.context_processor
def _helpers() -> dict[str, object]:
    """Give consultation templates the time formatter and the form's choices."""
    from portal.consult.dates import show_time
    from portal.consult.forms import AGE_GROUPS, RELATIONS

    return {"consult_time": show_time, "age_groups": AGE_GROUPS, "relations": RELATIONS}


@bp.get("/")
def index():
    """List every consultation with its status and period."""
    session = get_session()
    return render_template("consult/index.html", consultations=services.list_consultations(session),
                           now=clock.now())


@bp.get("/<slug>/")
def detail(slug: str):
    """Show one consultation: texts, documents, period, channels and the 施策 in scope."""
    session = get_session()
    consultation = _consultation_or_404(slug)
    later = {m.node_id: crosswalk.later_places(session, current_app.config["DATASETS_DIR"],
                                               consultation.revision_id, m.node_id, m.concept_id)
             for m in consultation.measures}
    return render_template("consult/detail.html", c=consultation, later=later, now=clock.now(),
                           documents=_documents(consultation))


def _documents(consultation) -> list[tuple[str, str]]:
    """Links to the revision commented on and to the plan's comparison page."""
    from flask import url_for

    docs = []
    if "plan.revision_page" in current_app.view_functions:
        docs.append((_("The plan revision this consultation concerns"),
                     url_for("plan.revision_page", plan_id=consultation.plan_id,
                             revision_id=consultation.revision_id)))
    if "plan.compare_page" in current_app.view_functions:
        docs.append((_("Comparison between the plan's revisions"),
                     url_for("plan.compare_page", plan_id=consultation.plan_id)))
    return docs


def render_form(consultation, draft: CommentDraft, *, status: int = 200, message: str | None = None):
    """Render the comment form with DRAFT's values, its field errors and a page-level message."""
    session = get_session()
    measure = consultation.measure(draft.node_id) if draft.node_id else None
    html = render_template("consult/form.html", c=consultation, draft=draft, measure=measure,
                           chiku=snapshots.chiku_choices(session), message=message,
                           started=_started_field(), honeypot=HONEYPOT, now=clock.now(),
                           limit=current_app.config["CONSULT_MAX_COMMENT_CHARS"])
    return _private(Response(html, status=status))


def _private(response: Response) -> Response:
    """Keep pages holding a resident's text or receipt out of shared caches and history."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<slug>/comment", methods=["GET", "POST"])
def comment_form(slug: str):
    """Show the form (pre-filled with the 施策 from ?measure=, or the values sent back to edit)."""
    consultation = _consultation_or_404(slug)
    source = request.form if request.method == "POST" else {"measure": request.args.get("measure", "")}
    draft = _read(source)
    draft.errors.clear()
    if draft.node_id and consultation.measure(draft.node_id) is None:
        draft.node_id = ""
    if not consultation.is_open(clock.now()):
        return render_form(consultation, draft, status=403, message=_closed_message(consultation))
    return render_form(consultation, draft)


def _read(form) -> CommentDraft:
    """Read the posted comment fields with the configured length limit."""
    return read_draft(form, limit=current_app.config["CONSULT_MAX_COMMENT_CHARS"])


def _closed_message(consultation) -> str:
    """Explain that the period is over (or not started) and that the text is shown below."""
    from portal.consult.dates import show_time

    now = clock.now()
    if now < consultation.opens_at:
        return _("This consultation opens at %(time)s; comments cannot be accepted yet. "
                 "Your text is shown below so you can keep a copy.",
                 time=show_time(consultation.opens_at))
    return _("This consultation closed at the end of %(time)s; your comment could not be "
             "accepted. Your text is shown below so you can keep a copy.",
             time=show_time(consultation.closes_at))


def _check(consultation, form) -> tuple[CommentDraft, str | None, int]:
    """Run every check on a posted form; return the draft, a page message and a status."""
    draft = _read(form)
    check_choices(draft, in_scope=bool(draft.node_id and consultation.measure(draft.node_id)),
                  chiku_ids=snapshots.chiku_ids(get_session()))
    if form.get(HONEYPOT):
        return draft, _("Your comment could not be accepted as sent. Please check it and send "
                        "it again; your text is kept below."), 400
    if not consultation.is_open(clock.now()):
        return draft, _closed_message(consultation), 403
    if not draft.valid:
        return draft, _("Please correct the items marked below; your text is kept."), 400
    return draft, None, 200


def _fill_time_ok(form) -> bool | None:
    """True when the form was open long enough, False when too quick, None when the stamp is bad."""
    try:
        stamp = _signer().loads(form.get("started", ""))
        started, bound = float(stamp["s"]), stamp["f"]
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    elapsed = clock.now().timestamp() - started
    if bound != _form_token_id() or not 0 <= elapsed <= current_app.config["WTF_CSRF_TIME_LIMIT"]:
        return None
    return elapsed >= current_app.config["CONSULT_MIN_FILL_SECONDS"]


@bp.post("/<slug>/confirm")
def confirm(slug: str):
    """Check the form and show the confirmation screen (確認画面) with a submission token."""
    consultation = _consultation_or_404(slug)
    draft, message, status = _check(consultation, request.form)
    if message:
        return render_form(consultation, draft, status=status, message=message)
    quick = _fill_time_ok(request.form)
    if not quick:
        return render_form(consultation, draft, status=400, message=_(
            "Your form was sent too quickly or its time stamp was not valid. Please check your "
            "comment and press “Check before sending” again; your text is kept."))
    token = _signer().dumps({"t": receipts.new_token(), "c": consultation.slug})
    measure = consultation.measure(draft.node_id) if draft.node_id else None
    html = render_template("consult/confirm.html", c=consultation, draft=draft, measure=measure,
                           token=token, started=request.form.get("started", ""),
                           honeypot=HONEYPOT, chiku=snapshots.chiku_choices(get_session()))
    return _private(Response(html))


def _token(form, consultation) -> str | None:
    """Return the submission token issued with the confirmation screen, if it is genuine."""
    try:
        data = _signer().loads(form.get("submission", ""))
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("c") != consultation.slug:
        return None
    token = data.get("t")
    return token if isinstance(token, str) and len(token) == 32 else None


@bp.post("/<slug>/submit")
def submit(slug: str):
    """Record the comment once per submission token and show the receipt (a repeat shows the same)."""
    session = get_session()
    consultation = _consultation_or_404(slug)
    token = _token(request.form, consultation)
    if token is None:
        return render_form(consultation, _read(request.form), status=400, message=_(
            "This confirmation screen is no longer valid. Please check your comment and confirm "
            "it again; your text is kept."))
    limiter = current_app.extensions["consult_limiter"]
    draft, message, status = _check(consultation, request.form)
    if message or not limiter.counts_in_writer:
        # A retried POST of a recorded comment gets its first receipt, even after the closing
        # minute; with the database store the writer finds such repeats itself.
        existing = services.find_by_token(session, token)
        if existing is not None:
            return _receipt(consultation, existing, token)
    if message:
        return render_form(consultation, draft, status=status, message=message)
    client = client_key(request.remote_addr)
    if limiter.counts_in_writer:
        return _record(consultation, draft, token, client)
    try:
        wait = limiter.hit(client)
    except OperationalError as exc:
        return _not_saved(consultation, draft, exc)
    if wait is None:
        return _record(consultation, draft, token, None)
    return _too_many(consultation, draft, wait)


def _too_many(consultation, draft: CommentDraft, wait: int):
    """429 with the text shown back and how long to wait."""
    response = render_form(consultation, draft, status=429, message=_(
        "Too many comments have been sent from your connection in a short time. Please wait "
        "%(seconds)s seconds and send again; your text is kept.", seconds=wait))
    response.headers["Retry-After"] = str(wait)
    return response


def _not_saved(consultation, draft: CommentDraft, exc: OperationalError):
    """The database refused the write (disk full, outage): 503 with the text shown back, no receipt."""
    get_session().rollback()
    reason = getattr(exc.orig, "sqlite_errorname", None) or type(exc.orig or exc).__name__
    current_app.logger.warning("comment not saved: %s", reason)  # never str(exc): it holds the SQL
    response = render_form(consultation, draft, status=503, message=_(
        "Your comment could not be saved just now because of a problem on our side, and it has "
        "not been received. Your text is kept below: please keep a copy and send it again in a "
        "few minutes."))
    response.headers["Retry-After"] = "60"
    return response


def _record(consultation, draft: CommentDraft, token: str, client: str | None):
    """Hand the comment to this process's writer (group commit) and show its receipt; CLIENT is
    counted against the rate limit by the writer (None when it was counted already)."""
    from portal.consult.committer import Job
    from portal.consult.limiter import RateLimited

    get_session().rollback()  # no read snapshot held while waiting: it would block WAL checkpoints
    job = current_app.extensions["consult_committer"].record(
        Job(consultation.slug, draft.values(), token, _lang(), clock.now(), client))
    if isinstance(job.error, RateLimited):
        return _too_many(consultation, draft, job.error.wait)
    if isinstance(job.error, services.ConsultationClosed):
        return render_form(consultation, draft, status=403, message=_closed_message(consultation))
    if isinstance(job.error, LookupError):
        abort(404)
    if isinstance(job.error, IntegrityError):
        session = get_session()
        session.rollback()  # read after the other submission's commit, not an older snapshot
        existing = services.find_by_token(session, token) or abort(409)
        return _receipt(consultation, existing, token)
    if isinstance(job.error, OperationalError):
        return _not_saved(consultation, draft, job.error)
    if job.error is not None:
        raise job.error
    # The writer read the comment back inside its committed transaction: nothing to read again.
    return _receipt(consultation, job.comment, token)


def _lang() -> str:
    """The language of this request."""
    from portal.i18n import current_lang

    return current_lang()


def _receipt(consultation, comment, token: str):
    """Render the receipt page for COMMENT (the code is derived again from the token)."""
    code = receipts.receipt_code(token, current_app.config["SECRET_KEY"])
    measure = consultation.measure(comment.node_id) if comment.node_id else None
    html = render_template("consult/receipt.html", c=consultation, comment=comment, code=code,
                           measure=measure)
    return _private(Response(html))


@bp.route("/<slug>/receipt", methods=["GET", "POST"])
def lookup(slug: str):
    """Check a comment with its 受付番号 and receipt code, and see where its 施策 went since."""
    session = get_session()
    consultation = _consultation_or_404(slug)
    comment, error, later = None, None, []
    number, code = request.form.get("receipt_no", "").strip(), request.form.get("code", "")
    if request.method == "POST":
        no = whole_number(number, 1, MAX_ID)
        comment = services.find_comment(session, consultation, no, code) if no else None
        if comment is None:
            error = _("No comment matches this receipt number and code. Please check both.")
        elif comment.node_id:
            later = crosswalk.later_places(session, current_app.config["DATASETS_DIR"],
                                           comment.revision_id, comment.node_id, comment.concept_id)
    measure = consultation.measure(comment.node_id) if comment and comment.node_id else None
    # Where the ward placed the comment in its published result: asked of the review feature
    # (registered by portal.review), which this side never imports.
    placement = current_app.extensions.get("consult_placement")
    placed = placement(session, consultation, comment) if comment and placement else None
    html = render_template("consult/lookup.html", c=consultation, comment=comment, error=error,
                           later=later, measure=measure, number=number, placed=placed)
    return _private(Response(html, status=404 if error else 200))


@bp.errorhandler(CSRFError)
def csrf_failed(_exc: CSRFError):
    """A missing or stale CSRF token: give the form back with the text and a fresh token."""
    slug = (request.view_args or {}).get("slug", "")
    consultation = snapshots.consultation(get_session(), slug)
    if consultation is None or request.method != "POST":
        abort(400)
    return render_form(consultation, _read(request.form), status=400, message=_(
        "Your form had expired (for your security it is valid for a limited time). Your text is "
        "kept below: please check it and send again."))
