"""Comment submissions against a real gunicorn server on loopback: throughput, and loss under SIGKILL.

Each simulated resident opens the form once (session cookie + CSRF token), then for every comment
posts the form to the confirmation screen and sends it; a failed send is retried with the same
submission token (the server's idempotency makes that safe). At the end every receipt a client was
shown must be in the database exactly once. Bounded: a fixed number of comments and a time cap.
"""

from __future__ import annotations

import html
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests import helpers

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
RECEIPT = re.compile(r'id="receipt-no">(\d+)<.*?id="receipt-code">([0-9A-Z-]+)<', re.S)


def server_env(tmp: Path) -> dict[str, str]:
    """Configuration of the server under test (fixed secret so receipts survive restarts)."""
    return helpers.server_env(tmp, SECRET_KEY="bench-only-secret-0123456789abcdef",
                              CONSULT_MIN_FILL_SECONDS="0",
                              CONSULT_RATE_LIMIT="1000000 per minute", DEMO_MODE="true")


def prepare(tmp: Path) -> None:
    """Build the database from datasets/ with the demo consultation (open from now)."""
    subprocess.run([str(Path(sys.executable).parent / "portal"), "build", "--no-index"], cwd=ROOT,
                   env=server_env(tmp), check=True, capture_output=True)


