"""`portal consult purge-personal-data`: delete names, contacts and unredacted originals after
the retention period (CONSULT_PERSONAL_DATA_RETENTION_DAYS days after the result is published)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.consult.cli import consult_group


@consult_group.command("purge-personal-data")
@click.option("--days", type=int, default=None,
              help="Retention in days after publication (default CONSULT_PERSONAL_DATA_RETENTION_DAYS).")
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
@with_appcontext
def purge_personal_data(days: int | None, dry_run: bool) -> None:
    """Delete commenters' personal data of results published more than the retention period ago."""
    from portal import clock
    from portal.consult import retention
    from portal.db import begin_write, get_session
    from portal.staff import audit

    days = current_app.config["CONSULT_PERSONAL_DATA_RETENTION_DAYS"] if days is None else days
    if days < 0:
        raise click.BadParameter("must be 0 or more", param_hint="--days")
    session = get_session()
    begin_write(session)
    report = retention.purge_personal_data(session, now=clock.now(), days=days, dry_run=dry_run)
    if not dry_run and report.consultations:
        audit.record(session, actor="system:purge", action="purge_personal_data",
                     target="consultations:" + ",".join(report.consultations),
                     after={"identities": report.identities, "originals": report.originals,
                            "days": days}, now=clock.now())
    session.commit()
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb}: {report.identities} names/contacts, {report.originals} unredacted "
               f"originals, in {len(report.consultations)} consultation(s) "
               f"{' '.join(report.consultations)}".rstrip())
