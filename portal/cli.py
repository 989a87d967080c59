"""The `portal` command: build, serve, db and search subcommands (Flask CLI conventions)."""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext


def _create_app() -> Flask:
    """Create the app for the CLI (configuration from PORTAL_* variables)."""
    from portal import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main() -> None:
    """Setagaya plan-progress portal."""


def _progress(label: str, items: Iterable) -> Iterable:
    """Show a click progress bar over ITEMS on stderr."""
    items = list(items)
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


@click.command("build")
@click.option("--no-index", is_flag=True, help="Load the database only; leave the index as it is.")
@with_appcontext
def build_command(no_index: bool) -> None:
    """Validate datasets/, load the database and build the search index."""
    from portal.build import BuildFailed, build

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        report = build(app, _progress, reindex=False)
    except BuildFailed as failed:
        click.echo(f"Build stopped: {len(failed.problems)} problem(s); nothing was changed.",
                   err=True)
        for problem in failed.problems[:200]:
            click.echo(f"  - {problem}", err=True)
        raise SystemExit(1) from None
    for name, version, action, counts in report.packages:
        detail = ", ".join(f"{n} {t}" for t, n in counts.items())
        click.echo(f"{name} {version}: {action}" + (f" ({detail})" if detail else ""))
    if not no_index:
        from portal.search.rebuild import rebuild_index

        report.index_counts = rebuild_index(app, force=report.changed, progress=_progress)
    if report.index_counts:
        detail = ", ".join(f"{lang} {n}" for lang, n in report.index_counts.items())
        click.echo(f"search index rebuilt: {detail} documents")
    else:
        click.echo("search index: up to date")


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default from SERVE_HOST).")
@click.option("--port", default=None, type=int, help="Port to bind (default from SERVE_PORT).")
@click.option("--production", is_flag=True,
              help="Serve with gunicorn (SERVE_WORKERS × SERVE_THREADS) and JSON logs.")
@click.option("--workers", default=None, type=int, help="gunicorn workers (with --production).")
@with_appcontext
def serve_command(host: str | None, port: int | None, production: bool,
                  workers: int | None) -> None:
    """Serve the portal on SERVE_HOST:SERVE_PORT (development server, or gunicorn)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    host = host or app.config["SERVE_HOST"]
    port = port or app.config["SERVE_PORT"]
    if production:
        from portal import secret, serving

        problem = secret.production_problem(app)
        if problem:
            raise click.ClickException(problem)

        serving.run(host, port, workers or app.config["SERVE_WORKERS"],
                    app.config["SERVE_THREADS"])
        return
    from werkzeug.serving import run_simple

    click.echo(f"Serving the portal on http://{host}:{port}/ (Ctrl+C to stop)")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@click.command("export-static")
@click.argument("outdir")
@click.option("--dynamic-base", default=None,
              help="URL of the Flask app for search, consultations and the API "
                   "(default PUBLIC_BASE_URL; '' keeps those links root-relative).")
@with_appcontext
def export_static_command(outdir: str, dynamic_base: str | None) -> None:
    """Write every public read-only page and file as a static mirror in OUTDIR."""
    from portal.export import export_static

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    base = app.config["PUBLIC_BASE_URL"] if dynamic_base is None else dynamic_base
    report = export_static(app, outdir, base)
    click.echo(f"static mirror written to {outdir}: {report.pages} pages, {report.files} files")
    for skipped in report.skipped[:20]:
        click.echo(f"  not exported: {skipped}", err=True)


@click.command("backup")
@click.argument("target", required=False)
@with_appcontext
def backup_command(target: str | None) -> None:
    """Write a consistent copy of the database (SQLite backup API or pg_dump) while serving."""
    from datetime import UTC, datetime
    from pathlib import Path

    from portal import backup

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = Path(target) if target else Path(app.config["BACKUP_DIR"]) / f"portal-{stamp}.backup"
    backup.backup(app.config["DATABASE_URL"], path)
    click.echo(f"backup written: {path}")


@click.command("restore")
@click.argument("source")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(source: str, yes: bool) -> None:
    """Replace the database with a backup (stop the portal first)."""
    from portal import backup

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not yes:
        click.confirm("This replaces every row of the database. Continue?", abort=True)
    try:
        backup.restore(app.config["DATABASE_URL"], source)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"database restored from {source}")


@click.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or upgrade the schema to the newest migration."""
    from portal.db import get_engine
    from portal.migrate import upgrade

    upgrade(get_engine())
    click.echo("database schema is up to date")


@click.group("search")
def search_group() -> None:
    """Search index commands."""


@search_group.command("rebuild")
@with_appcontext
def search_rebuild() -> None:
    """Rebuild every language's index into new folders and swap them in."""
    from portal.search.rebuild import rebuild_index

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    counts = rebuild_index(app, force=True, progress=_progress)
    click.echo("search index rebuilt: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def register_commands(app: Flask) -> None:
    """Attach every subcommand to APP's CLI."""
    for command in (build_command, serve_command, export_static_command, backup_command,
                    restore_command, db_group,
                    search_group):
        app.cli.add_command(command)
    from portal.notify.cli import notify_group
    from portal.review.cli import consult_group
    from portal.staff.cli import audit_group, user_group

    app.cli.add_command(consult_group)
    app.cli.add_command(notify_group)
    app.cli.add_command(user_group)
    app.cli.add_command(audit_group)
