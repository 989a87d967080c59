"""Following by email: ask (a confirmation mail is queued), confirm, unsubscribe, purge.

Every answer a visitor sees is the same whether the address was known, already confirmed or
new (nothing tells a stranger who follows what). Addresses are deleted with their last
subscription, and unconfirmed subscriptions after CONFIRM_DAYS.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from portal.notify.models import FREQUENCIES, TARGETS, FollowerAddress, Outbox, Subscription

#: Days a subscription may stay unconfirmed before it (and an unused address) is deleted.
CONFIRM_DAYS = 7
#: Confirmation mails one address may receive per day (more requests are answered the same, silently).
CONFIRMATIONS_PER_DAY = 3
#: A deliberately plain address check: one @, no spaces, controls or angle brackets, a dotted domain.
ADDRESS_RE = re.compile(r"[^\s@<>()\[\],;:\"\\\x00-\x1f\x7f]{1,64}"
                        r"@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251})\.[A-Za-z]{2,63}")


class FollowError(ValueError):
    """A request that cannot be taken (bad address, unknown target); the message is for the user."""


@dataclass(frozen=True)
class FollowRequest:
    """What a visitor asks: follow TARGET/KEY at ADDRESS, mails in LANG at FREQUENCY."""

    address: str
    target: str
    key: str
    lang: str
    frequency: str = "immediate"
    #: The plan of a followed 施策 concept.
    plan_id: str | None = None


def digest(token: str) -> str:
    """sha256 of a link's secret (only the digest is stored)."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def link_token(secret_key: str, sub: Subscription) -> str:
    """The secret in SUB's confirmation and unsubscribe links: HMAC(SECRET_KEY, id, salt)."""
    mac = hmac.new(secret_key.encode(), f"follow:{sub.id}:{sub.token_salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()[:24]).decode("ascii")


def normalize_address(raw: str) -> str | None:
    """The address trimmed, its domain lower-cased (NFC is left to the form's text rule); None when
    it does not look like an address. The local part keeps its case (RFC 5321 2.4)."""
    text = raw.strip()
    if len(text) > 254 or not ADDRESS_RE.fullmatch(text):
        return None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def _address(session: Session, address: str, frequency: str, now: datetime) -> FollowerAddress:
    """The stored row of ADDRESS, created when new; its frequency becomes FREQUENCY."""
    row = session.scalar(select(FollowerAddress).where(FollowerAddress.address == address))
    if row is None:
        row = FollowerAddress(address=address, frequency=frequency, created_at=now)
        session.add(row)
        session.flush()
    row.frequency = frequency
    return row


def _confirmations_today(session: Session, address_id: int, now: datetime) -> int:
    """Confirmation mails queued for ADDRESS_ID in the last 24 hours."""
    return session.scalar(select(func.count(Outbox.id)).where(
        Outbox.address_id == address_id, Outbox.kind == "confirm",
        Outbox.created_at > now - timedelta(days=1))) or 0


def ask(session: Session, request: FollowRequest, secret_key: str, now: datetime) -> bool:
    """Record the request and queue a confirmation mail; False when nothing is mailed (already
    confirmed, or too many confirmations today). Flushes only."""
    if request.target not in TARGETS or request.frequency not in FREQUENCIES:
        raise FollowError("unknown target or frequency")
    address = normalize_address(request.address)
    if address is None:
        raise FollowError("address")
    row = _address(session, address, request.frequency, now)
    sub = session.scalar(select(Subscription).where(
        Subscription.address_id == row.id, Subscription.target == request.target,
        Subscription.target_key == request.key))
    if sub is not None and sub.confirmed_at is not None:
        return False
    if _confirmations_today(session, row.id, now) >= CONFIRMATIONS_PER_DAY:
        return False
    salt = secrets.token_hex(16)
    if sub is None:
        sub = Subscription(address_id=row.id, target=request.target, target_key=request.key,
                           plan_id=request.plan_id, lang=request.lang, created_at=now,
                           token_salt=salt, token_sha256=salt)
        session.add(sub)
        session.flush()
    sub.token_salt, sub.lang = salt, request.lang
    sub.token_sha256 = digest(link_token(secret_key, sub))
    session.add(Outbox(address_id=row.id, subscription_id=sub.id, kind="confirm",
                       event_key=f"confirm/{salt}", next_attempt_at=now, created_at=now))
    session.flush()
    return True


def by_token(session: Session, token: str) -> Subscription | None:
    """The subscription whose link secret is TOKEN, or None."""
    return session.scalar(select(Subscription).where(Subscription.token_sha256 == digest(token)))


def confirm(session: Session, token: str, now: datetime) -> Subscription | None:
    """Confirm the subscription of TOKEN (idempotent); None when the link is unknown or purged."""
    sub = by_token(session, token)
    if sub is not None and sub.confirmed_at is None:
        sub.confirmed_at = now
        session.flush()
    return sub


def unsubscribe(session: Session, token: str) -> bool:
    """Delete the subscription of TOKEN, and its address when no other uses it. True if one was."""
    sub = by_token(session, token)
    if sub is None:
        return False
    address_id = sub.address_id
    session.execute(delete(Outbox).where(Outbox.subscription_id == sub.id))
    session.delete(sub)
    session.flush()
    _drop_unused_addresses(session, [address_id])
    return True


def _drop_unused_addresses(session: Session, ids: list[int] | None = None) -> int:
    """Delete addresses (of IDS, or all) that no subscription uses; return how many."""
    used = select(Subscription.address_id)
    query = delete(FollowerAddress).where(FollowerAddress.id.not_in(used))
    if ids is not None:
        query = query.where(FollowerAddress.id.in_(ids))
    result = session.execute(query)
    session.flush()
    return result.rowcount or 0


def purge_unconfirmed(session: Session, now: datetime) -> int:
    """Delete subscriptions left unconfirmed for CONFIRM_DAYS and unused addresses; return how many
    addresses went."""
    old = select(Subscription.id).where(Subscription.confirmed_at.is_(None),
                                        Subscription.created_at < now - timedelta(days=CONFIRM_DAYS))
    session.execute(delete(Outbox).where(Outbox.subscription_id.in_(old)))
    session.execute(delete(Subscription).where(Subscription.id.in_(
        select(Subscription.id).where(Subscription.confirmed_at.is_(None),
                                      Subscription.created_at < now - timedelta(days=CONFIRM_DAYS)))))
    return _drop_unused_addresses(session)
