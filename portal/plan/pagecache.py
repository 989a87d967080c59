"""Cache of rendered page bodies: the data changes only at `portal build`, so compute once.

A body is keyed by endpoint, arguments and language, and the whole cache is dropped when the
database's data stamp (count and newest load time of the dataset releases) changes, so a running
server picks up a rebuild on its next request. The stamp costs one small query per request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.catalog.models import Dataset

#: Bodies kept per process before the cache is emptied (a bound, not a tuning knob).
MAX_ENTRIES = 4000


def data_stamp(session: Session) -> tuple[Any, ...]:
    """A value that changes whenever a build loads or replaces a dataset release."""
    return tuple(session.execute(select(func.count(Dataset.id), func.max(Dataset.loaded_at),
                                        func.max(Dataset.id))).one())


def _store(session: Session) -> dict[Any, Any]:
    """This app's cache, emptied when the data stamp changed."""
    cache = current_app.extensions.setdefault("page_cache", {"stamp": None, "items": {}})
    stamp = data_stamp(session)
    if cache["stamp"] != stamp or len(cache["items"]) > MAX_ENTRIES:
        cache["stamp"], cache["items"] = stamp, {}
    return cache["items"]


def cached_body(session: Session, key: tuple[Any, ...], render: Callable[[], str]) -> Markup:
    """Return the body for KEY, rendering it with RENDER the first time.

    RENDER returns the output of an autoescaped template of ours, so wrapping it as Markup
    does not unescape any data text.
    """
    items = _store(session)
    body = items.get(key)
    if body is None:
        body = items[key] = Markup(render())
    return body


def cached_value(session: Session, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Return a computed value for KEY (same lifetime as the page bodies)."""
    items = _store(session)
    if key not in items:
        items[key] = compute()
    return items[key]
