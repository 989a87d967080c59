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

        with click.progressbar(length=0, label="Indexing documents", file=sys.stderr) as bar:
            report.index_counts = rebuild_index(app, force=report.changed, progress=bar.update)
    if report.index_counts:
        detail = ", ".join(f"{lang} {n}" for lang, n in report.index_counts.items())
        click.echo(f"search index rebuilt: {detail} documents")
    else:
        click.echo("search index: up to date")


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default from SERVE_HOST).")
@click.option("--port", default=None, type=int, help="Port to bind (default from SERVE_PORT).")
@with_appcontext
def serve_command(host: str | None, port: int | None) -> None:
    """Serve the portal (development server, threaded) on SERVE_HOST:SERVE_PORT."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    host = host or app.config["SERVE_HOST"]
    port = port or app.config["SERVE_PORT"]
    click.echo(f"Serving the portal on http://{host}:{port}/ (Ctrl+C to stop)")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


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
    with click.progressbar(length=0, label="Indexing", file=sys.stderr) as bar:
        counts = rebuild_index(app, force=True, progress=bar.update)
    click.echo("search index rebuilt: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def register_commands(app: Flask) -> None:
    """Attach every subcommand to APP's CLI."""
    for command in (build_command, serve_command, db_group, search_group):
        app.cli.add_command(command)
