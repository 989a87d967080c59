"""Load-and-fault harness: a deadline storm, worker SIGKILLs, and the database's disk filling up.

Everything runs on 127.0.0.1 against a real `portal serve --production` (gunicorn, 3 gthread
workers × 4 threads, JSON logs) built from datasets/ with the demo consultation. Clients are
coroutines on asyncio streams (bench/harness_client.py) in this one process: 200 commenters
(open the form, then confirm → submit, repeated; a failed send is re-sent with the same
submission token, which the server makes idempotent) and 20 readers (home, plan and
consultation pages, searches). Each scenario has a fixed length and stops by itself.
At the end every receipt a commenter was shown must be in the database exactly once.

Scenarios: (1) storm, 60 s; (2) storm with one worker SIGKILLed every 10 s; (3) 50 commenters
with the database on a 128 MB loop-mounted ext4 (tmpfs size=128m when loop devices are not
available; needs root), the disk filled with a filler file for 15 s, then freed; (4) slowloris:
200 slow TLS sockets on Debian's nginx in front (deploy/nginx/portal.conf) while residents (then
a storm) read and comment through it.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_comments import check
from bench.harness_client import Client, HttpError, insecure_tls
from bench.harness_server import ProductionServer, build, server_env

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
RECEIPT = re.compile(r'id="receipt-no">(\d+)<.*?id="receipt-code">([0-9A-Z-]+)<', re.S)
#: The Japanese message shown when a comment could not be saved (portal/consult/views.py).
NOT_SAVED_JA = "ただいまご意見を保存できませんでした"
READ_PATHS = ["/ja/", "/en/", "/ja/consultations/", "/ja/consultations/demo/", "/ja/plans/",
              "/ja/plans/mirai-plan-2022/", "/ja/chiku/", "/en/search?q=park",
              "/ja/search?q=%E9%98%B2%E7%81%BD", "/ja/search?q=%E6%B1%A0%E5%B0%BB"]
FORM = "/ja/consultations/demo/comment"


@dataclass
class Stats:
    """What the clients saw during one scenario."""

    receipts: list[tuple[int, str]] = field(default_factory=list)
    post_seconds: list[float] = field(default_factory=list)
    get_seconds: list[float] = field(default_factory=list)
    comment_seconds: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    resends: int = 0
    stale_retries: int = 0
    not_saved_pages: int = 0
    not_saved_with_text: int = 0
    last_not_saved: float = 0.0

    def note(self, kind: str, response) -> None:
        """Record one response's status and latency."""
        self.statuses[f"{kind} {response.status}"] += 1
        (self.post_seconds if kind == "POST" else self.get_seconds).append(response.seconds)


def hidden(page: str) -> dict[str, str]:
    """The hidden inputs of a page, unescaped."""
    return {k: html.unescape(v) for k, v in HIDDEN.findall(page)}


async def _send(client: Client, path: str, form: dict[str, str], stats: Stats, stop: float):
    """POST until a 200 answer or STOP; a 503 page must show the resident's text back."""
    while time.time() < stop:
        try:
            response = await client.post(path, form)
        except HttpError as exc:
            stats.errors[f"POST {exc}"] += 1
            stats.resends += 1
            await asyncio.sleep(0.2)
            continue
        stats.note("POST", response)
        if response.status == 200:
            return response
        if response.status == 503 and path.endswith("/submit"):
            stats.not_saved_pages += 1
            stats.last_not_saved = time.time()
            text_shown = html.escape(form["body"], quote=False) in response.text
            stats.not_saved_with_text += text_shown and NOT_SAVED_JA in response.text
        stats.resends += 1
        await asyncio.sleep(0.5)
    return None


def _client(port: int, tls: bool) -> Client:
    """A browser on 127.0.0.1:PORT (through nginx's TLS port when TLS)."""
    return Client("127.0.0.1", port, tls=tls, host_header="localhost" if tls else "")


async def pause(think: float) -> None:
    """A resident reading or typing: THINK seconds on average (0: none, a storm)."""
    if think:
        await asyncio.sleep(random.uniform(0.5, 1.5) * think)


