"""Cache of rendered page bodies: the data changes only at `portal build`, so compute once.

A body is keyed by endpoint, arguments and language, and the whole cache is dropped when the
database's data stamp (count and newest load time of the dataset releases) changes; the stamp is
read at most once per STAMP_SECONDS per process, so a running server picks up a rebuild within
that time. Whole pages (layout included) are reused only for requests without cookies, which
carry no session, flash message or CSRF token that could differ between visitors.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import current_app
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.catalog.models import Dataset

#: Bodies kept per process before the cache is emptied (a bound, not a tuning knob).
MAX_ENTRIES = 4000
#: Seconds between two reads of the data stamp in one process.
STAMP_SECONDS = 1.0


def data_stamp(session: Session) -> tuple[Any, ...]:
    """A value that changes whenever a build loads or replaces a dataset release."""
    return tuple(session.execute(select(func.count(Dataset.id), func.max(Dataset.loaded_at),
                                        func.max(Dataset.id))).one())


def _store(session: Session) -> dict[Any, Any]:
    """This app's cache, emptied when the data stamp changed."""
    cache = current_app.extensions.setdefault("page_cache", {"stamp": None, "items": {}, "read": 0.0})
    now = time.monotonic()
    if now - cache["read"] >= STAMP_SECONDS or cache["stamp"] is None:
        stamp = data_stamp(session)
        cache["read"] = now
        if cache["stamp"] != stamp:
            cache["stamp"], cache["items"] = stamp, {}
    if len(cache["items"]) > MAX_ENTRIES:
        cache["items"] = {}
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


def cached_page(session: Session, key: tuple[Any, ...], anonymous: bool,
                render: Callable[[], str]) -> str:
    """Return the whole page for KEY when ANONYMOUS (no cookies), else render it every time."""
    if not anonymous:
        return render()
    items = _store(session)
    page = items.get(("page", *key))
    if page is None:
        page = items[("page", *key)] = render()
    return page
