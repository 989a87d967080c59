"""A full disk under the database: the resident gets a 503 in their language with their text, then recovers.

The database lives on a real size-limited filesystem (a tmpfs mounted with size=), filled up by a
filler file, so SQLite itself answers SQLITE_FULL; nothing is simulated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.bench_harness import fill
from portal import clock
from portal.consult.models import Comment
from portal.db import get_session
from tests.helpers import PG_ADMIN_URL, confirm, hidden_fields, receipt_of

pytestmark = pytest.mark.skipif(bool(PG_ADMIN_URL), reason="about the embedded SQLite file's disk")

DURING = datetime(2026, 11, 10, 1, 0)
TEXT = "締切間際の意見：① 公園の樹木を残してください。"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (needs root to mount; skipped with a message otherwise)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _count(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count(Comment.id)))


def test_full_disk_refuses_with_503_keeping_the_text_and_recovers(make_app, small_disk, tmp_path):
    shutil.copy(tmp_path / "portal.sqlite", small_disk / "portal.sqlite")
    app = make_app(DATABASE_URL=f"sqlite:///{small_disk / 'portal.sqlite'}")
    client = app.test_client()
    with clock.frozen(DURING):
        page = confirm(client, body=TEXT).get_data(as_text=True)
        fill(small_disk)
        refused = client.post("/ja/consultations/demo/submit", data=hidden_fields(page))
        assert refused.status_code == 503
        shown = refused.get_data(as_text=True)
        assert TEXT in shown and "ただいまご意見を保存できませんでした" in shown
        assert 'id="receipt-no"' not in shown
        assert refused.headers["Retry-After"] == "60"
        assert _count(app) == 0
        (small_disk / "filler").unlink()
        again = client.post("/ja/consultations/demo/submit", data=hidden_fields(page))
    assert again.status_code == 200
    receipt_of(again.get_data(as_text=True))
    assert _count(app) == 1


def test_full_disk_message_in_english_for_an_english_form(make_app, small_disk, tmp_path):
    shutil.copy(tmp_path / "portal.sqlite", small_disk / "portal.sqlite")
    app = make_app(DATABASE_URL=f"sqlite:///{small_disk / 'portal.sqlite'}")
    client = app.test_client()
    with clock.frozen(DURING):
        page = confirm(client, lang="en", body=TEXT).get_data(as_text=True)
        fill(small_disk)
        refused = client.post("/en/consultations/demo/submit", data=hidden_fields(page))
    assert refused.status_code == 503
    assert "could not be saved just now" in refused.get_data(as_text=True)
    assert TEXT in refused.get_data(as_text=True)
