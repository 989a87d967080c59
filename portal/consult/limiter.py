"""Rate limiting of comment submissions, with counts shared by every worker process.

The `limits` library (the engine under Flask-Limiter) is called directly from the submission
view, so a refused submission gets the form back with the resident's text, not a bare 429 page;
one limiter per app keeps test apps on different databases apart. In-memory storage keeps one
count per process, so N gunicorn workers would let N times the limit through. When no
shared store (Redis, memcached) is configured, counts live in the portal database through
`DatabaseStorage`, a `limits` storage of fixed-window counters: one
atomic INSERT … ON CONFLICT DO UPDATE … RETURNING per hit, which SQLite (≥ 3.35) and PostgreSQL
both run as a single statement, so two processes never lose each other's increments.

With the database store, a submission is counted inside the comment writer's transaction
(`SubmissionLimiter.hit_in`), in the same savepoint as the comment: no write transaction of its
own per comment (which cost as much CPU as the comment), and the count and the comment commit
or roll back together. A configured Redis or memcached store is hit before the writer.
"""

from __future__ import annotations

import functools
import time
from typing import Any

from flask import Flask
from limits import parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import Connection, Engine, TextClause, delete, select, text
from sqlalchemy.exc import SQLAlchemyError

from portal.consult.models import RateLimitCounter
from portal.db import write_turn

#: The scheme of the database storage (registered with `limits` by the class attribute below).
SCHEME = "portal-db"


