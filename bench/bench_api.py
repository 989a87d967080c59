"""Benchmark: the rows API vs Datasette serving the same observations rows, in one run.

The real datasets are built into a temporary folder; Datasette gets a SQLite file holding exactly
the rows of the mirai-plan-2022 `observations` release (same 806 rows, primary key, column
types) and serves it in immutable mode (its fastest, cache-friendly mode). The portal runs under
gunicorn (2 gthread workers × 4 threads, the production command's shape on a 2-core machine);
Datasette runs as it ships (one uvicorn process). Both listen on 127.0.0.1. For each of three
equivalent queries (first page, a filter, a filter with a descending sort), 16 keep-alive
clients send GETs for a fixed time. requests/s, p50 and p95 are printed and written to
docs/benchmarks.md between the `api` markers. Bounded (about 2 minutes) and self-stopping.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_site import _port, _wait, measure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROWS = "/api/v1/datasets/mirai-plan-2022/1.0.0/resources/observations/rows"
TABLE = "/obs/observations.json"
#: (label, portal path, Datasette path): the same question asked of both servers.
#: Both order by the primary key unless told otherwise, so the answers hold the same rows.
QUERIES = [
    ("first 100 rows by id", f"{ROWS}?_sort=observation_id&_size=100", f"{TABLE}?_size=100&_shape=objects"),
    ("series=actual, 100 rows by id", f"{ROWS}?series=actual&_sort=observation_id&_size=100",
     f"{TABLE}?series=actual&_size=100&_shape=objects"),
    ("series=target by value desc, 50 rows", f"{ROWS}?series=target&_sort=-value&_size=50",
     f"{TABLE}?series=target&_sort_desc=value&_size=50&_shape=objects"),
]
#: The column compared between the two answers of each query (ties in `value` may order differently).
COMPARED = ("observation_id", "observation_id", "value")
TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def _env(tmp: Path) -> dict[str, str]:
    """Environment for the portal: everything under TMP, the real datasets."""
    env = dict(os.environ)
    env.update({"PORTAL_DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite'}",
                "PORTAL_SEARCH_INDEX_DIR": str(tmp / "search_index"),
                "PORTAL_RELEASES_DIR": str(tmp / "releases"),
                "PORTAL_SECRET_KEY": "bench-only-secret-0123456789abcdef",
                "PORTAL_DATASETS_DIR": str(ROOT / "datasets"), "PYTHONPATH": str(ROOT)})
    return env


def datasette_db(release: Path, target: Path) -> int:
    """Write the release's observations (JSON records + schema) into a SQLite table; return rows."""
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    schema = next(r for r in manifest["resources"] if r["name"] == "observations")["schema"]
    rows = json.loads((release / "observations.json").read_text(encoding="utf-8"))
    cols = [f'"{f["name"]}" {TYPES.get(f["type"], "TEXT")}' for f in schema["fields"]]
    names = [f["name"] for f in schema["fields"]]
    with sqlite3.connect(target) as db:
        db.execute(f"CREATE TABLE observations ({', '.join(cols)}, PRIMARY KEY (observation_id))")
        db.executemany(f"INSERT INTO observations VALUES ({', '.join('?' * len(names))})",
                       [[r[n] for n in names] for r in rows])
    db.close()
    return len(rows)


