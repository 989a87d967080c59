"""The base-layer caches: bounded by use (never emptied wholesale), timed by an injectable clock,
and the page cache emptied when the data changes."""

from __future__ import annotations

from portal.cache import STAMP_SECONDS, Cache, PageCache


class FakeTimer:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_full_cache_drops_only_the_least_recently_used_entry():
    cache = Cache(3)
    for key in "abc":
        cache.set(key, key.upper())
    assert cache.get("a") == "A"  # a is now the most recently used
    cache.set("d", "D")
    assert "b" not in cache
    assert [cache.get(k) for k in "acd"] == ["A", "C", "D"]


def test_a_timed_entry_expires_on_the_injected_clock():
    timer = FakeTimer()
    cache = Cache(10, ttl=1.0, timer=timer)
    cache.set("demo", "snapshot")
    timer.now += 0.9
    assert cache.get("demo") == "snapshot"
    timer.now += 0.2
    assert cache.get("demo") is None


def test_get_or_set_computes_once_and_keeps_none():
    cache, calls = Cache(10), []
    for _ in range(3):
        cache.get_or_set("missing", lambda: calls.append(1))
    assert calls == [1]


def test_the_page_cache_is_emptied_when_the_data_stamp_changes():
    timer, stamp = FakeTimer(), ["v1"]
    pages = PageCache(lambda _session: stamp[0], timer=timer)
    pages.current(None).set("page", "old")
    stamp[0] = "v2"
    assert pages.current(None).get("page") == "old", "the stamp is re-read at most once a second"
    timer.now += STAMP_SECONDS
    assert pages.current(None).get("page") is None


def test_an_expired_page_cache_reads_the_stamp_on_the_next_request():
    timer, stamp = FakeTimer(), ["v1"]
    pages = PageCache(lambda _session: stamp[0], timer=timer)
    pages.current(None).set("page", "old")
    stamp[0] = "v2"  # this process has just published: no second may pass before it shows
    pages.expire()
    assert pages.current(None).get("page") is None