class DatabaseStorage(Storage):
    """Fixed-window counters in the `rate_limit_counter` table of the portal database."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False,
                 engine: Engine | None = None, connection: Connection | None = None,
                 **_: Any) -> None:
        """Count with ENGINE (the app's engine), one transaction per hit, or inside the open
        write transaction of CONNECTION."""
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        if engine is None and connection is None:
            raise ValueError("DatabaseStorage needs the portal's engine or a connection")
        self.engine = engine if engine is not None else connection.engine
        self.connection = connection

    @property
    def base_exceptions(self) -> type[Exception]:
        """Database errors are storage errors."""
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add AMOUNT to KEY's count, restarting the window when it has expired; return the count."""
        if self.connection is not None:
            return self.incr_many([(key, expiry)], amount)[key][0]
        with write_turn(self.engine), \
                self.engine.connect().execution_options(sqlite_immediate=True) as conn:
            with conn.begin():
                return DatabaseStorage(connection=conn).incr_many([(key, expiry)], amount)[key][0]

    def incr_many(self, rows: list[tuple[str, int]], amount: int = 1) -> dict[str, tuple[int, float]]:
        """`incr` of every (key, expiry) in ROWS in one statement, inside the connection's open
        transaction; return each key's (count, window end).

        Plain SQL that SQLite (≥ 3.35) and PostgreSQL both run: SQLAlchemy does not cache the
        compiled form of a multi-row upsert, and compiling it cost more than the count itself.
        """
        if self.connection is None:
            raise ValueError("incr_many counts inside a transaction: give it a connection")
        now = time.time()
        params: dict[str, Any] = {"now": now, "amount": amount}
        for n, (key, expiry) in enumerate(rows):
            params[f"k{n}"], params[f"e{n}"] = key, now + expiry
        result = self.connection.execute(_upsert_sql(len(rows)), params)
        return {r.key: (int(r.count), float(r.expires_at)) for r in result}

    def _row(self, key: str) -> tuple[int, float] | None:
        """Return KEY's live (count, expires_at), or None when absent or expired."""
        query = select(RateLimitCounter.count, RateLimitCounter.expires_at).where(
            RateLimitCounter.key == key)
        if self.connection is not None:
            row = self.connection.execute(query).first()
        else:
            with self.engine.connect() as conn:
                row = conn.execute(query).first()
        if row is None or row.expires_at <= time.time():
            return None
        return int(row.count), float(row.expires_at)

    def get(self, key: str) -> int:
        """Return KEY's count in its current window (0 when none)."""
        row = self._row(key)
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        """Return when KEY's window ends (now when there is none)."""
        row = self._row(key)
        return row[1] if row else time.time()

    def check(self) -> bool:
        """True when the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
            return True
        except SQLAlchemyError:
            return False

    def _delete(self, *where: Any) -> int:
        """Delete counters matching WHERE; return how many."""
        with self.engine.connect().execution_options(sqlite_immediate=True) as conn:
            with conn.begin():
                return conn.execute(delete(RateLimitCounter).where(*where)).rowcount or 0

    def reset(self) -> int | None:
        """Forget every counter."""
        return self._delete()

    def clear(self, key: str) -> None:
        """Forget KEY's counter."""
        self._delete(RateLimitCounter.key == key)


@functools.cache
def _upsert_sql(n: int) -> TextClause:
    """The counting statement for N keys (see DatabaseStorage.incr_many)."""
    values = ", ".join(f"(:k{i}, :amount, :e{i})" for i in range(n))
    return text(
        f'INSERT INTO rate_limit_counter ("key", "count", expires_at) VALUES {values} '
        'ON CONFLICT ("key") DO UPDATE SET '
        '"count" = CASE WHEN rate_limit_counter.expires_at <= :now THEN :amount '
        'ELSE rate_limit_counter."count" + :amount END, '
        "expires_at = CASE WHEN rate_limit_counter.expires_at <= :now THEN excluded.expires_at "
        "ELSE rate_limit_counter.expires_at END "
        'RETURNING "key", "count", expires_at')


class RateLimited(Exception):
    """Too many submissions from one client; `wait` is the number of seconds until the next."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


class SubmissionLimiter:
    """Per-client limits on comment submissions, counted in a store shared by all workers."""

    def __init__(self, limits_text: str, storage: Storage) -> None:
        """Parse LIMITS_TEXT ("10 per minute;60 per hour") and count in STORAGE."""
        self.items = parse_many(limits_text)
        self.storage = storage
        self.strategy = FixedWindowRateLimiter(storage)

    @property
    def counts_in_writer(self) -> bool:
        """True when counts live in the portal database, so the comment writer takes them."""
        return isinstance(self.storage, DatabaseStorage)

    def hit(self, client: str) -> int | None:
        """Count one submission by CLIENT; return None if allowed, else seconds to wait."""
        return _hit(self.strategy, self.items, client)

    def hit_in(self, connection: Connection, client: str) -> int | None:
        """Like `hit`, counting inside CONNECTION's open write transaction, every limit in one
        statement (if one refuses, the caller rolls the whole count back with the comment)."""
        keys = [(item.key_for("consult-submit", client), item.get_expiry()) for item in self.items]
        counts = DatabaseStorage(connection=connection).incr_many(keys)
        waits = [counts[key][1] - time.time() for item, (key, _) in zip(self.items, keys, strict=True)
                 if counts[key][0] > item.amount]
        return max(1, int(max(waits)) + 1) if waits else None


def _hit(strategy: FixedWindowRateLimiter, items: list, client: str) -> int | None:
    """Count one submission by CLIENT under every limit; None if allowed, else seconds to wait."""
    for item in items:
        if not strategy.hit(item, "consult-submit", client):
            reset = strategy.get_window_stats(item, "consult-submit", client).reset_time
            return max(1, int(reset - time.time()) + 1)
    return None


def make_storage(app: Flask) -> Storage:
    """The configured shared store, or the portal database when none is configured."""
    uri = app.config["CONSULT_RATELIMIT_STORAGE_URI"]
    if uri:
        if uri.startswith("memory"):
            raise ValueError("memory:// counts per process; configure a shared store")
        return storage_from_string(uri)
    return DatabaseStorage(engine=app.extensions["db_engine"])


def init_app(app: Flask) -> None:
    """Give APP its submission limiter."""
    app.extensions["consult_limiter"] = SubmissionLimiter(app.config["CONSULT_RATE_LIMIT"],
                                                          make_storage(app))
