"""Search benchmark: latency on the real and a 20× corpus, indexing speed, recall against two peers.

Runs in one process on loopback-free in-process calls, bounded by a fixed number of queries:

* builds the real database in a temporary folder, then the Japanese index, timing documents/s;
* times every labelled query (plus a few odd inputs) REPEAT times through the same service the page
  and the API use, on the real index and on a corpus grown 20× with synthetic variants;
* scores recall@10 and MRR on tests/search/queries.json for this search, for stock Whoosh
  (StandardAnalyzer, MultifieldParser) and for SQLite FTS5 with the trigram tokenizer, all indexing
  the same text of the same documents;
* writes the figures between the search markers of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import re
import sqlite3
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search" / "queries.json"
DOC = ROOT / "docs" / "benchmarks.md"
REPEAT = 5
GROWTH = 20
ODD = ["", "x" * 10_000, '"AND OR NOT', "*", "<script>alert(1)</script>", "😀", "区", "防災 福祉 子ども 支援"]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 of SAMPLES in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _variants(docs: list, factor: int) -> list:
    """DOCS plus FACTOR-1 synthetic variants of each (other key, a 地区 name and a year added)."""
    areas = ["池尻", "太子堂", "若林", "上町", "経堂", "下馬", "上馬", "梅丘", "代沢", "新代田", "北沢",
             "松原", "松沢", "奥沢", "九品仏", "等々力", "上野毛", "用賀", "二子玉川", "深沢"]
    out = list(docs)
    for i in range(1, factor):
        area, year = areas[i % len(areas)], 2000 + i
        for d in docs:
            out.append(replace(d, key=f"{d.key}~v{i}", title=f"{d.title}（{area}地区 {year}年度）",
                               body=f"{area}地区での{d.body}", names=()))
    return out


def _time_queries(app, index, lang: str, queries: list[str]) -> tuple[float, float, float, float]:
    """Wall-clock and CPU p50/p95 of the search service over QUERIES, REPEAT runs after a warm-up.

    CPU time is what a query costs this process; wall-clock adds the waits the shared machine
    imposes (other test suites run on the same 2 cores), so both are reported.
    """
    from portal.search.services import search_documents

    wall, cpu = [], []
    with app.test_request_context(f"/{lang}/search"):
        for q in queries:
            search_documents(lang, q, index=index)
        for _ in range(REPEAT):
            for q in queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                search_documents(lang, q, index=index)
                wall.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
    return (*_percentiles(wall), *_percentiles(cpu))


def _time_api(app, queries: list[str]) -> tuple[float, float]:
    """p50/p95 of GET /api/v1/search through the WSGI app (routing, JSON and all)."""
    client = app.test_client()
    samples = []
    for _ in range(REPEAT):
        for q in queries:
            start = time.perf_counter()
            client.get("/api/v1/search", query_string={"q": q, "lang": "ja"})
            samples.append(time.perf_counter() - start)
    return _percentiles(samples)


def _text(d) -> tuple[str, str, str]:
    """The same text the peers index: title, body, and keywords with the English names."""
    return d.title, d.body, " ".join([d.keywords, d.title_en, d.text_en, d.reading, *d.names])


def _stock_whoosh(folder: Path, docs: list):
    """Index DOCS with stock Whoosh (StandardAnalyzer); return a ranking function."""
    from whoosh import index as whoosh_index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import MultifieldParser

    schema = Schema(uid=ID(stored=True, unique=True), title=TEXT(analyzer=StandardAnalyzer()),
                    body=TEXT(analyzer=StandardAnalyzer()), keywords=TEXT(analyzer=StandardAnalyzer()))
    ix = whoosh_index.create_in(str(folder), schema)
    with ix.writer() as writer:
        for d in docs:
            title, body, keywords = _text(d)
            writer.add_document(uid=d.uid, title=title, body=body, keywords=keywords)
    parser = MultifieldParser(["title", "body", "keywords"], ix.schema)
    searcher = ix.searcher()

    def rank(q: str) -> list[str]:
        try:
            return [h["uid"] for h in searcher.search(parser.parse(q), limit=10)]
        except Exception:  # noqa: BLE001 - a peer that raises simply finds nothing
            return []
    return rank


def _fts5_trigram(docs: list):
    """Index DOCS in SQLite FTS5 (trigram); return a ranking function (query as one phrase)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(uid UNINDEXED, title, body, keywords, tokenize='trigram')")
    db.executemany("INSERT INTO d VALUES (?, ?, ?, ?)", [(d.uid, *_text(d)) for d in docs])

    def rank(q: str) -> list[str]:
        phrase = '"' + q.replace('"', '""') + '"'
        try:
            rows = db.execute("SELECT uid FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 10", (phrase,))
            return [r[0] for r in rows]
        except sqlite3.Error:
            return []
    return rank