async def commenter(n: int, port: int, stats: Stats, until: float, drain: float,
                    tls: bool = False, think: float = 0) -> None:
    """Open the form, then send comments (confirm → submit) until UNTIL, THINK s apart."""
    client, i = _client(port, tls), 0
    tokens: dict[str, str] = {}
    while not tokens and time.time() < until:
        try:
            tokens = hidden((await client.get(FORM)).text)
        except HttpError:
            await asyncio.sleep(0.2)
    while time.time() < until:
        started = time.perf_counter()
        body = f"締切日の意見 {n}-{i}：① 公園の樹木を残してください。"
        form = {**tokens, "body": body, "website": ""}
        confirm = await _send(client, "/ja/consultations/demo/confirm", form, stats, drain)
        if confirm is None:
            break
        sent = await _send(client, "/ja/consultations/demo/submit", hidden(confirm.text), stats,
                           drain)
        match = RECEIPT.search(sent.text) if sent else None
        if match:
            stats.receipts.append((int(match.group(1)), match.group(2)))
            stats.comment_seconds.append(time.perf_counter() - started)
        i += 1
        await pause(think)
    stats.stale_retries += client.stale_retries
    await client.close()


async def reader(port: int, stats: Stats, until: float, tls: bool = False,
                 think: float = 0) -> None:
    """Browse and search until UNTIL, THINK s between pages."""
    client = _client(port, tls)
    while time.time() < until:
        path = random.choice(READ_PATHS)
        try:
            response = await client.get(path)
            stats.note("GET", response)
            await pause(think)
        except HttpError as exc:
            stats.errors[f"GET {exc}"] += 1
            await asyncio.sleep(0.2)
    stats.stale_retries += client.stale_retries
    await client.close()


async def storm(server: ProductionServer, seconds: float, commenters: int, readers: int,
                faults=None, port: int | None = None, tls: bool = False,
                think: float = 0) -> tuple[Stats, float]:
    """Run the clients for SECONDS while FAULTS(stats, start) runs; return stats and wall time.
    PORT/TLS: where the clients connect (nginx's TLS port), else the server itself; THINK: the
    clients' mean pause between requests (0: a storm)."""
    stats, start = Stats(), time.time()
    until, drain = start + seconds, start + seconds + 30
    port = port or server.port
    tasks = [commenter(n, port, stats, until, drain, tls, think) for n in range(commenters)]
    tasks += [reader(port, stats, until, tls, think) for _ in range(readers)]
    if faults is not None:
        tasks.append(faults(stats, start))
    await asyncio.gather(*tasks)
    return stats, time.time() - start


def p95(values: list[float]) -> float:
    """95th percentile in milliseconds (-1 when there is no value: nothing got through)."""
    if not values:
        return -1.0
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def check_url(url: str, receipts: list[tuple[int, str]]) -> dict[str, int]:
    """Like bench_comments.check on any database URL (PostgreSQL included)."""
    from sqlalchemy import create_engine, text

    from portal.consult.receipts import code_hash

    engine = create_engine(url)
    once = missing = 0
    with engine.connect() as conn:
        for no, code in receipts:
            n = conn.execute(text("SELECT count(*) FROM comment WHERE receipt_code_sha256 = :h "
                                  "AND receipt_no = :n"), {"h": code_hash(code), "n": no}).scalar()
            once += n == 1
            missing += n == 0
        rows = conn.execute(text("SELECT count(*) FROM comment")).scalar()
    engine.dispose()
    return {"acknowledged": len(receipts), "exactly_once": once, "missing": missing,
            "rows": rows, "integrity_ok": 1, "distinct_receipts": len(set(receipts))}


@contextmanager
def database(tmp: Path) -> Iterator[str]:
    """A SQLite file under TMP, or a fresh database on HARNESS_POSTGRES_URL's server (dropped after)."""
    admin = os.environ.get("HARNESS_POSTGRES_URL")
    if not admin:
        yield f"sqlite:///{tmp / 'portal.sqlite'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"portal_harness_{os.getpid()}_{int(time.time())}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def summary(name: str, stats: Stats, seconds: float, db: Path | str,
            extra: dict | None = None) -> dict:
    """The figures of one scenario, with the loss check against the database."""
    result = check(db, stats.receipts) if isinstance(db, Path) else check_url(db, stats.receipts)
    requests = sum(stats.statuses.values())
    return {"scenario": name, "seconds": round(seconds, 1),
            "comments_acknowledged": result["acknowledged"],
            "comments_per_s": round(result["acknowledged"] / seconds, 1),
            "requests_per_s": round(requests / seconds, 1),
            "p95_post_ms": round(p95(stats.post_seconds)), "p95_get_ms": round(p95(stats.get_seconds)),
            "p95_comment_ms": round(p95(stats.comment_seconds)),
            "non_200": {k: v for k, v in stats.statuses.items() if not k.endswith(" 200")},
            "connection_errors": dict(stats.errors), "resends": stats.resends,
            "keepalive_resends": stats.stale_retries,
            "lost": result["missing"], "duplicated": result["acknowledged"] - result["exactly_once"]
            - result["missing"], "rows": result["rows"], "integrity_ok": bool(result["integrity_ok"]),
            **(extra or {})}


