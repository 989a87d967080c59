"""The mails: a confirmation, one event, or a digest grouped by plan; plain text, in the
subscription's language, each with RFC 8058 one-click unsubscribe headers. SMTP settings come
from PORTAL_SMTP_URL (smtp://host:port, smtp+starttls://…, smtps://…, user:password@ allowed)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import unquote, urlsplit

from flask import current_app

from portal.i18n import _, localized
from portal.updates.events import Event
from portal.updates.present import show
from portal.urls import public_base, public_url


@dataclass(frozen=True)
class Smtp:
    """Where and how to send."""

    host: str
    port: int
    tls: str  # "", "starttls" or "ssl"
    user: str
    password: str


def smtp_settings(url: str) -> Smtp:
    """Parse PORTAL_SMTP_URL; a ValueError names what is wrong (never the password)."""
    parts = urlsplit(url)
    tls = {"smtp": "", "smtp+starttls": "starttls", "smtps": "ssl"}.get(parts.scheme)
    if tls is None or not parts.hostname:
        raise ValueError("PORTAL_SMTP_URL must look like smtp://host:port (or smtp+starttls://, smtps://)")
    port = parts.port or (465 if tls == "ssl" else 587 if tls == "starttls" else 25)
    return Smtp(parts.hostname, port, tls, unquote(parts.username or ""), unquote(parts.password or ""))


def connect(settings: Smtp, timeout: float = 30) -> smtplib.SMTP:
    """An open, logged-in SMTP connection."""
    if settings.tls == "ssl":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout)
    else:
        conn = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        if settings.tls == "starttls":
            conn.starttls()
    if settings.user:
        conn.login(settings.user, settings.password)
    return conn


def _host() -> str:
    """The host name of PUBLIC_BASE_URL (Message-IDs)."""
    return urlsplit(public_base()).hostname or "localhost"


def _message(to: str, subject: str, body: str, token: str, message_id: str, now: datetime) -> EmailMessage:
    """A plain-text mail with the unsubscribe headers of RFC 2369 and RFC 8058."""
    msg = EmailMessage()
    msg["From"] = current_app.config["NOTIFY_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now.replace(tzinfo=UTC))
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg["List-Unsubscribe"] = f"<{public_url('notify.one_click', token=token)}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    footer = _("To stop these mails, open this link (no login needed): %(url)s",
               url=public_url("notify.unsubscribe_page", token=token))
    msg.set_content(f"{body}\n\n-- \n{footer}\n")
    return msg


def message_id(kind: str, row_id: int) -> str:
    """A stable Message-ID per queued mail (a resent one has the same id)."""
    return f"<{kind}-{row_id}@{_host()}>"


def confirmation(to: str, what: str, token: str, row_id: int, now: datetime) -> EmailMessage:
    """The double opt-in mail: nothing is sent to this address until the link is used."""
    body = "\n\n".join([
        _("Someone asked the Setagaya plan-progress portal to send updates about “%(what)s” to this "
          "address.", what=what),
        _("To confirm, open this link and press the button: %(url)s",
          url=public_url("notify.confirm_page", token=token)),
        _("If it was not you, do nothing: the address is deleted after 7 days."),
    ])
    return _message(to, _("Please confirm: updates from the Setagaya plan-progress portal"), body,
                    token, message_id("confirm", row_id), now)


def _event_lines(event: Event) -> str:
    """An event as text: its title, link and summary."""
    shown = show(event)
    link = public_url(shown.endpoint, **shown.args)
    return "\n".join(part for part in (shown.title, link, shown.summary) if part)


def notice(to: str, event: Event, token: str, row_id: int, now: datetime) -> EmailMessage:
    """One event, sent at once."""
    return _message(to, show(event).title, _event_lines(event), token, message_id("event", row_id), now)


def digest(to: str, groups: list[tuple[dict[str, str] | None, list[Event]]], token: str, row_id: int,
           now: datetime) -> EmailMessage:
    """A daily or weekly digest: one section per plan, newest event first, numbered."""
    total = sum(len(found) for _plan, found in groups)
    sections = []
    for plan, found in groups:
        heading = localized(plan) if plan else _("Consultations and the whole portal")
        lines = [f"{i}. {_event_lines(e)}".replace("\n", "\n   ") for i, e in enumerate(found, 1)]
        sections.append(f"■ {heading}\n\n" + "\n\n".join(lines))
    intro = _("%(num)d updates from the Setagaya plan-progress portal, by plan:", num=total)
    return _message(to, _("Digest: %(num)d updates from the Setagaya plan-progress portal", num=total),
                    intro + "\n\n" + "\n\n".join(sections), token, message_id("digest", row_id), now)
