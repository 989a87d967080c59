"""Benchmark: the table browser's HTML page vs Datasette's table page, same rows, same question, one run.

Both servers get the mirai-plan-2022 `observations` release (806 rows): the portal its release
files, Datasette a SQLite copy with the same columns and primary key (bench_api.datasette_db),
served immutable with facet suggestions off. Each query asks both for the same HTML page: a
filter, a sort and a facet, 100 rows per page. 16 keep-alive clients per query and server, in the
same run; requests/s, p50 and p95 go to docs/benchmarks.md between the `table` markers. Before
measuring, the totals and facet counts of both answers are compared (same rows on both sides).
"""

from __future__ import annotations

import json
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.bench_api import _datasette_version, _start, stop, write_section
from bench.bench_site import CLIENTS, SECONDS, WARMUP, _wait, measure

PAGE = "/ja/datasets/mirai-plan-2022/1.0.0/tables/observations/"
ROWS = "/api/v1/datasets/mirai-plan-2022/1.0.0/resources/observations/rows"
TABLE = "/obs/observations"
#: (label, query for the portal, query for Datasette, facet column): the same question of both.
QUERIES = [
    ("series=target, by value desc, facet fiscal_year", "series=target&_sort=-value&_facet=fiscal_year",
     "series=target&_sort_desc=value&_facet=fiscal_year", "fiscal_year"),
    ("value_text contains 人, by fiscal_year, facet series",
     "value_text__contains=%E4%BA%BA&_sort=fiscal_year&_facet=series",
     "value_text__contains=%E4%BA%BA&_sort=fiscal_year&_facet=series", "series"),
    ("fiscal_year ≥ 2023, by indicator, facet series",
     "fiscal_year__gte=2023&_sort=indicator_id&_facet=series",
     "fiscal_year__gte=2023&_sort=indicator_id&_facet=series", "series"),
]


def _json(url: str) -> dict:
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def same_answers(ports: dict[str, int]) -> bool:
    """True when both servers find the same number of rows and the same facet counts for each query."""
    for _label, ours, theirs, facet in QUERIES:
        mine = _json(f"http://127.0.0.1:{ports['portal']}{ROWS}?{ours}&_size=1")
        other = _json(f"http://127.0.0.1:{ports['datasette']}{TABLE}.json?{theirs}&_size=1")
        my_counts = {str(f["value"]): f["count"] for f in mine["facets"][facet]}
        their_counts = {str(i["value"]): i["count"] for i in other["facet_results"][facet]["results"]}
        if mine["total"] != other["filtered_table_rows_count"] or my_counts != their_counts:
            return False
    return True


def first_render_ms(port: int, ours: str) -> float:
    """Time of one page the portal has not rendered before (a query string it has not seen)."""
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{PAGE}?{ours}&_size=99") as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def run() -> tuple[list[tuple[str, dict, dict]], bool, list[float]]:
    """Start both servers, check the answers agree, measure each query on each, stop the servers."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-table-"))
    procs, ports = _start(tmp)
    try:
        _wait(f"http://127.0.0.1:{ports['portal']}{PAGE}")
        _wait(f"http://127.0.0.1:{ports['datasette']}{TABLE}")
        fair = same_answers(ports)
        firsts = [first_render_ms(ports["portal"], ours) for _l, ours, _t, _f in QUERIES]
        results = [(label, measure(ports["portal"], f"{PAGE}?{ours}"),
                    measure(ports["datasette"], f"{TABLE}?{theirs}")) for label, ours, theirs, _f in QUERIES]
        return results, fair, firsts
    finally:
        stop(procs, tmp)


def report(results: list[tuple[str, dict, dict]], fair: bool, firsts: list[float]) -> str:
    """The Markdown section for docs/benchmarks.md."""
    lines = [f"| {label} | {p['rps']:.0f} | {p['p95']:.1f} | {d['rps']:.0f} | {d['p95']:.1f} | "
             f"**{p['rps'] / d['rps']:.1f}×** | {p['errors']:.0f} / {d['errors']:.0f} |"
             for label, p, d in results]
    ratio = sum(p["rps"] for _, p, _ in results) / sum(d["rps"] for _, _, d in results)
    worst_p95 = max(p["p95"] for _, p, _ in results)
    return (
        "## Table browser vs Datasette's table page (issue 17)\n\n"
        "`.venv/bin/python -m bench.run_all bench_table` — the HTML table page of the mirai-plan-2022 "
        f"`observations` rows (806) on the portal and on Datasette {_datasette_version()} (`datasette "
        "serve -i --setting suggest_facets off`, one process, a SQLite copy of the same release rows), "
        "each query with the same filter, sort and facet and 100 rows per page, on 127.0.0.1 in one run. "
        f"Portal: gunicorn, 2 gthread workers × 4 threads. {CLIENTS} concurrent keep-alive clients, "
        f"{SECONDS:.0f} s per query and server after {WARMUP:.0f} s warm-up; the load generator shares "
        "the 2 cores (and so does every other process on this shared machine). Same totals and facet "
        f"counts on both sides: {'yes' if fair else 'NO'}.\n\n"
        "| query | portal req/s | portal p95 ms | Datasette req/s | Datasette p95 ms | ratio | "
        "errors (portal / Datasette) |\n|---|---|---|---|---|---|---|\n" + "\n".join(lines) +
        f"\n\nThroughput over the three queries: portal ÷ Datasette = **{ratio:.1f}×** (target ≥ 3×); "
        f"slowest portal p95 **{worst_p95:.1f} ms** (target < 100 ms).\n\n"
        "Why: a view is a pure function of an immutable release, the language and the query string, so "
        "the portal renders it once and serves it from its page cache (portal/cache.py) to requests "
        "without cookies; Datasette runs its SQL, counts its facets and renders on every request. A view "
        "the portal has not seen before (first request, under the same load) took "
        + ", ".join(f"{ms:.0f}" for ms in firsts) + " ms.\n")


def main() -> None:
    """Run the benchmark, print the table and record it in docs/benchmarks.md."""
    text = report(*run())
    print(text)
    write_section(text, "table")


if __name__ == "__main__":
    main()
