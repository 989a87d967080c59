"""Staff pages of the publishing back office: packages, template downloads, uploads, drafts."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request

from portal.publishing import template
from portal.publishing.packages import PublishingError, plan_package_names, read_plan_package, revision_ids
from portal.staff import session as login
from portal.staff.views import private

bp = Blueprint("publishing", __name__, url_prefix="/staff/data")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@login.require("editor")
def index():
    """Every plan package with its template downloads."""
    datasets_dir = current_app.config["DATASETS_DIR"]
    items = []
    for name in plan_package_names(datasets_dir):
        pkg = read_plan_package(datasets_dir, name)
        items.append((pkg, revision_ids(pkg)))
    return private(render_template("publishing/index.html", items=items))


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
        f'attachment; filename="{name}-{pkg.version}{suffix}-template.{ext}"')
    return response
