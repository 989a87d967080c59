"""Staff pages of the publishing back office: packages, template downloads, uploads, drafts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from portal import clock
from portal.db import begin_write, get_session
from portal.i18n import _
from portal.publishing import services, template
from portal.publishing.after import approve_and_refresh
from portal.publishing.forms import DecisionForm, UploadForm
from portal.publishing.models import DRAFT
from portal.publishing.packages import PublishingError, plan_package_names, read_plan_package, revision_ids
from portal.publishing.upload import Limits, UploadRefused
from portal.staff import session as login
from portal.staff.views import private

bp = Blueprint("publishing", __name__, url_prefix="/staff/data")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.context_processor
def _labels() -> dict[str, object]:
    """Status, series and fiscal-year labels for the preview (the plan pages' own wording)."""
    from portal.consult.dates import show_time
    from portal.i18n import fiscal_year_label
    from portal.plan.labels import SERIES_LABELS, STATUS_LABELS

    return {
        "status_label": lambda s: STATUS_LABELS.get(s, s),
        "series_label": lambda s: SERIES_LABELS.get(s, s),
        "fy_label": fiscal_year_label,
        "consult_time": show_time,
    }


def _limits() -> Limits:
    """Upload limits from the configuration."""
    cfg = current_app.config
    return Limits(cfg["PUBLISHING_MAX_UPLOAD_BYTES"], cfg["PUBLISHING_MAX_ROWS"])


def _index_page(form: UploadForm, issues: list | None = None, message: str | None = None, status: int = 200):
    """The packages, the upload form (with any errors) and the drafts."""
    datasets_dir = current_app.config["DATASETS_DIR"]
    items = [
        (pkg, revision_ids(pkg))
        for pkg in (read_plan_package(datasets_dir, n) for n in plan_package_names(datasets_dir))
    ]
    return private(
        render_template(
            "publishing/index.html",
            items=items,
            form=form,
            issues=issues or [],
            message=message,
            drafts=services.list_drafts(get_session()),
            counts=services.counts,
        ),
        status,
    )


def _upload_form() -> UploadForm:
    """The upload form with the plan packages to choose from."""
    form = UploadForm()
    form.package.choices = [(n, n) for n in plan_package_names(current_app.config["DATASETS_DIR"])]
    return form


@bp.get("/")
@login.require("editor")
def index():
    """Every plan package with its template downloads, the upload form and the drafts."""
    return _index_page(_upload_form())


@bp.get("/<name>/template.<ext>")
@login.require("editor")
def download_template(name: str, ext: str):
    """The pre-filled template of package NAME as .xlsx or .csv (?revision= limits it)."""
    if ext not in ("xlsx", "csv"):
        abort(404)
    try:
        pkg = read_plan_package(current_app.config["DATASETS_DIR"], name)
    except PublishingError:
        abort(404)
    revision = request.args.get("revision") or None
    if revision is not None and revision not in revision_ids(pkg):
        abort(404)
    data = template.workbook_bytes(pkg, revision) if ext == "xlsx" else template.csv_bytes(pkg, revision)
    suffix = f"-{revision.rsplit(':', 1)[-1]}" if revision else ""
    response = private(Response(data, mimetype=XLSX if ext == "xlsx" else "text/csv"))
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{name}-{pkg.version}{suffix}-template.{ext}"'
    )
    return response


@bp.post("/upload")
@login.require("editor")
def upload():
    """Check an uploaded template; keep it as a draft, or list every error by sheet, row and column."""
    request.max_content_length = current_app.config["PUBLISHING_MAX_UPLOAD_BYTES"] + 256 * 1024
    form = _upload_form()
    if not form.validate_on_submit():
        return _index_page(form, message=_("Choose a plan package and a file to upload."), status=400)
    file = form.file.data
    req = services.UploadRequest(
        file.filename or "upload",
        file.read(),
        form.package.data,
        form.correction.data,
        form.note.data or "",
        form.source(),
    )
    session = get_session()
    session.rollback()  # the login check read the account: begin the write transaction afresh
    begin_write(session)
    try:
        draft = services.import_upload(
            session,
            current_app.config["DATASETS_DIR"],
            req,
            actor=g.staff_user,
            limits=_limits(),
            now=clock.now(),
        )
    except services.UploadInvalid as exc:
        session.rollback()
        return _index_page(form, issues=exc.issues, message=str(exc), status=422)
    except (UploadRefused, PublishingError) as exc:
        session.rollback()
        return _index_page(form, message=str(exc), status=400)
    session.commit()
    return redirect(url_for(".draft_page", draft_id=draft.id), code=303)


@bp.get("/drafts/<int:draft_id>")
@login.require("editor")
def draft_page(draft_id: int):
    """The preview of a draft against the latest release, and the decision form for another admin."""
    draft = services.get_draft(get_session(), draft_id) or abort(404)
    may_decide = (
        g.staff_user.can("admin") and g.staff_user.username != draft.uploaded_by and draft.status == DRAFT
    )
    return private(
        render_template(
            "publishing/draft.html",
            draft=draft,
            form=DecisionForm(),
            may_decide=may_decide,
            counts=services.counts(draft.summary),
        )
    )


@bp.post("/drafts/<int:draft_id>/decide")
@login.require("admin")
def decide(draft_id: int):
    """Approve the draft (publish the new version) or send it back with a comment."""
    return decide_with(draft_id, services.get_draft, approve_and_refresh, services.send_back,
                       _("The draft was sent back to its uploader."), ".draft_page")


def decide_with(draft_id: int, find: Callable[[Any, int], Any], approve: Callable[..., Any],
                send_back: Callable[..., Any], sent_back: str, page: str):
    """The decision POST of a draft (figures or a document URL): approve and publish, or send back."""
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    find(session, draft_id) or abort(404)
    try:
        if request.form.get("decision") == "approve":
            published = approve(
                current_app._get_current_object(),  # type: ignore[attr-defined]
                draft_id,
                username=g.staff_user.username,
                comment=form.comment.data or "",
                actor_of=lambda s, name: s.merge(g.staff_user),
            )
            flash(_("Version %(version)s of %(name)s is published.", version=published.version,
                    name=published.name))
        else:
            session.rollback()
            begin_write(session)
            draft = find(session, draft_id) or abort(404)
            send_back(session, draft, actor=g.staff_user, comment=form.comment.data or "", now=clock.now())
            session.commit()
            flash(sent_back)
    except PublishingError as exc:
        session.rollback()
        flash(str(exc), "error")
    return redirect(url_for(page, draft_id=draft_id), code=303)
