"""What can be followed (the site, a plan, a 施策 concept, a consultation) and the per-client rate
limit of follow requests (counted in the same shared store as the comment limit, own namespace)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from limits import parse_many
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy.orm import Session

from portal.consult.limiter import make_storage
from portal.updates import events as ev


@dataclass(frozen=True)
class Target:
    """A followable thing: its kind, key, name ({lang: text}) and plan (for a 施策 concept)."""

    target: str
    key: str
    name: dict[str, str]
    plan_id: str | None = None


def resolve(session: Session, target: str, key: str) -> Target | None:
    """The followable TARGET/KEY, or None when there is no such thing."""
    if target == "site":
        return Target("site", "", {})
    if target == "plan" and (name := ev.plan_name(session, key)):
        return Target("plan", key, name, key)
    if target == "consultation" and (c := ev.consultation(session, key)):
        return Target("consultation", key, {"ja": c.title_ja, "en": c.title_en})
    if target == "concept" and (found := ev.concept_plan(session, key)):
        return Target("concept", key, {"ja": found[1].name_ja, "en": found[1].name_en}, found[0])
    return None


def limited(app: Flask, client: str) -> bool:
    """Count one follow request by CLIENT; True when over NOTIFY_RATE_LIMIT."""
    limiter = app.extensions.get("notify_limiter")
    if limiter is None:
        limiter = app.extensions["notify_limiter"] = (
            FixedWindowRateLimiter(make_storage(app)), parse_many(app.config["NOTIFY_RATE_LIMIT"]))
    strategy, items = limiter
    return not all(strategy.hit(item, "notify-follow", client) for item in items)
