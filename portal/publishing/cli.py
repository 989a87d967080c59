"""`portal data template|import|approve|document-url|approve-document-url`: the back office for scripts."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.publishing import template
from portal.publishing.packages import PublishingError, read_plan_package, revision_ids
from portal.publishing.upload import Limits


@click.group("data")
def data_group() -> None:
    """Publish new figures of a plan package (template, import, approve)."""


@data_group.command("template")
@click.argument("package")
@click.option("--revision", default=None, help="Only the indicators of this revision id.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write: .xlsx (workbook) or .csv (the observations sheet).",
)
@with_appcontext
def template_command(package: str, revision: str | None, out: str) -> None:
    """Write the pre-filled template of PACKAGE (a published plan package)."""
    out_path = Path(out)
    try:
        pkg = read_plan_package(current_app.config["DATASETS_DIR"], package)
    except PublishingError as exc:
        raise click.ClickException(str(exc)) from None
    if revision is not None and revision not in revision_ids(pkg):
        raise click.ClickException(
            f"{package} has no revision {revision} with indicators "
            f"(choose from: {', '.join(revision_ids(pkg))})"
        )
    if out_path.suffix.lower() == ".csv":
        data = template.csv_bytes(pkg, revision)
    elif out_path.suffix.lower() == ".xlsx":
        data = template.workbook_bytes(pkg, revision)
    else:
        raise click.ClickException("--out must name a .xlsx or .csv file")
    out_path.write_bytes(data)
    rows = template.template_rows(pkg, revision)
    click.echo(
        f"{out}: {package} {pkg.version}, {len(rows.observations)} observation rows "
        f"(empty rows for fiscal year {rows.next_year}), {len(rows.targets)} targets"
    )


def _staff(session, username: str):
    """The active staff account USERNAME (a ClickException when there is none)."""
    from sqlalchemy import select

    from portal.staff.models import StaffUser

    user = session.scalar(select(StaffUser).where(StaffUser.username == username.strip().lower()))
    if user is None or not user.active:
        raise click.ClickException(f"there is no active staff account {username}")
    return user


def limits() -> Limits:
    """The upload limits from the configuration."""
    cfg = current_app.config
    return Limits(cfg["PUBLISHING_MAX_UPLOAD_BYTES"], cfg["PUBLISHING_MAX_ROWS"])


@data_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--by", "by", required=True, help="Username of the staff member uploading (editor or admin).")
@click.option("--package", default=None, help="Plan package (default: read from the file's indicator ids).")
@click.option("--correction", default=None, help="Publish as a correction (patch version) for this reason.")
@click.option("--source-title", default=None, help="Source document title (overrides the source sheet).")
@click.option("--source-publisher", default=None, help="Source document publisher.")
@click.option("--source-date", default=None, help="Source document date (YYYY-MM-DD).")
@click.option("--source-url", default=None, help="Source document URL.")
@click.option("--source-page", default=None, help="Page of the source document.")
@with_appcontext
def import_command(
    file: str, by: str, package: str | None, correction: str | None, **src: str | None
) -> None:
    """Check FILE and keep it as a draft; print the draft id and what would change (exit 1 on errors)."""
    from portal import clock
    from portal.db import begin_write, get_session
    from portal.publishing import services
    from portal.publishing.upload import UploadRefused

    names = {
        "source_title": "title_ja",
        "source_publisher": "publisher",
        "source_date": "published",
        "source_url": "url",
        "source_page": "page",
    }
    request = services.UploadRequest(
        Path(file).name,
        Path(file).read_bytes(),
        package,
        bool(correction),
        correction or "",
        {names[k]: v for k, v in src.items() if v},
    )
    session = get_session()
    begin_write(session)
    try:
        draft = services.import_upload(
            session,
            current_app.config["DATASETS_DIR"],
            request,
            actor=_staff(session, by),
            limits=limits(),
            now=clock.now(),
        )
    except services.UploadInvalid as exc:
        click.echo(str(exc), err=True)
        for issue in exc.issues:
            click.echo(f"  - {issue}", err=True)
        raise SystemExit(1) from None
    except (UploadRefused, PublishingError) as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    c = services.counts(draft.summary)
    click.echo(
        f"draft {draft.id}: {draft.package_name} {draft.base_version} → next {draft.bump} version; "
        f"{c['added']} added, {c['changed']} changed, {c['removed']} removed, "
        f"{c['targets']} target change(s), {c['statuses']} status change(s)"
    )
    for s in draft.summary["statuses"]:
        click.echo(f"  status {s['code']} {s['name_ja']}: {s['before']} → {s['after']}")


@data_group.command("approve")
@click.argument("draft_id", type=int)
@click.option("--by", "by", required=True, help="Username of the approving admin (not the uploader).")
@click.option("--comment", default="", help="Approval comment.")
@with_appcontext
def approve_command(draft_id: int, by: str, comment: str) -> None:
    """Approve DRAFT: publish the new version, load it and rebuild the search index."""
    from portal.publishing import after

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        published = after.approve_and_refresh(app, draft_id, username=by, comment=comment, actor_of=_staff)
    except PublishingError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"published {published.name} {published.version}")


@data_group.command("document-url")
@click.argument("document_id")
@click.argument("url")
@click.option("--note", required=True, help="Where the URL comes from (public, in the changelog).")
@click.option("--by", "by", required=True, help="Username of the proposing editor or admin.")
@with_appcontext
def document_url_command(document_id: str, url: str, note: str, by: str) -> None:
    """Propose URL as the official page of registered document DOCUMENT_ID ("" removes it)."""
    from portal import clock
    from portal.db import begin_write, get_session
    from portal.publishing import document_urls

    session = get_session()
    begin_write(session)
    hosts = tuple(current_app.config["PUBLISHING_DOCUMENT_URL_HOSTS"].split())
    try:
        draft = document_urls.propose(session, current_app.config["DATASETS_DIR"], document_id=document_id,
                                      url=url, note=note, actor=_staff(session, by), hosts=hosts,
                                      now=clock.now())
    except PublishingError as exc:
        session.rollback()
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"document-url draft {draft.id}: {document_id} → {draft.url or '(no URL)'}")


@data_group.command("approve-document-url")
@click.argument("draft_id", type=int)
@click.option("--by", "by", required=True, help="Username of the approving admin (not the proposer).")
@click.option("--comment", default="", help="Approval comment.")
@with_appcontext
def approve_document_url_command(draft_id: int, by: str, comment: str) -> None:
    """Approve document-URL DRAFT_ID: publish the documents registry's next version."""
    from portal.publishing import after

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        published = after.approve_url_and_refresh(app, draft_id, username=by, comment=comment,
                                                  actor_of=_staff)
    except PublishingError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"published {published.name} {published.version}")
