"""Issue 14 (harness finding): SQLite's write-ahead log stays bounded; once writers are idle a
TRUNCATE checkpoint empties it, even after a reader held an old snapshot during a write burst."""

from __future__ import annotations

import os
import time

from sqlalchemy import text

from portal import checkpoint, create_app
from portal.db import get_engine
from tests.helpers import make_config


def test_wal_is_emptied_after_a_burst_once_writers_are_idle(tmp_path):
    engine, reader = _wal_over_the_limit(tmp_path)
    wal = tmp_path / "wal.sqlite-wal"
    peak = os.path.getsize(wal)
    reader.commit()
    reader.close()
    deadline = time.monotonic() + 30
    while os.path.getsize(wal) > checkpoint.LIMIT_BYTES and time.monotonic() < deadline:
        time.sleep(0.2)
    assert os.path.getsize(wal) <= checkpoint.LIMIT_BYTES, (peak, os.path.getsize(wal))
    engine.dispose()


def _wal_over_the_limit(tmp_path, rows: int = 30):
    """An app whose -wal file is over the limit (ROWS blobs of 250 kB), with a reader still on an
    old snapshot."""
    config = make_config(tmp_path)
    config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'wal.sqlite'}"
    app = create_app(config)
    with app.app_context():
        engine = get_engine()
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)"))
    reader = engine.connect()
    reader.execute(text("SELECT count(*) FROM filler")).scalar()  # BEGIN: holds a snapshot
    for _ in range(rows):
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO filler (body) VALUES (randomblob(250000))"))
    assert os.path.getsize(tmp_path / "wal.sqlite-wal") > checkpoint.LIMIT_BYTES
    return engine, reader


def test_without_the_idle_checkpoint_the_wal_shrinks_back_to_the_size_limit(tmp_path, monkeypatch):
    # A server that is never idle never gets the TRUNCATE checkpoint; journal_size_limit still cuts
    # the -wal file back once SQLite's own checkpoint has run and the log starts over.
    monkeypatch.setattr(checkpoint, "checkpoint_if_due", lambda *_args: False)
    engine, reader = _wal_over_the_limit(tmp_path, rows=80)
    wal = tmp_path / "wal.sqlite-wal"
    peak = os.path.getsize(wal)
    assert peak > checkpoint.JOURNAL_SIZE_LIMIT
    reader.commit()
    reader.close()
    for _ in range(10):  # past wal_autocheckpoint: SQLite checkpoints, then restarts the log
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO filler (body) VALUES (randomblob(250000))"))
    assert os.path.getsize(wal) <= checkpoint.JOURNAL_SIZE_LIMIT, (peak, os.path.getsize(wal))
    engine.dispose()


def test_a_checkpoint_never_keeps_writers_waiting_behind_a_reader(tmp_path, monkeypatch):
    # The harness's deadlock: a TRUNCATE checkpoint held the writers' turn while it waited
    # (SQLite's 30 s busy timeout) for a reader, and that reader's request waited for a writer.
    engine, reader = _wal_over_the_limit(tmp_path)
    monkeypatch.setattr(checkpoint, "_last_write", [time.monotonic() - 60])
    time.sleep(checkpoint.IDLE_SECONDS + 0.1)
    started = time.monotonic()
    assert checkpoint.checkpoint_if_due(engine, str(tmp_path / "wal.sqlite")) is False  # busy
    assert time.monotonic() - started < 5, "the checkpoint waited for the reader"
    with engine.begin() as conn:  # the writers' turn is free again and the connection keeps
        conn.execute(text("INSERT INTO filler (body) VALUES (x'00')"))  # its usual busy timeout
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == checkpoint.BUSY_TIMEOUT_MS
    reader.close()
    engine.dispose()


def test_a_process_that_never_writes_waits_for_the_others_to_be_idle(tmp_path, monkeypatch):
    # gunicorn's master never writes, so by its own clock the writers were always idle: it
    # checkpointed in the middle of the workers' storm. The -wal file's mtime tells the truth.
    engine, reader = _wal_over_the_limit(tmp_path)
    reader.close()
    monkeypatch.setattr(checkpoint, "_last_write", [time.monotonic() - 60])
    wal = tmp_path / "wal.sqlite-wal"
    os.utime(wal)  # another process has just written
    size = os.path.getsize(wal)
    assert checkpoint.checkpoint_if_due(engine, str(tmp_path / "wal.sqlite")) is False
    assert os.path.getsize(wal) == size
    time.sleep(checkpoint.IDLE_SECONDS + 0.1)
    checkpoint.checkpoint_if_due(engine, str(tmp_path / "wal.sqlite"))  # (or the app's thread)
    assert os.path.getsize(wal) == 0
    engine.dispose()