def _start(tmp: Path) -> tuple[list[subprocess.Popen], dict[str, int]]:
    """Build the portal's data, write Datasette's copy and start both servers."""
    env = _env(tmp)
    subprocess.run([sys.executable, "-c", "from portal.cli import main; main()", "build", "--no-index"],
                   env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    datasette_db(tmp / "releases" / "mirai-plan-2022" / "1.0.0", tmp / "obs.db")
    ports = {"portal": _port(), "datasette": _port()}
    log = open(tmp / "servers.log", "wb")  # noqa: SIM115 - closed with the processes
    portal = subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "4",
                               "-b", f"127.0.0.1:{ports['portal']}", "portal:create_app()"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    datasette = subprocess.Popen([str(BIN / "datasette"), "serve", "-i", str(tmp / "obs.db"), "-h",
                                  "127.0.0.1", "-p", str(ports["datasette"]),
                                  "--setting", "suggest_facets", "off"],
                                 cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
    return [portal, datasette], ports


def same_rows(ports: dict[str, int]) -> bool:
    """Check that both servers answer each query with the same rows (so the race is fair)."""
    import urllib.request

    for (_label, ours, theirs), column in zip(QUERIES, COMPARED, strict=True):
        with urllib.request.urlopen(f"http://127.0.0.1:{ports['portal']}{ours}") as response:
            mine = [r[column] for r in json.load(response)["rows"]]
        with urllib.request.urlopen(f"http://127.0.0.1:{ports['datasette']}{theirs}") as response:
            other = [r[column] for r in json.load(response)["rows"]]
        if mine != other:
            return False
    return True


def run() -> tuple[list[tuple[str, dict, dict]], bool]:
    """Start both servers, measure every query on each, stop the servers."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-api-"))
    procs, ports = _start(tmp)
    try:
        _wait(f"http://127.0.0.1:{ports['portal']}{QUERIES[0][1]}")
        _wait(f"http://127.0.0.1:{ports['datasette']}{QUERIES[0][2]}")
        fair = same_rows(ports)
        results = [(label, measure(ports["portal"], ours), measure(ports["datasette"], theirs))
                   for label, ours, theirs in QUERIES]
        return results, fair
    finally:
        stop(procs, tmp)


def stop(procs: list[subprocess.Popen], tmp: Path) -> None:
    """Stop the servers and remove their folder."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(timeout=20)
    shutil.rmtree(tmp, ignore_errors=True)


def _datasette_version() -> str:
    """Datasette's version, for the report."""
    out = subprocess.run([str(BIN / "datasette"), "--version"], capture_output=True, text=True)
    return out.stdout.strip().split()[-1] if out.returncode == 0 else "?"


def report(results: list[tuple[str, dict, dict]], fair: bool) -> str:
    """The Markdown section for docs/benchmarks.md."""
    from bench.bench_site import CLIENTS, SECONDS, WARMUP

    lines = [f"| {label} | {p['rps']:.0f} | {p['p95']:.1f} | {d['rps']:.0f} | {d['p95']:.1f} | "
             f"**{p['rps'] / d['rps']:.1f}×** | {p['errors']:.0f} / {d['errors']:.0f} |"
             for label, p, d in results]
    total_p = sum(p["rps"] for _, p, _ in results)
    total_d = sum(d["rps"] for _, _, d in results)
    return (
        "## Catalogue API vs Datasette (issue: catalogue and API)\n\n"
        "`.venv/bin/python -m bench.run_all bench_api` — the mirai-plan-2022 `observations` rows "
        "(806) served by the portal's rows API and by Datasette "
        f"{_datasette_version()} (`datasette serve -i --setting suggest_facets off`: immutable, "
        "no facet suggestions; one process; a SQLite copy of the same release rows) on 127.0.0.1 "
        "in one run. Portal: gunicorn, 2 gthread workers × 4 threads. "
        f"{CLIENTS} concurrent keep-alive clients, {SECONDS:.0f} s per query after {WARMUP:.0f} s "
        "warm-up; the load generator shares the 2 cores. Both answer with JSON objects and a total "
        f"count; same rows on both sides: {'yes' if fair else 'NO'}.\n\n"
        "| query | portal req/s | portal p95 ms | Datasette req/s | Datasette p95 ms | ratio | "
        "errors (portal / Datasette) |\n|---|---|---|---|---|---|---|\n" + "\n".join(lines) +
        f"\n\nThroughput over the three queries: portal ÷ Datasette = **{total_p / total_d:.1f}×** "
        "(target ≥ 3×).\n")


def write_section(text: str, name: str = "api") -> None:
    """Replace the text between this benchmark's markers in docs/benchmarks.md."""
    path = ROOT / "docs" / "benchmarks.md"
    doc = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
    path.write_text(pattern.sub(lambda m: m.group(1) + text + m.group(2), doc), encoding="utf-8")


def main() -> None:
    """Run the benchmark, print the table and record it in docs/benchmarks.md."""
    results, fair = run()
    text = report(results, fair)
    print(text)
    write_section(text)


if __name__ == "__main__":
    main()
