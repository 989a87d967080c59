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
    config = make_config(tmp_path)
    config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'wal.sqlite'}"
    app = create_app(config)
    wal = tmp_path / "wal.sqlite-wal"
    with app.app_context():
        engine = get_engine()
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)"))
        reader = engine.connect()
        reader.execute(text("SELECT count(*) FROM filler")).scalar()  # BEGIN: holds a snapshot
        for _ in range(40):
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO filler (body) VALUES (randomblob(250000))"))
        peak = os.path.getsize(wal)
        assert peak > checkpoint.LIMIT_BYTES
        reader.commit()
        reader.close()
        deadline = time.monotonic() + 30
        while os.path.getsize(wal) > checkpoint.LIMIT_BYTES and time.monotonic() < deadline:
            time.sleep(0.2)
        assert os.path.getsize(wal) <= checkpoint.LIMIT_BYTES, (peak, os.path.getsize(wal))
        engine.dispose()
