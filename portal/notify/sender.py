"""`portal notify send`: outside requests, queue the mails of new events, then send what is due.

SMTP gives no way to send exactly once over a crash in every instant, so the sender makes the
one instant where a kill can do harm as short as a program can: it sends the message body with
the row's change to `sending` written but not yet committed, then writes the final "." that
makes the server take the mail and, in the very next call, commits (the driver's own commit,
with nothing of SQLAlchemy's in between). A sender killed before the "." leaves the server an
unfinished transaction, which it discards: the row is still pending and the next run sends it,
once. Killed after the commit has reached the database (SQLite's WAL write, PostgreSQL's
COMMIT sent), the row is `sending` and never sent again: the server has the "." in any case,
since the kernel delivers what the process wrote before it died. What is left is a kill between
the "." and the commit's write, a few microseconds: the mail is then sent twice, with the same
Message-ID (mail clients show it once), never lost. The row becomes `sent` on the server's
250; a refusal (4xx/5xx) puts it back to pending with a growing wait (BACKOFF), then leaves it
as failed.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.policy import SMTP as SMTP_POLICY

from flask import Flask, current_app, g
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.db import begin_write, get_session
from portal.i18n import localized
from portal.notify import mail, queue, services
from portal.notify.models import FollowerAddress, Outbox, Subscription
from portal.updates import events as ev

#: Waits before the 2nd, 3rd … attempt; after the last one a mail is left as failed.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=12))
DIGEST_PERIOD = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass
class Unit:
    """What goes out in one mail: one row, or a digest's rows for one address."""

    address: FollowerAddress
    subscription: Subscription
    rows: list[Outbox]
    kind: str


@dataclass
class Report:
    """What one run did (counts only: no address ever leaves this module)."""

    queued: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    purged: int = 0
    errors: list[str] = field(default_factory=list)


def _digest_due(address: FollowerAddress, now: datetime) -> bool:
    """True when ADDRESS's digest period has passed since its last digest."""
    return address.last_digest_at is None or now - address.last_digest_at >= DIGEST_PERIOD[address.frequency]


def due_units(session: Session, now: datetime, limit: int) -> list[Unit]:
    """Up to LIMIT mails due at NOW, oldest first; digests gather all of an address's pending events."""
    rows = session.execute(select(Outbox, FollowerAddress, Subscription)
                           .join(FollowerAddress, FollowerAddress.id == Outbox.address_id)
                           .join(Subscription, Subscription.id == Outbox.subscription_id)
                           .where(Outbox.status == "pending", Outbox.next_attempt_at <= now)
                           .order_by(Outbox.id)).all()
    units: list[Unit] = []
    digests: dict[int, Unit] = {}
    for row, address, sub in rows:
        if row.kind == "confirm" or address.frequency == "immediate":
            units.append(Unit(address, sub, [row], row.kind))
        elif _digest_due(address, now):
            digests.setdefault(address.id, Unit(address, sub, [], "digest")).rows.append(row)
        if len(units) + len(digests) >= limit:
            break
    return sorted([*units, *digests.values()], key=lambda u: u.rows[0].id)[:limit]


def _compose(unit: Unit, found: dict[str, ev.Event], now: datetime):
    """The mail of UNIT (None when its event is no longer public)."""
    sub, to, first = unit.subscription, unit.address.address, unit.rows[0]
    if unit.kind == "confirm":
        return mail.confirmation(to, _target_name(sub), _token_of(sub), first.id, now)
    events = [found[r.event_key] for r in unit.rows if r.event_key in found]
    if not events:
        return None
    if unit.kind == "event":
        return mail.notice(to, events[0], _token_of(sub), first.id, now)
    return mail.digest(to, _by_plan(events), _token_of(sub), first.id, now)


def _by_plan(found: list[ev.Event]) -> list[tuple[dict[str, str] | None, list[ev.Event]]]:
    """FOUND grouped by plan (plans by name, events newest first); events of no plan last."""
    session = get_session()
    groups: dict[str | None, list[ev.Event]] = {}
    for event in sorted(found, key=lambda e: e.at, reverse=True):
        groups.setdefault(event.plan_id, []).append(event)
    named = [(ev.plan_name(session, p) if p else None, es) for p, es in groups.items()]
    return sorted(named, key=lambda pair: (pair[0] is None, (pair[0] or {}).get("ja", "")))


