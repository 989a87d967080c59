"""Database base class, engine and per-request session; SQLite gets durable pragmas."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, MetaData, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from portal import checkpoint

#: The PostgreSQL advisory lock that queues writers ("portal" in ASCII).
PG_WRITE_LOCK_KEY = 0x706F7274616C

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model; constraint names are stable for migrations."""

    metadata = MetaData(naming_convention=NAMING)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """Make SQLite durable and strict: WAL, fsync on commit, foreign keys, a busy timeout."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={checkpoint.BUSY_TIMEOUT_MS}")
    checkpoint.pragmas(cur)
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    """Begin SQLite transactions ourselves: IMMEDIATE for writers (they queue, never deadlock)."""
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """Create an engine for URL; SQLite files get their folder and the durable pragmas (every
    commit fsynced: the rate-limit counts too, now written in the comment's own transaction)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, future=True, hide_parameters=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error's message must never carry a comment's text into the logs.
    engine = create_engine(url, connect_args={"timeout": 30, "isolation_level": None},
                           hide_parameters=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def init_app(app: Flask) -> None:
    """Bind an engine and a session factory to APP and close the session after each request."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    if (database := _sqlite_file(engine)) is not None:
        checkpoint.watch(engine, database)
    app.extensions["db_sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    """Return the current app's engine."""
    return current_app.extensions["db_engine"]


def get_session() -> Session:
    """Return this request's (or CLI command's) session, opening it on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session


@contextmanager
def fresh_session() -> Iterator[Session]:
    """Open a session of its own (for CLI jobs that must not share the request's snapshot)."""
    session = current_app.extensions["db_sessionmaker"]()
    try:
        yield session
    finally:
        session.close()


def _sqlite_file(engine: Engine) -> str | None:
    """The SQLite database file behind ENGINE, or None (another engine, or in memory)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    return database if database and database != ":memory:" else None


def _take_turn(database: str) -> int:
    """Wait for DATABASE's writer turn (an flock of `<db>.writelock`); return the lock's fd."""
    fd = os.open(f"{database}.writelock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _give_turn(fd: int) -> None:
    """Let the next writer in."""
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


@contextmanager
def write_turn(engine: Engine) -> Iterator[None]:
    """Wait for this SQLite file's writer turn (the flock begin_write uses); no-op elsewhere.

    For writes that do not go through a Session (the rate limiter's counters): without it they
    would fall back on SQLite's busy handler, which sleeps up to 100 ms while a commit runs.
    """
    database = _sqlite_file(engine)
    fd = _take_turn(database) if database else None
    try:
        yield
    finally:
        if fd is not None:
            _give_turn(fd)


def begin_write(session: Session) -> None:
    """Open SESSION's transaction for writing (BEGIN IMMEDIATE on SQLite) before any read.

    On a SQLite file, writers first queue on an flock of `<db>.writelock`: the kernel wakes the
    next writer the moment the lock is free, where SQLite's own busy handler sleeps and retries
    (up to 100 ms a time), which under a deadline-day burst costs more than the fsync itself.
    The lock is released when the transaction ends (commit or rollback).
    """
    engine = session.get_bind()
    database = _sqlite_file(engine)
    if database and "write_lock_fd" not in session.info:
        session.info["write_lock_fd"] = _take_turn(database)
    session.connection(execution_options={"sqlite_immediate": True})
    if engine.dialect.name == "postgresql":
        # One writer at a time, as BEGIN IMMEDIATE gives on SQLite: read-modify-write services
        # (receipt numbers, the audit hash chain) rely on it. Released at commit or rollback.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK_KEY})


@event.listens_for(Session, "after_transaction_end")
def _release_write_lock(session: Session, transaction: Any) -> None:
    """Let the next writer in once the outermost transaction has committed or rolled back."""
    if transaction.parent is None and "write_lock_fd" in session.info:
        _give_turn(session.info.pop("write_lock_fd"))


def _close_session(_exc: BaseException | None) -> None:
    """Close the session; anything left uncommitted is rolled back."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