def _ours(app, index):
    """This portal's search as a ranking function."""
    from portal.search.services import search_documents

    def rank(q: str) -> list[str]:
        with app.test_request_context("/ja/search"):
            return [f"{r.kind}:{r.key}" for r in search_documents("ja", q, index=index).results]
    return rank


def _build_index(folder: Path, docs: list, boosts: dict[str, float]) -> tuple[object, float]:
    """Build a Japanese index of DOCS in FOLDER (kinds weighted by BOOSTS); return it and documents/s."""
    from portal.search.index import SearchIndex

    index = SearchIndex(str(folder), boosts)
    start = time.perf_counter()
    index.rebuild({"ja": docs})
    return index, len(docs) / (time.perf_counter() - start)


def run() -> dict:
    """Run every measurement and return the figures."""
    from portal import create_app
    from portal.build import build
    from portal.search.evaluation import evaluate, load_queries
    from portal.search.rebuild import collect_documents

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite'}", "TESTING": True,
                      "SEARCH_INDEX_DIR": str(tmp / "index"), "RELEASES_DIR": str(tmp / "releases")})
    labelled = load_queries(QUERIES)
    queries = [q["q"] for q in labelled] + ODD
    with app.app_context():
        build(app, reindex=False)
        docs = collect_documents(app, "ja")
    boosts = app.extensions["search_index"].boosts
    real, real_rate = _build_index(tmp / "index", docs, boosts)
    app.extensions["search_index"] = real
    grown = _variants(docs, GROWTH)
    big, big_rate = _build_index(tmp / "grown", grown, boosts)
    (tmp / "stock").mkdir()
    peers = {"this portal (bigram + Sudachi + readings + English + thesaurus/synonyms)": _ours(app, real),
             "stock Whoosh (StandardAnalyzer)": _stock_whoosh(tmp / "stock", docs),
             "SQLite FTS5 (trigram)": _fts5_trigram(docs)}
    return {
        "docs": len(docs), "grown": len(grown), "queries": len(queries), "labelled": len(labelled),
        "real_rate": real_rate, "big_rate": big_rate,
        "real_latency": _time_queries(app, real, "ja", queries),
        "big_latency": _time_queries(app, big, "ja", queries),
        "api_latency": _time_api(app, queries),
        "recall": {name: evaluate(labelled, rank) for name, rank in peers.items()},
        "kinds": {name: _per_kind(labelled, rank) for name, rank in peers.items()},
        "load": os.getloadavg(),
    }


#: The residents' query kinds of issue 20; the other kinds are the earlier labelled set.
RESIDENT_KINDS = ("colloquial", "rare_common", "english_synonym", "absent")


def _per_kind(labelled: list[dict], rank) -> dict:
    """Recall@10 and MRR for the earlier queries and for each residents' kind."""
    from portal.search.evaluation import evaluate

    groups = {"earlier queries": [q for q in labelled if q["type"] not in RESIDENT_KINDS]}
    groups.update({kind: [q for q in labelled if q["type"] == kind] for kind in RESIDENT_KINDS})
    return {name: (len(items), evaluate(items, rank)) for name, items in groups.items()}


def _kind_table(r: dict) -> list[str]:
    """Per-kind recall@10 / MRR of every engine, one row per kind."""
    names = list(r["kinds"])
    lines = ["| queries | n | " + " | ".join(f"{n} recall@10 / MRR" for n in names) + " |",
             "|---|---|" + "---|" * len(names)]
    for kind in r["kinds"][names[0]]:
        count = r["kinds"][names[0]][kind][0]
        scores = [r["kinds"][n][kind][1] for n in names]
        cells = " | ".join(f"{ev.recall:.3f} / {ev.mrr:.3f}" for ev in scores)
        lines.append(f"| {kind} | {count} | {cells} |")
    return lines