class Server:
    """gunicorn (2 sync workers) in its own process group, so SIGKILL takes master and workers."""

    def __init__(self, tmp: Path, port: int, workers: int = 2) -> None:
        self.tmp, self.port, self.workers, self.proc = tmp, port, workers, None

    def start(self) -> None:
        """Start and wait until the consultation page answers."""
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.proc = subprocess.Popen(
            [gunicorn, "-w", str(self.workers), "--threads", "4", "-k", "gthread",
             "-b", f"127.0.0.1:{self.port}", "--log-level", "warning", "portal:create_app()"],
            cwd=ROOT, env=server_env(self.tmp),
            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if requests.get(f"{self.url}/ja/consultations/demo/", timeout=2).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL the master and every worker."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        """Stop gracefully."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(20)


@dataclass
class Tally:
    """What the clients saw: receipts shown, retries, errors by kind."""

    receipts: list[tuple[int, str]] = field(default_factory=list)
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _post_until_ok(session: requests.Session, url: str, data: dict, tally: Tally,
                   deadline: float) -> str:
    """POST until a 200 answer (connection errors and 5xx during restarts are retried)."""
    while time.time() < deadline:
        try:
            r = session.post(url, data=data, timeout=10)
            if r.status_code == 200:
                return r.text
        except requests.RequestException:
            pass
        with tally.lock:
            tally.retries += 1
        time.sleep(0.05)
    raise TimeoutError(url)


def _resident(base: str, n: int, index: int, tally: Tally, deadline: float) -> None:
    """One resident sending N comments through the confirmation screen."""
    session = requests.Session()
    while True:
        try:
            page = session.get(f"{base}/ja/consultations/demo/comment", timeout=10).text
            break
        except requests.RequestException:
            time.sleep(0.1)
    tokens = {k: html.unescape(v) for k, v in HIDDEN.findall(page)}
    for i in range(n):
        form = {**tokens, "body": f"耐久試験の意見 {index}-{i}：①＜テスト＞", "website": ""}
        confirm = _post_until_ok(session, f"{base}/ja/consultations/demo/confirm", form, tally, deadline)
        sent = {k: html.unescape(v) for k, v in HIDDEN.findall(confirm)}
        receipt = _post_until_ok(session, f"{base}/ja/consultations/demo/submit", sent, tally, deadline)
        match = RECEIPT.search(receipt)
        with tally.lock:
            tally.receipts.append((int(match.group(1)), match.group(2)))


def run_load(server: Server, clients: int, per_client: int, kill_at: tuple[int, ...] = (),
             cap_seconds: float = 110) -> tuple[Tally, float]:
    """Run CLIENTS residents; SIGKILL and restart the server when the receipt count passes KILL_AT."""
    tally, deadline = Tally(), time.time() + cap_seconds
    threads = [threading.Thread(target=_resident, args=(server.url, per_client, i, tally, deadline),
                                daemon=True) for i in range(clients)]
    start = time.time()
    for t in threads:
        t.start()
    for mark in kill_at:
        while len(tally.receipts) < mark and time.time() < deadline:
            time.sleep(0.01)
        server.kill()
        time.sleep(0.3)
        server.start()
    for t in threads:
        t.join(max(0.0, deadline - time.time()))
    return tally, time.time() - start


def check(db: Path, receipts: list[tuple[int, str]]) -> dict[str, int]:
    """Count receipts found exactly once, missing or duplicated; and the database's integrity."""
    sys.path.insert(0, str(ROOT))
    from portal.consult.receipts import code_hash

    conn = sqlite3.connect(db)
    once = missing = 0
    for no, code in receipts:
        n = conn.execute("SELECT count(*) FROM comment WHERE receipt_code_sha256 = ? AND receipt_no = ?",
                         (code_hash(code), no)).fetchone()[0]
        once += n == 1
        missing += n == 0
    total = conn.execute("SELECT count(*) FROM comment").fetchone()[0]
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    return {"acknowledged": len(receipts), "exactly_once": once, "missing": missing,
            "rows": total, "integrity_ok": int(ok),
            "distinct_receipts": len(set(receipts))}


async def _post(client, path: str, form: dict[str, str]):
    """POST, sending again (up to 5 times) when a connection is reset: submit is idempotent."""
    from bench.harness_client import HttpError

    for attempt in range(5):
        try:
            return await client.post(path, form)
        except HttpError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


async def _rate_client(port: int, n: int, per_client: int, receipts: list, submit_s: list) -> None:
    """A stream of residents: open the form once, then confirm → submit N times, reconnecting."""
    from bench.harness_client import Client

    client = Client("127.0.0.1", port)
    tokens = {k: html.unescape(v) for k, v in HIDDEN.findall(
        (await client.get("/ja/consultations/demo/comment")).text)}
    for i in range(per_client):
        form = {**tokens, "body": f"締切日の意見 {n}-{i}：①＜テスト＞", "website": ""}
        confirm = await _post(client, "/ja/consultations/demo/confirm", form)
        sent = {k: html.unescape(v) for k, v in HIDDEN.findall(confirm.text)}
        answer = await _post(client, "/ja/consultations/demo/submit", sent)
        match = RECEIPT.search(answer.text)
        if answer.status == 200 and match:
            receipts.append((int(match.group(1)), match.group(2)))
            submit_s.append(answer.seconds)
        # A deadline-day burst is many residents, each on a connection of their own: reconnect
        # (keeping the cookie) so the kernel spreads comments over the workers, as it does for
        # distinct browsers; one long keep-alive per client pins it to one worker.
        await client.close()
    await client.close()


def measure_rate(clients: int = 48, per_client: int = 50, workers: int = 2,
                 threads: int = 8) -> dict[str, float]:
    """Sustained comments/s on `portal serve --production` with SQLite, and how many were lost."""
    import asyncio

    from bench.harness_server import ProductionServer, build
    from bench.harness_server import server_env as production_env

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = production_env(tmp, SERVE_THREADS=str(threads))
        build(env, index=False)
        server = ProductionServer(env, tmp / "server.log", workers=workers)
        server.start()
        warm: list[tuple[int, str]] = []
        receipts: list[tuple[int, str]] = []
        submit_s: list[float] = []

        async def run(n_clients: int, n_each: int, into: list, times: list) -> None:
            await asyncio.gather(*(_rate_client(server.port, n, n_each, into, times)
                                   for n in range(n_clients)))

        try:
            # Warm-up, not timed: each worker compiles its templates on first use (a long-running
            # server has done so long before a closing day); the sustained rate is what follows.
            asyncio.run(asyncio.wait_for(run(clients, 2, warm, []), timeout=120))
            started = time.perf_counter()
            try:
                asyncio.run(asyncio.wait_for(run(clients, per_client, receipts, submit_s),
                                             timeout=300))
            finally:
                elapsed = time.perf_counter() - started
        finally:
            server.stop()
        result = check(tmp / "portal.sqlite", warm + receipts)
        result["timed"] = len(receipts)
    submit_s.sort()
    p95 = submit_s[int(len(submit_s) * 0.95) - 1] * 1000 if submit_s else float("nan")
    return {**result, "seconds": elapsed, "rate": result["timed"] / elapsed,
            "submit_p95_ms": p95, "clients": clients, "workers": workers, "threads": threads}


def main() -> None:
    """Measure sustained comment submissions/s with zero loss (target ≥ 200/s on SQLite).

    BENCH_REPEAT runs (default 3), each on a fresh database and server: this machine's speed
    varies from minute to minute, so the median and the slowest run are reported.
    """
    rates = []
    for _ in range(int(os.environ.get("BENCH_REPEAT", "3"))):
        r = measure_rate(workers=int(os.environ.get("BENCH_WORKERS", "3")),
                         threads=int(os.environ.get("BENCH_THREADS", "8")))
        rates.append(r["rate"])
        print(f"{r['timed']} comments from {r['clients']} residents in {r['seconds']:.1f} s = "
              f"{r['rate']:.0f} comments/s (each = confirm POST + submit POST, both full pages; "
              f"{r['workers']} workers × {r['threads']} threads, group commit); submit p95 "
              f"{r['submit_p95_ms']:.0f} ms; receipts shown (warm-up included): "
              f"{r['acknowledged']}, exactly once: {r['exactly_once']}, missing: {r['missing']}; "
              f"rows: {r['rows']}; integrity ok: {bool(r['integrity_ok'])}", flush=True)
    print(f"comments/s over {len(rates)} runs: median {statistics.median(rates):.0f}, "
          f"slowest {min(rates):.0f}, fastest {max(rates):.0f} (target ≥ 200)")


if __name__ == "__main__":
    main()
