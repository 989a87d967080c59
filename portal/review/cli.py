"""`portal consult open|list|purge-personal-data`: the ward's consultation commands.

`purge-personal-data` deletes names, contacts and unredacted originals after the retention period
(CONSULT_PERSONAL_DATA_RETENTION_DAYS days after the result is published)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import clock
from portal.consult import services
from portal.review import opening
from portal.review.forms import ConsultationForm, errors_of

#: Form field → command-line option, where they differ.
OPTION = {"revision_id": "revision", "short_period_reason_ja": "short_reason_ja",
          "short_period_reason_en": "short_reason_en"}


@click.group("consult")
def consult_group() -> None:
    """Public-comment consultations."""


@consult_group.command("open")
@click.option("--slug", required=True, help="Identifier used in the URL, e.g. hoken-2024-an.")
@click.option("--revision", "revision_id", required=True, help="Revision id, e.g. hoken-fukushi-plan:r2024.")
@click.option("--measure", "node_ids", multiple=True,
              help="A 施策 node id in scope (repeat); none = every 施策 of the revision.")
@click.option("--opens", required=True, help="Opening, Asia/Tokyo: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'.")
@click.option("--closes", required=True, help="Closing minute, Asia/Tokyo; a bare date means 23:59 (必着).")
@click.option("--title-ja", required=True)
@click.option("--title-en", default="")
@click.option("--description-ja", default="")
@click.option("--description-en", default="")
@click.option("--channels-ja", default="", help="Other ways to submit (mail, FAX, counter), Japanese.")
@click.option("--channels-en", default="")
@click.option("--short-reason-ja", default=None, help="Why the period is shorter than the minimum.")
@click.option("--short-reason-en", default=None)
@with_appcontext
def consult_open(slug: str, revision_id: str, node_ids: tuple[str, ...], opens: str, closes: str,
                 **texts: str | None) -> None:
    """Open a consultation on a revision (all its 施策, or the --measure ones)."""
    from portal.db import begin_write, get_session
    from portal.staff import audit

    form = ConsultationForm(data={
        "slug": slug, "revision_id": revision_id, "opens": opens, "closes": closes,
        "short_period_reason_ja": texts.pop("short_reason_ja"),
        "short_period_reason_en": texts.pop("short_reason_en"), **texts})
    if not form.validate():  # the staff pages' rules, text rule included
        raise click.ClickException("; ".join(f"--{OPTION.get(k, k).replace('_', '-')}: {v}"
                                             for k, v in errors_of(form).items()))
    spec = form.spec(slug)
    spec.node_ids = list(node_ids) or None
    try:
        session = get_session()
        begin_write(session)
        consultation = opening.open_consultation(
            session, spec, min_days=current_app.config["CONSULT_MIN_PERIOD_DAYS"], now=clock.now())
        audit.record(session, actor="system:cli", action="open_consultation",
                     target=f"consultation:{slug}", after=opening.snapshot(consultation),
                     now=clock.now())
        session.commit()
    except services.ConsultError as exc:
        raise click.ClickException(str(exc)) from None
    opens_at, closes_at = opening.local_period(consultation)
    click.echo(f"opened {consultation.slug}: {len(consultation.measures)} 施策 of {revision_id}, "
               f"{opens_at:%Y-%m-%d %H:%M} – {closes_at:%Y-%m-%d %H:%M} JST")


@consult_group.command("list")
@with_appcontext
def consult_list() -> None:
    """List consultations with their status and comment counts."""
    from portal.db import get_session

    session = get_session()
    now = clock.now()
    for c in services.list_consultations(session):
        click.echo(f"{c.slug}\t{c.status(now)}\t{c.revision_id}\t"
                   f"{services.count_comments(session, c)} comments")


@consult_group.command("purge-personal-data")
@click.option("--days", type=int, default=None,
              help="Retention in days after publication (default CONSULT_PERSONAL_DATA_RETENTION_DAYS).")
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
@with_appcontext
def purge_personal_data(days: int | None, dry_run: bool) -> None:
    """Delete commenters' personal data of results published more than the retention period ago."""
    from portal.db import begin_write, get_session
    from portal.review import retention
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
