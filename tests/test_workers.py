"""Shared state under `portal serve --production --workers 3`: the rate limit and the search index
hold whichever worker answers, because both live outside any one process."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections import Counter

import pytest
import requests

from bench.harness_server import ROOT, ProductionServer, build, server_env
from tests.helpers import TEST_DATASETS, database_url
from tests.test_production import TEXT, confirm_page, hidden, log_lines, start_server

pytestmark = pytest.mark.slow

LIMIT = 5
CLIENTS = 15


def _submit_all_at_once(base: str, forms: list[tuple[requests.Session, dict]]) -> list:
    """Send every confirmed form's submit at the same moment, each on its own connection."""
    barrier, answers = threading.Barrier(len(forms)), [None] * len(forms)

    def send(i: int, http: requests.Session, form: dict) -> None:
        barrier.wait()
        answers[i] = http.post(f"{base}/ja/consultations/demo/submit", data=form,
                               headers={"X-Request-ID": f"limit-{i}", "Connection": "close"})

    threads = [threading.Thread(target=send, args=(i, *pair)) for i, pair in enumerate(forms)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return answers


def test_rate_limit_holds_across_three_workers(tmp_path):
    server = start_server(tmp_path, workers=3, CONSULT_RATE_LIMIT=f"{LIMIT} per minute")
    try:
        forms = []
        for _ in range(CLIENTS):
            http = requests.Session()
            forms.append((http, hidden(confirm_page(http, server.url))))
        answers = _submit_all_at_once(server.url, forms)
    finally:
        server.stop()
    statuses = Counter(a.status_code for a in answers)
    assert statuses == {200: LIMIT, 429: CLIENTS - LIMIT}
    for refused in (a for a in answers if a.status_code == 429):
        assert int(refused.headers["Retry-After"]) >= 1
        assert TEXT in refused.text
    pids = {e["pid"] for e in log_lines(server)
            if str(e.get("request_id", "")).startswith("limit-")}
    assert len(pids) >= 2, "the submissions should have been spread over several workers"


_WRITER = """
import sys
from portal import create_app
from portal.search.documents import Document
from portal.search.services import update_documents
worker, n = sys.argv[1], int(sys.argv[2])
app = create_app()
with app.app_context():
    for i in range(n):
        update_documents([Document("consultation", f"w{worker}-{i}", "ja",
                                   f"並行更新テスト {worker} {i}")], timeout=60)
"""


def _search_total(base: str) -> int:
    """Total hits of the marker word, asked on a fresh connection (any worker may answer)."""
    answer = requests.get(f"{base}/api/v1/search", params={"q": "並行更新テスト", "lang": "ja"},
                          headers={"Connection": "close"}, timeout=30)
    assert answer.status_code == 200
    return json.loads(answer.text)["total"]


def test_index_updates_from_three_processes_lose_nothing_while_three_workers_serve(tmp_path):
    env = server_env(tmp_path, database_url(tmp_path), DATASETS_DIR=str(TEST_DATASETS),
                     DEMO_MODE="false")
    build(env, index=True)
    server = ProductionServer(env, tmp_path / "server.log", workers=3)
    server.start(ready_path="/ja/")
    try:
        writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(w), "10"], cwd=ROOT,
                                    env=env) for w in range(3)]
        while any(w.poll() is None for w in writers):
            _search_total(server.url)  # searches keep answering (no 500) during the writes
        assert [w.wait(120) for w in writers] == [0, 0, 0]
        totals = [_search_total(server.url) for _ in range(9)]
    finally:
        server.stop()
    assert totals == [30] * 9


def test_simultaneous_comments_on_three_workers_get_receipt_numbers_one_to_n(tmp_path):
    server = start_server(tmp_path, workers=3)
    try:
        forms = []
        for _ in range(CLIENTS):
            http = requests.Session()
            forms.append((http, hidden(confirm_page(http, server.url))))
        answers = _submit_all_at_once(server.url, forms)
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [200] * CLIENTS
    numbers = sorted(int(re.search(r'id="receipt-no">(\d+)<', a.text).group(1)) for a in answers)
    assert numbers == list(range(1, CLIENTS + 1))
