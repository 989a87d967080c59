"""`portal data template|import|approve`: the publishing back office for scripts."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.publishing import template
from portal.publishing.packages import PublishingError, read_plan_package, revision_ids


@click.group("data")
def data_group() -> None:
    """Publish new figures of a plan package (template, import, approve)."""


@data_group.command("template")
@click.argument("package")
@click.option("--revision", default=None, help="Only the indicators of this revision id.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="File to write: .xlsx (workbook) or .csv (the observations sheet).")
@with_appcontext
def template_command(package: str, revision: str | None, out: str) -> None:
    """Write the pre-filled template of PACKAGE (a published plan package)."""
    out_path = Path(out)
    try:
        pkg = read_plan_package(current_app.config["DATASETS_DIR"], package)
    except PublishingError as exc:
        raise click.ClickException(str(exc)) from None
    if revision is not None and revision not in revision_ids(pkg):
        raise click.ClickException(f"{package} has no revision {revision} with indicators "
                                   f"(choose from: {', '.join(revision_ids(pkg))})")
    if out_path.suffix.lower() == ".csv":
        data = template.csv_bytes(pkg, revision)
    elif out_path.suffix.lower() == ".xlsx":
        data = template.workbook_bytes(pkg, revision)
    else:
        raise click.ClickException("--out must name a .xlsx or .csv file")
    out_path.write_bytes(data)
    rows = template.template_rows(pkg, revision)
    click.echo(f"{out}: {package} {pkg.version}, {len(rows.observations)} observation rows "
               f"(empty rows for fiscal year {rows.next_year}), {len(rows.targets)} targets")
