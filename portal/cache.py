"""Bounded in-process caches: least recently used entries leave first, optionally after a lifetime.

One module for every per-process cache (rendered pages, the layout's chrome, consultation
snapshots), built on cachetools' LRUCache and TTLCache. A full cache drops only its least
recently used entries, never everything at once. The timer is injectable so tests can move
time instead of sleeping. cachetools' caches are not thread-safe; `Cache` holds a lock around
each access (computing a missing value happens outside it, so a slow render blocks nobody).

The page cache is the `Cache` of rendered bodies that changes only with the data: it is emptied
when a data stamp (a value the catalogue computes from its releases) changes, and the stamp is
read at most once per STAMP_SECONDS per process, so a running server picks up a rebuild within
that time; the process that publishes expires it at once (`expire_pages`), so whoever
approves sees the result on the next page. Whole pages (layout included) are reused only for
requests without cookies, which carry no session, flash message or CSRF token that could
differ between visitors.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from cachetools import LRUCache, TTLCache
from flask import Flask, current_app
from sqlalchemy.orm import Session

#: Entries kept in the page cache per process (a bound, not a tuning knob).
PAGE_ENTRIES = 4000
#: Seconds between two reads of the data stamp in one process.
STAMP_SECONDS = 1.0

_MISSING = object()


class Cache:
    """A thread-safe bounded map: LRU, or LRU with a lifetime of TTL seconds on TIMER's clock."""

    def __init__(self, maxsize: int, ttl: float | None = None,
                 timer: Callable[[], float] = time.monotonic) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self.timer = timer
        self._lock = threading.Lock()
        self._data: LRUCache = self._new()

    def _new(self) -> LRUCache:
        """An empty cachetools cache of this kind."""
        if self.ttl is None:
            return LRUCache(self.maxsize)
        return TTLCache(self.maxsize, self.ttl, timer=lambda: self.timer())  # TIMER may be swapped

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value held for KEY (and mark it recently used), or DEFAULT."""
        with self._lock:
            return self._data.get(key, default)

    def set(self, key: Hashable, value: Any) -> None:
        """Hold VALUE for KEY, dropping the least recently used entry when full."""
        with self._lock:
            self._data[key] = value

    def get_or_set(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value for KEY, computed by COMPUTE (outside the lock) and held when missing."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.set(key, value)
        return value

    def resize(self, maxsize: int) -> None:
        """Change the bound (emptying the cache): for tests of the bound."""
        with self._lock:
            self.maxsize = maxsize
            self._data = self._new()

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._data.clear()

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._data

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)


class PageCache:
    """Rendered bodies and computed values, emptied when the data stamp changes."""

    def __init__(self, stamp: Callable[[Session], Hashable], maxsize: int = PAGE_ENTRIES,
                 timer: Callable[[], float] = time.monotonic) -> None:
        self.stamp = stamp
        self.timer = timer
        self.items = Cache(maxsize)
        self._held: Hashable = _MISSING
        self._read_at = 0.0

    def current(self, session: Session) -> Cache:
        """The entries, after emptying them if the data stamp changed since it was last read."""
        now = self.timer()
        if self._held is _MISSING or now - self._read_at >= STAMP_SECONDS:
            stamp = self.stamp(session)
            self._read_at = now
            if stamp != self._held:
                self._held = stamp
                self.items.clear()
        return self.items

    def expire(self) -> None:
        """Re-read the data stamp on the next request: this process has just changed the data."""
        self._read_at = float("-inf")


def expire_pages(app: Flask) -> None:
    """Make APP's next request see a publication it has just committed (other processes within
    STAMP_SECONDS)."""
    pages = app.extensions.get("page_cache")
    if pages is not None:
        pages.expire()


def _pages(session: Session) -> Cache:
    """This app's page cache entries, current with the data."""
    return current_app.extensions["page_cache"].current(session)


def cached_value(session: Session, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Return a computed value for KEY (same lifetime as the page bodies)."""
    return _pages(session).get_or_set(key, compute)


def cached_page(session: Session, key: tuple[Any, ...], anonymous: bool,
                render: Callable[[], str]) -> str:
    """Return the whole page for KEY when ANONYMOUS (no cookies), else render it every time."""
    if not anonymous:
        return render()
    from portal.switcher import kept_query, ruby_on

    # The language links render these query parameters, and the ふりがな switch renders its
    # state (the ruby itself is added afterwards, portal.easy), so the key holds them too.
    return _pages(session).get_or_set(("page", *key, kept_query(), ruby_on()), render)


def init_app(app: Flask, data_stamp: Callable[[Session], Hashable]) -> None:
    """Give APP its page cache, emptied whenever DATA_STAMP(session) changes."""
    app.extensions["page_cache"] = PageCache(data_stamp)
