"""No comment lost: 50 residents, 2,000 comments, a real gunicorn server SIGKILLed twice mid-run."""

from __future__ import annotations

import pytest

from bench.bench_comments import Server, check, prepare, run_load
from tests.helpers import free_port


@pytest.mark.slow
def test_every_acknowledged_receipt_is_stored_exactly_once_across_two_sigkills(tmp_path):
    prepare(tmp_path)
    server = Server(tmp_path, free_port())
    server.start()
    try:
        tally, _seconds = run_load(server, clients=50, per_client=40, kill_at=(600, 1300),
                                   cap_seconds=150)
    finally:
        server.stop()
    result = check(tmp_path / "portal.sqlite", tally.receipts)
    assert result["acknowledged"] == 2000
    assert result["distinct_receipts"] == 2000
    assert result["exactly_once"] == 2000 and result["missing"] == 0
    assert result["integrity_ok"] == 1