def _target_name(sub: Subscription) -> str:
    """What SUB follows, in words (in the current language)."""
    from portal.i18n import _

    session = get_session()
    if sub.target == "site":
        return _("everything on the portal")
    if sub.target == "plan":
        return localized(ev.plan_name(session, sub.target_key) or {"ja": sub.target_key})
    if sub.target == "consultation":
        c = ev.consultation(session, sub.target_key)
        return localized({"ja": c.title_ja, "en": c.title_en}) if c else sub.target_key
    found = ev.concept_plan(session, sub.target_key)
    return localized({"ja": found[1].name_ja, "en": found[1].name_en}) if found else sub.target_key


def _token_of(sub: Subscription) -> str:
    """The link secret of SUB (recomputed: only its digest is stored)."""
    return services.link_token(current_app.config["SECRET_KEY"], sub)


def _mark(session: Session, unit: Unit, now: datetime, error: str | None) -> str:
    """Record UNIT as sent, or its failure (retry after BACKOFF, or failed); commit; return which."""
    session.rollback()
    begin_write(session)
    outcome = "sent"
    for row in unit.rows:
        row = session.merge(row)
        if error is None:
            row.status, row.sent_at = "sent", now
        else:
            row.attempts += 1
            row.last_error = error[:500]
            done = row.attempts > len(BACKOFF)
            row.status = "failed" if done else "pending"
            row.next_attempt_at = now + (BACKOFF[-1] if done else BACKOFF[row.attempts - 1])
            outcome = "failed" if done else "retrying"
    if error is None and unit.kind == "digest":
        session.merge(unit.address).last_digest_at = now
    session.commit()
    return outcome


def _deliver(conn: smtplib.SMTP, session: Session, unit: Unit, message) -> None:
    """Send MESSAGE, committing UNIT as `sending` right after the final "." (see the module doc)."""
    data = message.as_bytes(policy=SMTP_POLICY)
    conn.ehlo_or_helo_if_needed()
    sender_, to = current_app.config["NOTIFY_FROM"], unit.address.address
    for code, reply in (conn.mail(sender_), conn.rcpt(to)):
        if code >= 400:
            raise smtplib.SMTPResponseException(code, reply)
    code, reply = conn.docmd("DATA")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    body = re.sub(rb"(?m)^\.", b"..", data)
    conn.send(body if body.endswith(b"\r\n") else body + b"\r\n")
    _commit_sending_after(session, unit, lambda: conn.send(b".\r\n"))
    code, reply = conn.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def _commit_sending_after(session: Session, unit: Unit, end_data: Callable[[], None]) -> None:
    """Mark UNIT `sending`, call END_DATA (the final "."), then commit at once (see the module doc)."""
    session.rollback()
    begin_write(session)
    for row in unit.rows:
        session.merge(row).status = "sending"
    session.flush()
    driver = session.connection().connection.dbapi_connection
    end_data()
    driver.commit()  # the next call after the ".": SQLAlchemy's own commit below finds nothing left
    session.commit()


def _smtp_error(exc: Exception) -> str:
    """What went wrong, without the server's text (it may quote the address): class and codes."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"SMTPRecipientsRefused {sorted(code for code, _text in exc.recipients.values())}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__} {exc.smtp_code}"
    return type(exc).__name__


def prepare(app: Flask, now: datetime) -> Report:
    """Purge unconfirmed subscriptions and queue the mails of new events, in one commit."""
    session = get_session()
    session.rollback()
    begin_write(session)
    report = Report(purged=services.purge_unconfirmed(session, now))
    report.queued = queue.scan(session, ev.public_events(session, now), now)
    session.commit()
    return report


def send_due(app: Flask, now: datetime, limit: int, report: Report) -> Report:
    """Send up to LIMIT due mails over one SMTP connection, committing after each."""
    session = get_session()
    session.rollback()
    units = due_units(session, now, limit)
    if not units:
        return report
    found = {e.key: e for e in ev.public_events(session, now)}
    conn = mail.connect(mail.smtp_settings(app.config["SMTP_URL"]))
    try:
        for unit in units:
            with app.test_request_context(f"/{unit.subscription.lang}/"):
                g.lang = unit.subscription.lang
                message = _compose(unit, found, now)
            if message is None:
                _mark(session, unit, now, "the event is no longer public")
                continue
            try:
                _deliver(conn, session, unit, message)
            except (smtplib.SMTPException, OSError) as exc:
                outcome = _mark(session, unit, now, _smtp_error(exc))
                setattr(report, outcome, getattr(report, outcome) + 1)
                if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
                    break  # the rest stays pending for the next run
                continue
            _mark(session, unit, now, None)
            report.sent += 1
    finally:
        conn.quit()
    return report
