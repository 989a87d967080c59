"""Follow-by-email tables. Addresses are personal data: they live only in `follower_address`,
which no page, export, search index or log reads; everything else refers to an opaque id.

A subscription is one address following one thing (the site, a plan, a 施策 concept or a
consultation), confirmed by a link mailed to it (double opt-in). The outbox holds every mail to
send, at most one per address and event (a unique key), so a follower of both a plan and the
site gets one mail per event, and a scan repeated after a crash queues nothing twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base

#: What can be followed.
TARGETS = ("site", "plan", "concept", "consultation")
#: How often mails go out: each event at once, or a digest per day or per week.
FREQUENCIES = ("immediate", "daily", "weekly")


class FollowerAddress(Base):
    """An e-mail address (personal data), kept only while a subscription uses it."""

    __tablename__ = "follower_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The address as entered (trimmed; the domain lower-cased: the local part is case-sensitive).
    address: Mapped[str] = mapped_column(String(254), unique=True)
    frequency: Mapped[str] = mapped_column(String(10), default="immediate")
    #: When the last digest went out (None: never).
    last_digest_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Subscription(Base):
    """One address following one target; confirmed_at is None until the link is used."""

    __tablename__ = "subscription"
    __table_args__ = (UniqueConstraint("address_id", "target", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    address_id: Mapped[int] = mapped_column(ForeignKey("follower_address.id", ondelete="CASCADE"),
                                            index=True)
    target: Mapped[str] = mapped_column(String(20))
    #: Plan id, concept id or consultation slug ("" for the site).
    target_key: Mapped[str] = mapped_column(String(200))
    #: The plan of a followed 施策 concept (its data versions are its events too).
    plan_id: Mapped[str | None] = mapped_column(String(100))
    #: URL language of the mails (the page's language when following).
    lang: Mapped[str] = mapped_column(String(10))
    #: Random salt of the link secret, HMAC(SECRET_KEY, id and salt): the sender recomputes it,
    #: a leaked table alone gives no working link. A new request for the same target renews it.
    token_salt: Mapped[str] = mapped_column(String(32))
    #: sha256 of the link secret, to find the subscription from a link.
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Outbox(Base):
    """One mail to send: a confirmation, or an event for an address; sent at most once."""

    __tablename__ = "notify_outbox"
    __table_args__ = (UniqueConstraint("address_id", "kind", "event_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    address_id: Mapped[int] = mapped_column(ForeignKey("follower_address.id", ondelete="CASCADE"),
                                            index=True)
    #: The subscription that caused it (its language and unsubscribe link).
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscription.id", ondelete="CASCADE"))
    #: "confirm" or "event".
    kind: Mapped[str] = mapped_column(String(10))
    #: The event's key (portal.updates.events), or "confirm/<subscription id>".
    event_key: Mapped[str] = mapped_column(String(200))
    #: pending, sent or failed (after the last retry).
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    #: The SMTP answer of the last failure (no address in it: the server's code and text only).
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class SeenEvent(Base):
    """A public event the sender has already turned into mails (or found before anyone followed)."""

    __tablename__ = "notify_seen_event"

    event_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[datetime]