def _markdown(r: dict) -> str:
    """The search section of docs/benchmarks.md."""
    lines = [
        "## Search latency, indexing and recall (issue: search)",
        "",
        f"`python -m bench.run_all bench_search`, run {time.strftime('%Y-%m-%d')} on the project machine "
        "(2 cores); one process, no network. Latency is the search service the page and the API call "
        f"(analysis, query, facets over all matches, snippets), {REPEAT} runs of each of {r['queries']} "
        f"queries (the {r['labelled']} labelled ones plus odd inputs: empty, 10,000 characters, "
        "`<script>`, emoji, operators), after one warm-up run. The machine is shared: load average "
        f"{r['load'][0]:.1f} / {r['load'][1]:.1f} (1 / 5 min) when the run ended.",
        "",
        "| corpus | documents | indexing docs/s | p50 ms | p95 ms | CPU p50 / p95 ms | target p95 |",
        "|---|---|---|---|---|---|---|",
        f"| real (ja index) | {r['docs']:,} | {r['real_rate']:,.0f} | {_row(r['real_latency'])} | ≤ 30 ms |",
        f"| grown {GROWTH}× (synthetic variants) | {r['grown']:,} | {r['big_rate']:,.0f} "
        f"| {_row(r['big_latency'])} | ≤ 80 ms |",
        f"| real, through `GET /api/v1/search` (WSGI, JSON) | {r['docs']:,} | — | {r['api_latency'][0]:.1f} "
        f"| {r['api_latency'][1]:.1f} | — | — |",
        "",
        f"Recall@10 and MRR on the labelled set (`tests/search/queries.json`, {r['labelled']} queries: "
        "kanji, kana, mixed width, English, 和暦, misspellings, and the residents' kinds of issue 20: "
        "colloquial Japanese, a rare word beside a common one, English synonyms and one-word English, "
        "words no plan uses — right when no page is listed), every engine indexing the same text of the "
        "same documents (titles, bodies, keywords, English names, readings from the data):",
        "",
        "| engine | recall@10 | MRR | queries missing an expected item |",
        "|---|---|---|---|",
    ]
    for name, ev in r["recall"].items():
        lines.append(f"| {name} | {ev.recall:.3f} | {ev.mrr:.3f} | {len(ev.misses)} |")
    lines += ["", "Per kind (recall@10 / MRR):", "", *_kind_table(r)]
    lines += ["", _targets(r)]
    ours = next(iter(r["recall"].values()))
    lines += ["", f"Ratios: recall@10 is {_ratio(ours.recall, r['recall'], 1)} that of stock Whoosh and "
              f"{_ratio(ours.recall, r['recall'], 2)} that of FTS5 trigram. Stock Whoosh treats a Japanese "
              "run as one token, so only whole-field matches hit; FTS5 trigram cannot match 1–2 character "
              "words (福祉, 区, 烏山) and does no kana, reading or width folding."]
    lines += ["", "The residents' kinds rest on the reviewed thesaurus (`portal/search/data/thesaurus.csv`) "
              "and Sudachi's synonym groups, searched at 0.5 and 0.3 of a typed word's weight, on BM25F "
              "ranking with the plans' action nouns (対策, 推進, 支援 …) ranking but never selecting. An "
              "absent query is right when nothing is listed, which the peers also manage when they find "
              "nothing; the portal then names the unused word and offers related plan words as links."]
    return "\n".join(lines)


def _targets(r: dict) -> str:
    """The latency figures as ratios of the issue's targets (p95 ≤ 30 ms real, ≤ 80 ms at 20×)."""
    real, big = r["real_latency"], r["big_latency"]
    return (f"Against the targets: real corpus p95 {real[1]:.1f} ms = {real[1] / 30:.2f} of 30 ms "
            f"(CPU {real[3] / 30:.2f}); {GROWTH}× corpus p95 {big[1]:.1f} ms = {big[1] / 80:.2f} of 80 ms "
            f"(CPU {big[3] / 80:.2f}). Wall-clock includes waiting for the 2 cores the other "
            "engineers' test runs share; CPU time is the query's own cost.")


def _row(t: tuple[float, float, float, float]) -> str:
    """Wall p50 | wall p95 | CPU p50 / p95, in milliseconds."""
    return f"{t[0]:.1f} | {t[1]:.1f} | {t[2]:.1f} / {t[3]:.1f}"


def _ratio(ours: float, recall: dict, i: int) -> str:
    """OURS divided by the I-th engine's recall, written as ×N (∞ when the peer scored 0)."""
    other = list(recall.values())[i].recall
    return f"{ours / other:.1f}×" if other else "∞× (the peer found none)"


def _write(section: str) -> None:
    """Replace the search section of docs/benchmarks.md."""
    text = DOC.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- BEGIN search -->\n).*?(\n<!-- END search -->)", re.S)
    DOC.write_text(pattern.sub(lambda m: m.group(1) + section + m.group(2), text), encoding="utf-8")


def main() -> None:
    """Run the search benchmark, print and record the figures."""
    section = _markdown(run())
    print(section)
    _write(section)


if __name__ == "__main__":
    main()