def scenario_storm(kill_every: float | None, seconds: float = 60, commenters: int = 200,
                   readers: int = 20) -> dict:
    """Scenario 1 (no faults) or 2 (one worker SIGKILLed every KILL_EVERY seconds)."""
    with tempfile.TemporaryDirectory(prefix="harness-") as name, database(Path(name)) as url:
        tmp = Path(name)
        env = server_env(tmp, url)
        build(env)
        server = ProductionServer(env, tmp / "server.log")
        server.start()
        killed: list[int] = []
        wal_peak = [0]

        async def kills(start: float) -> None:
            while kill_every and time.time() < start + seconds - 1:
                await asyncio.sleep(kill_every)
                killed.append(server.kill_worker())

        async def faults(stats: Stats, start: float) -> None:
            await asyncio.gather(kills(start), sample_wal(tmp, start + seconds + 5, wal_peak))

        try:
            stats, wall = asyncio.run(storm(server, seconds, commenters, readers, faults))
        finally:
            server.stop()
        label = "storm" if not kill_every else f"storm + SIGKILL every {kill_every:g} s"
        label += " (PostgreSQL)" if url.startswith("postgresql") else " (SQLite)"
        db = tmp / "portal.sqlite" if url.startswith("sqlite") else url
        return summary(label, stats, wall, db, {"workers_killed": len(killed),
                                                 "wal_peak_bytes": wal_peak[0]})


def _mount_small(folder: Path, image: Path, size_mb: int = 128) -> str:
    """Mount a SIZE_MB ext4 image (or a tmpfs) on FOLDER; return what was mounted."""
    folder.mkdir()
    try:
        subprocess.run(["truncate", "-s", f"{size_mb}M", str(image)], check=True)
        subprocess.run(["mkfs.ext4", "-q", "-m", "0", str(image)], check=True)
        subprocess.run(["mount", "-o", "loop", str(image), str(folder)], check=True,
                       capture_output=True)
        return f"{size_mb} MB ext4 loop mount"
    except (subprocess.CalledProcessError, FileNotFoundError):
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)],
                       check=True)
        return f"{size_mb} MB tmpfs"


def fill(folder: Path) -> int:
    """Write a filler file in FOLDER until the disk is full; return the bytes written."""
    written, chunk = 0, b"\0" * (1 << 20)
    with open(folder / "filler", "wb", buffering=0) as out:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    written += out.write(chunk[:size])
            except OSError:
                continue
    return written


def scenario_disk_full(commenters: int = 50, readers: int = 10, before: float = 10,
                       full: float = 15, after: float = 15) -> dict:
    """Scenario 3: the database's disk fills up during submissions, then space returns."""
    with tempfile.TemporaryDirectory(prefix="harness-") as name:
        tmp = Path(name)
        small = tmp / "small"
        how = _mount_small(small, tmp / "disk.img")
        try:
            env = server_env(tmp, f"sqlite:///{small / 'portal.sqlite'}")
            build(env)
            server = ProductionServer(env, tmp / "server.log")
            server.start()
            marks: dict[str, float] = {}

            async def faults(stats: Stats, start: float) -> None:
                await asyncio.sleep(before)
                marks["filled_bytes"] = await asyncio.to_thread(fill, small)
                marks["full_at"] = time.time() - start
                acknowledged = len(stats.receipts)
                await asyncio.sleep(full)
                marks["acknowledged_while_full"] = len(stats.receipts) - acknowledged
                (small / "filler").unlink()
                freed, count = time.time(), len(stats.receipts)
                marks["freed_at"] = freed - start
                while len(stats.receipts) == count and time.time() < freed + after:
                    await asyncio.sleep(0.05)
                marks["recovered_after_s"] = round(time.time() - freed, 2)

            start_wall = time.time()
            try:
                stats, wall = asyncio.run(storm(server, before + full + after, commenters,
                                                readers, faults))
            finally:
                server.stop()
            log = (tmp / "server.log").read_text()
            shutil.copy(tmp / "server.log", Path(tempfile.gettempdir()) / "harness-disk-server.log")
            marks["last_503_after_freed_s"] = stats.last_not_saved - start_wall - marks["freed_at"]
            return summary(f"disk full ({how})", stats, wall, small / "portal.sqlite", {
                "not_saved_503": stats.not_saved_pages,
                "not_saved_503_showing_text_and_message": stats.not_saved_with_text,
                "comment_text_in_logs": "締切日の意見" in log,
                **{k: round(v, 2) if isinstance(v, float) else v for k, v in marks.items()}})
        finally:
            subprocess.run(["umount", "-l", str(small)], check=False)


