"""`portal notify send` (once, or `--loop` as a service) and `portal notify purge`: run by cron or
systemd, never inside a request. Output is counts only: no address is ever printed or logged."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import clock


@click.group("notify")
def notify_group() -> None:
    """Follow-by-email mails."""


@notify_group.command("send")
@click.option("--loop", is_flag=True, help="Keep running: send, wait --interval seconds, again.")
@click.option("--interval", default=30.0, show_default=True, help="Seconds between two runs with --loop.")
@click.option("--batch", default=200, show_default=True, help="Most mails per SMTP connection.")
@with_appcontext
def send_command(loop: bool, interval: float, batch: int) -> None:
    """Queue the mails of new public events, then send every due mail (retries with backoff)."""
    from portal.notify import sender

    if not current_app.config["SMTP_URL"]:
        raise click.ClickException("PORTAL_SMTP_URL is not set: nowhere to send mail.")
    while True:
        report = sender.prepare(current_app, clock.now())
        while True:
            sent_before = report.sent
            sender.send_due(current_app, clock.now(), batch, report)
            if report.sent == sent_before:
                break
        click.echo(f"queued {report.queued}, sent {report.sent}, retrying {report.retrying}, "
                   f"failed {report.failed}, unconfirmed addresses deleted {report.purged}")
        if not loop:
            return
        time.sleep(interval)


@notify_group.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete subscriptions left unconfirmed for 7 days and addresses no subscription uses."""
    from portal.db import begin_write, get_session
    from portal.notify import services

    session = get_session()
    session.rollback()
    begin_write(session)
    gone = services.purge_unconfirmed(session, clock.now())
    session.commit()
    click.echo(f"unconfirmed addresses deleted: {gone}")
