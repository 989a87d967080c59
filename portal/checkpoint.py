"""Keep SQLite's write-ahead log bounded: TRUNCATE checkpoints when the writers are idle.

SQLite's automatic checkpoint (every `wal_autocheckpoint` pages, PASSIVE) copies pages back but
never shrinks the `-wal` file, and it cannot finish while readers hold old snapshots: under a
deadline storm the file grew to 25 times the database. A daemon thread per process checks the
file every CHECK_SECONDS; once it is larger than LIMIT_BYTES and no write has started for
IDLE_SECONDS, it runs `PRAGMA wal_checkpoint(TRUNCATE)` in the writers' turn (the flock), which
empties the file. `journal_size_limit` also trims it after ordinary checkpoints.

Two rules keep the checkpoint from ever holding the writers up (the nginx harness found both):
idleness is read from the -wal file's own modification time, so a process that never writes
(gunicorn's master) does not think the others idle; and the checkpoint waits at most BUSY_MS
for readers still on an old snapshot. Without the second rule it kept the writers' turn for
SQLite's 30 s busy timeout while those readers waited for a writer: every comment stalled.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from sqlalchemy import Engine, event

#: SQLite's busy timeout on every connection (portal/db.py sets it), restored after a checkpoint.
BUSY_TIMEOUT_MS = 30000

#: The -wal file may grow to this before an idle-time TRUNCATE checkpoint empties it.
LIMIT_BYTES = 4 * 1024 * 1024
#: Seconds without a new write before the checkpoint runs.
IDLE_SECONDS = 0.5
#: Milliseconds the checkpoint waits for readers before it gives up until the next look.
BUSY_MS = 50
#: Seconds between two looks at the file.
CHECK_SECONDS = 1.0
#: Pages between SQLite's own (passive) checkpoints; SQLite's default, stated explicitly.
AUTOCHECKPOINT_PAGES = 1000
#: Bytes the -wal file is trimmed to after an ordinary checkpoint.
JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024

_last_write = [time.monotonic()]


def pragmas(cursor: Any) -> None:
    """The WAL bounds every SQLite connection gets."""
    cursor.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
    cursor.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")


def wrote() -> None:
    """Note that a write transaction started (the checkpoint waits for a quiet moment)."""
    _last_write[0] = time.monotonic()


def checkpoint_if_due(engine: Engine, database: str) -> bool:
    """Empty the -wal file when it is over LIMIT_BYTES and writers are idle; True when done."""
    from portal.db import write_turn

    try:
        wal = os.stat(f"{database}-wal")
    except OSError:
        return False
    if wal.st_size <= LIMIT_BYTES or not _idle(wal.st_mtime):
        return False
    with write_turn(engine):
        raw = engine.raw_connection()  # outside any transaction: a checkpoint cannot run in one
        try:
            cursor = raw.cursor()
            cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            try:
                busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            raw.close()
    return not busy


def _idle(wal_mtime: float) -> bool:
    """True when no transaction began here and no process wrote the -wal file for IDLE_SECONDS."""
    return (time.monotonic() - _last_write[0] >= IDLE_SECONDS
            and time.time() - wal_mtime >= IDLE_SECONDS)


def watch(engine: Engine, database: str) -> None:
    """Start this process's checkpoint thread for DATABASE (one per engine)."""
    event.listen(engine, "begin", lambda _conn: wrote())

    def loop() -> None:
        folder = os.path.dirname(database) or "."
        while os.path.isdir(folder):  # a removed folder (a test's) ends the thread
            time.sleep(CHECK_SECONDS)
            try:
                checkpoint_if_due(engine, database)
            except Exception:  # noqa: BLE001  (a busy database: try again next time)
                continue

    threading.Thread(target=loop, name="wal-checkpoint", daemon=True).start()