async def sample_wal(tmp: Path, until: float, peak: list[int]) -> None:
    """Keep the largest size of TMP's SQLite -wal file in PEAK[0] until UNTIL (5 looks a second)."""
    wal = tmp / "portal.sqlite-wal"
    while time.time() < until:
        try:
            peak[0] = max(peak[0], wal.stat().st_size)
        except OSError:
            pass
        await asyncio.sleep(0.2)


async def slow_client(port: int, until: float, counts: Counter) -> None:
    """Slowloris: a TLS connection sending one header line every 5 s, never finishing its
    request; when nginx drops it (client_header_timeout), it connects again, until UNTIL."""
    while time.time() < until:
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port, ssl=insecure_tls(), server_hostname="localhost")
        except OSError:
            counts["connect_failed"] += 1
            await asyncio.sleep(1)
            continue
        counts["opened"] += 1
        try:
            writer.write(b"GET /ja/plans/ HTTP/1.1\r\nHost: localhost\r\n")
            while time.time() < until:
                await asyncio.sleep(5)
                writer.write(b"X-Slow: 1\r\n")
                await writer.drain()
                if reader.at_eof():
                    break
            counts["dropped_by_nginx" if time.time() < until else "held_to_end"] += 1
        except (OSError, ConnectionError):
            counts["dropped_by_nginx"] += 1
        finally:
            writer.close()


#: The slowloris scenario's phases: (label, slow sockets, clients' mean think time in seconds).
SLOWLORIS_PHASES = [("residents, no slow sockets", 0, 1.0),
                    ("residents with 200 slow sockets", 200, 1.0),
                    ("storm (no think time) with 200 slow sockets", 200, 0.0)]


def scenario_slowloris(seconds: float = 60, commenters: int = 50, readers: int = 20,
                       phases: list[tuple[str, int, float]] | None = None) -> list[dict]:
    """Scenario 4: slowloris sockets on nginx (deploy/nginx/portal.conf) while readers and
    commenters go through the same nginx over TLS, one run per phase on the same server: the
    same residents (THINK s between requests) without and with the slow sockets, then a storm
    with them; the -wal file's peak size is sampled."""
    from bench.nginx_proxy import NginxProxy

    results = []
    with tempfile.TemporaryDirectory(prefix="harness-") as name:
        tmp = Path(name)
        env = server_env(tmp, f"sqlite:///{tmp / 'portal.sqlite'}", TRUSTED_PROXIES="1")
        build(env)
        server = ProductionServer(env, tmp / "server.log")
        server.start()
        proxy = NginxProxy(tmp / "nginx", f"127.0.0.1:{server.port}")
        proxy.start()
        try:
            for label, slow, think in phases or SLOWLORIS_PHASES:
                counts: Counter = Counter()
                wal_peak = [0]

                async def faults(stats: Stats, start: float, slow=slow, counts=counts,
                                 wal_peak=wal_peak) -> None:
                    until = start + seconds
                    sockets = [slow_client(proxy.https_port, until, counts) for _ in range(slow)]
                    await asyncio.gather(*sockets, sample_wal(tmp, until + 5, wal_peak))

                stats, wall = asyncio.run(storm(server, seconds, commenters, readers, faults,
                                                port=proxy.https_port, tls=True, think=think))
                results.append(summary(f"slowloris scenario: {label} (SQLite, through nginx)",
                                       stats, wall, tmp / "portal.sqlite", {
                                           "think_seconds": think, "slow_sockets": slow,
                                           "slow_connections": dict(counts),
                                           "p95_reader_ms": round(p95(stats.get_seconds)),
                                           "wal_peak_bytes": wal_peak[0],
                                           "database_bytes": (tmp / "portal.sqlite").stat().st_size}))
        finally:
            proxy.stop()
            server.stop()
    return results


def main() -> None:
    """Run the three scenarios (about 5 minutes) and print their figures as JSON lines.

    Arguments choose scenarios (storm, kill, disk; slowloris runs only when named);
    HARNESS_POSTGRES_URL (an admin URL) runs the storms on a fresh PostgreSQL database instead
    of SQLite (the disk scenario is SQLite's).
    """
    if os.geteuid() != 0 or not shutil.which("mount"):
        print("scenario 3 needs root (mount); it is skipped", file=sys.stderr)
    which = sys.argv[1:] or ["storm", "kill", "disk"]
    runs = {"storm": lambda: scenario_storm(None), "kill": lambda: scenario_storm(10),
            "disk": scenario_disk_full, "slowloris": scenario_slowloris}
    for name in which:
        if name == "disk" and os.geteuid() != 0:
            continue
        result = runs[name]()
        for one in result if isinstance(result, list) else [result]:
            print(json.dumps(one, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
