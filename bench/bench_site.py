"""Benchmark: a 施策 page (plain and with ふりがな) and a 地区 page vs Datasette serving a table page
of the same data.

Both servers run on 127.0.0.1 in the same run against the same SQLite file built from datasets/:
the portal under gunicorn (gthread workers), Datasette as it ships (one process). 16 concurrent
keep-alive clients send GET requests for a fixed time per target; requests/s and p95 latency are
reported and written to docs/benchmarks.md between the `site` markers. Bounded and self-stopping.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLIENTS = 16
SECONDS = 10.0
WARMUP = 2.0
#: (label, server, path) — same data: the 施策's indicators; the 地区's 町丁目.
TARGETS = [
    ("施策 page (portal)", "portal", "/ja/plans/node/mirai-plan-2022:revised:measure-1/"),
    ("indicator table of that 施策 (Datasette)", "datasette",
     "/portal/indicator?node_id__startswith=mirai-plan-2022%3Arevised%3Aproject-1-"),
    ("地区 page (portal)", "portal", "/ja/chiku/02/"),
    ("町丁目 table of that 地区 (Datasette)", "datasette", "/portal/chome?chiku_id=02"),
    ("施策 page with ふりがな (portal, ?furigana=1)", "portal",
     "/ja/plans/node/mirai-plan-2022:revised:measure-1/?furigana=1"),
]


#: Why the portal and Datasette differ (kept in the report, which replaces the whole section).
WHY = """Why the gap: the portal renders a page once per data build and per language, then serves it from
memory to requests without cookies (portal/cache.py; the data stamp is re-read at most once a
second, so a rebuild shows within a second); Datasette runs its SQL and renders its table page on every
request. First-request (uncached) cost measured in-process: about 7 ms for either page. The page with
ふりがな is cached the same way under its own key (portal/switcher.ruby_on), and its ruby (SudachiPy
over the page's text) is added once per distinct page body (portal/easy).
"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PORTAL_DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite'}",
                "PORTAL_SEARCH_INDEX_DIR": str(tmp / "search_index"),
                "PORTAL_RELEASES_DIR": str(tmp / "releases"),
                "PORTAL_DATASETS_DIR": str(ROOT / "datasets"),
                "PORTAL_SECRET_KEY": "bench-only-secret-0123456789abcdef",
                "PYTHONPATH": str(ROOT)})
    return env


def _wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


def _client(port: int, path: str, stop: float, start_at: float, out: list[float], errors: list[int]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while (now := time.perf_counter()) < stop:
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except (OSError, http.client.HTTPException):
            errors.append(0)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        if now >= start_at:
            out.append(time.perf_counter() - now)
    conn.close()


def measure(port: int, path: str) -> dict[str, float]:
    """Drive PORT+PATH with CLIENTS clients; return requests/s, p50 and p95 (ms) after warm-up."""
    start_at = time.perf_counter() + WARMUP
    stop = start_at + SECONDS
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors: list[int] = []
    threads = [threading.Thread(target=_client, args=(port, path, stop, start_at, latencies[i], errors))
               for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    samples = sorted(x for part in latencies for x in part)
    def pct(p: float) -> float:
        return samples[min(len(samples) - 1, int(p * len(samples)))] * 1000 if samples else float("nan")
    return {"rps": len(samples) / SECONDS, "p50": pct(0.50), "p95": pct(0.95), "errors": len(errors)}


def _start(tmp: Path) -> tuple[list[subprocess.Popen], dict[str, int]]:
    env = _env(tmp)
    subprocess.run([sys.executable, "-c", "from portal.cli import main; main()", "build"], env=env,
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ports = {"portal": _port(), "datasette": _port()}
    log = open(tmp / "servers.log", "wb")  # noqa: SIM115 - closed with the processes
    portal = subprocess.Popen([str(BIN / "gunicorn"), "-w", "3", "-k", "gthread", "--threads", "4",
                               "-b", f"127.0.0.1:{ports['portal']}", "portal:create_app()"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    datasette = subprocess.Popen([str(BIN / "datasette"), "serve", str(tmp / "portal.sqlite"), "-h",
                                  "127.0.0.1", "-p", str(ports["datasette"])],
                                 env=env, cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
    return [portal, datasette], ports


def run() -> list[tuple[str, dict[str, float]]]:
    """Start both servers, measure every target, stop the servers."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    procs, ports = _start(tmp)
    try:
        for _label, server, path in TARGETS:
            _wait(f"http://127.0.0.1:{ports[server]}{path}")
        return [(label, measure(ports[server], path)) for label, server, path in TARGETS]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


def report(results: list[tuple[str, dict[str, float]]]) -> str:
    """The Markdown section for docs/benchmarks.md."""
    rows = "\n".join(f"| {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']:.0f} |"
                     for label, r in results)
    by = dict(results)
    ratio_m = by[TARGETS[0][0]]["rps"] / by[TARGETS[1][0]]["rps"]
    ratio_c = by[TARGETS[2][0]]["rps"] / by[TARGETS[3][0]]["rps"]
    ratio_r = by[TARGETS[4][0]]["rps"] / by[TARGETS[1][0]]["rps"]
    return (f"## Progress pages vs Datasette (issue: progress site)\n\n"
            f"`python -m bench.run_all bench_site` — {CLIENTS} concurrent keep-alive clients on 127.0.0.1, "
            f"{SECONDS:.0f} s per target after {WARMUP:.0f} s warm-up, one SQLite file built from datasets/. "
            f"Portal: gunicorn, 3 gthread workers × 4 threads; Datasette {_datasette_version()} as shipped "
            f"(one process). The load generator runs on the same 2 cores, and the machine may be shared "
            f"with other work during a run: compare the ratios of one run, not figures across runs.\n\n"
            f"| target | requests/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|\n{rows}\n\n"
            f"Throughput portal ÷ Datasette: 施策 page **{ratio_m:.1f}×**, 地区 page **{ratio_c:.1f}×**, "
            f"施策 page with ふりがな **{ratio_r:.1f}×** (target ≥ 3×); p95 target < 100 ms.\n\n{WHY}")


def _datasette_version() -> str:
    out = subprocess.run([str(BIN / "datasette"), "--version"], capture_output=True, text=True).stdout
    return out.strip().split()[-1] if out else "?"


def write_section(text: str, path: Path = ROOT / "docs" / "benchmarks.md") -> None:
    """Replace the `site` section of docs/benchmarks.md with TEXT."""
    doc = path.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- BEGIN site -->\n).*?(<!-- END site -->)", re.S)
    path.write_text(pattern.sub(lambda m: m.group(1) + text + m.group(2), doc), encoding="utf-8")


def main() -> None:
    """Run the benchmark, print the table and record it in docs/benchmarks.md."""
    text = report(run())
    print(text)
    write_section(text)


if __name__ == "__main__":
    main()
