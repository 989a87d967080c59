"""Whoosh, with portal.search.whoosh_query: schema, analysers, writing a build, updates, searching.

Fields per document (every language's index has the same schema):

* ``title_bg``/``all_bg`` — folded CJK bigrams plus Latin/digit words, of the name and of all
  text (recall: any two-character substring matches; phrases keep longer words together);
* ``title_ja``/``all_ja`` — Sudachi normalised forms (precision, okurigana and kana/kanji variants);
* ``reading`` — hiragana readings of the Japanese name, as bigrams (「せたがや」 → 世田谷);
* ``exact`` — whole names, folded (an exact name ranks first);
* ``title_en``/``text_en`` — English names and text with Porter stemming (unofficial translations);
* ``f_*`` — facet values in columns, read for counting and filtering without touching stored text.

Index-time normalisation never reaches stored text: titles and bodies are stored as published.

Queries are built programmatically from analysed chunks (portal.search.whoosh_query), never parsed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer, Token, Tokenizer
from whoosh.collectors import FilterCollector, TopCollector
from whoosh.columns import RefBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from portal.search.analysis import bigrams, fold
from portal.search.documents import FACETS, Document
from portal.search.japanese import morph_tokens, reading

#: Bumped whenever the schema or analysis changes; an index of another version is rebuilt.
SCHEMA_VERSION = 6
#: Kind → document boost, as the features' search adapters declare them (kinds not declared: 1.0).
Boosts = Mapping[str, float]
#: Separates the values of the exact-name field.
_SEP = "\x1f"
#: The English fields' analyser: words, lower case, stop words out, Porter stems (no n-grams).
ENGLISH = StemmingAnalyzer()


class _ListTokenizer(Tokenizer):
    """Whoosh tokenizer over a function that splits text into a list of terms, with positions."""

    def __init__(self, split: Callable[[str], list[str]]) -> None:
        self.split = split

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ListTokenizer) and other.split is self.split

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        """Yield one token per term of VALUE."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(self.split(value) if tokenize else [value]):
            token.text, token.boost, token.stopped = text, 1.0, False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = token.endchar = start_char
            yield token


def _names(value: str) -> list[str]:
    """The folded whole names in VALUE (one term each, for exact matches)."""
    return [n for n in (fold(" ".join(v.split())) for v in value.split(_SEP)) if n]


def _schema() -> Schema:
    """One schema for every language's index."""
    bg, ja = _ListTokenizer(bigrams), _ListTokenizer(morph_tokens)
    facet_columns = {f"f_{name}": COLUMN(RefBytesColumn()) for name in FACETS}
    return Schema(
        uid=ID(stored=True, unique=True), kind=ID(stored=True), key=STORED(), title=STORED(),
        body=STORED(), url=STORED(), labels=STORED(),
        title_bg=TEXT(analyzer=bg, field_boost=3.0), all_bg=TEXT(analyzer=bg),
        title_ja=TEXT(analyzer=ja, field_boost=3.0), all_ja=TEXT(analyzer=ja),
        reading=TEXT(analyzer=bg, field_boost=2.0),
        exact=TEXT(analyzer=_ListTokenizer(_names), phrase=False),
        title_en=TEXT(analyzer=ENGLISH, field_boost=2.5), text_en=TEXT(analyzer=ENGLISH),
        **facet_columns,
    )


def _reading_of(*texts: str) -> str:
    """Readings of the Japanese parts of TEXTS, space separated."""
    return " ".join(reading(t) for t in texts if t and any(ord(c) > 0x3000 for c in t))


def _fields(doc: Document, boosts: Boosts) -> dict[str, Any]:
    """Whoosh field values for DOC, weighted by its kind's boost."""
    facets = {**doc.facets, "kind": doc.kind}
    everything = "\n".join((doc.title, doc.keywords, doc.body))
    fields: dict[str, Any] = {
        "uid": doc.uid, "kind": doc.kind, "key": doc.key, "title": doc.title, "body": doc.body,
        "url": json.dumps({"endpoint": doc.endpoint, "args": dict(doc.args)}),
        "labels": json.dumps(doc.facet_labels, ensure_ascii=False),
        "title_bg": doc.title, "all_bg": everything, "title_ja": doc.title, "all_ja": everything,
        "reading": " ".join(x for x in (_reading_of(doc.title, doc.keywords), doc.reading) if x),
        "title_en": doc.title_en, "text_en": doc.text_en,
        "exact": _SEP.join((doc.title, *doc.names)),
        "_boost": boosts.get(doc.kind, 1.0),
    }
    for name in FACETS:
        fields[f"f_{name}"] = (facets.get(name) or "").encode("utf-8")
    return fields


def write_build(target: Path, docs: Iterable[Document], boosts: Boosts) -> int:
    """Write DOCS into a new index at TARGET in one commit; return how many were written."""
    ix = whoosh_index.create_in(str(target), _schema())
    writer = ix.writer(limitmb=128)
    n = 0
    try:
        for doc in docs:
            writer.add_document(**_fields(doc, boosts))
            n += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return n


def apply_changes(path: str, boosts: Boosts, docs: Iterable[Document] = (),
                  uids: Iterable[str] = ()) -> None:
    """Update DOCS and delete UIDS in the index at PATH in one commit (caller holds the lock)."""
    ix = whoosh_index.open_dir(path)
    writer = ix.writer(timeout=10.0)
    try:
        for uid in uids:
            writer.delete_by_term("uid", uid)
        for doc in docs:
            writer.update_document(**_fields(doc, boosts))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


@dataclass
class RawHit:
    """A matching document's stored fields and score."""

    fields: dict[str, Any]
    score: float


@dataclass
class RawResults:
    """One page of raw hits, the number of matches and facet counts over every match."""

    total: int
    hits: list[RawHit]
    facets: dict[str, dict[str, int]]


def _open_searcher(path: str, attempts: int = 5) -> tuple[Any, dict[str, list[tuple[str, ...]]]]:
    """Open a searcher on PATH and read its facet columns, retrying when files vanished.

    Another process's update may commit between our listing of the index's files and their
    opening, and Whoosh then deletes the superseded table of contents or merged segments:
    the open raises FileNotFoundError, and trying again finds the new generation.
    """
    for attempt in range(attempts):
        try:
            searcher = whoosh_index.open_dir(path).searcher()
            return searcher, _read_columns(searcher)
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


class Searcher:
    """Searches the index at a path, reusing one Whoosh searcher per thread and build."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _open(self, path: str) -> tuple[Any, dict[str, list[tuple[str, ...]]]]:
        """This thread's searcher on PATH (refreshed after updates) and its facet columns."""
        cache: dict[str, tuple[Any, dict]] = self._local.__dict__.setdefault("cache", {})
        entry = cache.get(path)
        if entry is not None and entry[0].up_to_date():
            return entry
        if entry is not None:
            entry[0].close()
        entry = cache[path] = _open_searcher(path)
        for stale in [p for p in cache if p != path and not Path(p).exists()]:
            cache.pop(stale)[0].close()
        return entry

    def doc_count(self, path: str) -> int:
        """Number of documents in the index at PATH."""
        return self._open(path)[0].doc_count()

    def frequency(self, path: str) -> Callable[[str, str], int]:
        """(field, term) → number of documents holding the term, in the index at PATH."""
        reader = self._open(path)[0].reader()
        return lambda field, term: reader.doc_frequency(field, term)

    def matches(self, path: str, query: Any) -> tuple[bool, int]:
        """Whether any document in the index at PATH matches QUERY, and at most how many do.

        The bound is Whoosh's estimate from the term dictionary (no postings are read), so telling
        a common word from a rare one costs microseconds even when thousands of pages hold it.
        """
        searcher = self._open(path)[0]
        found = next(iter(searcher.docs_for_query(query)), None) is not None
        return found, max(1, query.estimate_size(searcher.reader())) if found else 0

    def search(self, path: str, query: Any, filters: dict[str, str], page: int,
               per_page: int) -> RawResults:
        """Run QUERY within FILTERS; return page PAGE of hits and facet counts over all matches."""
        searcher, columns = self._open(path)
        allowed = _filter_docs(columns, filters, searcher.doc_count_all())
        top = _CountingCollector(limit=page * per_page)
        searcher.search_with_collector(query, top if allowed is None else FilterCollector(top, allow=allowed))
        results, docset = top.results(), top.seen
        facets = {name: _count(columns[name], docset) for name in FACETS}
        start = (page - 1) * per_page
        hits = [RawHit(dict(h.fields()), float(h.score or 0.0)) for h in results[start:]]
        return RawResults(len(docset), hits, facets)


class _CountingCollector(TopCollector):
    """Keeps the top N and remembers every matching document, so facets need no second pass.

    Every REPLACE_EVERY matches the matcher tree drops its exhausted branches (Whoosh's
    `replace`), which later matches then skip; its minimum score stays unset, so no branch is
    dropped for scoring low: every match is still counted (a minimum made the totals short).
    """

    REPLACE_EVERY = 10

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False, replace=self.REPLACE_EVERY)
        self.seen: set[int] = set()

    @property
    def minscore(self) -> None:
        """Never a minimum score: replacing the matcher must not drop low-scoring matches."""
        return None

    @minscore.setter
    def minscore(self, _value: float | None) -> None:
        """Ignored (TopCollector sets it when its heap is full)."""

    def _collect(self, global_docnum: int, score: float) -> Any:
        self.seen.add(global_docnum)
        return super()._collect(global_docnum, score)

    def all_ids(self) -> Iterable[int]:
        return self.seen


def _read_columns(searcher: Any) -> dict[str, list[tuple[str, ...]]]:
    """Facet values per document number, read once per opened searcher."""
    reader = searcher.reader()
    out = {}
    for name in FACETS:
        column = reader.column_reader(f"f_{name}")
        out[name] = [tuple(v.decode("utf-8").split("|")) if v else () for v in column]
    return out


def _filter_docs(columns: dict[str, list[tuple[str, ...]]], filters: dict[str, str],
                 size: int) -> set[int] | None:
    """Document numbers whose facet values contain every filter value (None: no filter)."""
    wanted = [(columns[name], value) for name, value in filters.items() if name in columns]
    if not wanted:
        return None
    return {n for n in range(size) if all(value in col[n] for col, value in wanted)}


def _count(column: list[tuple[str, ...]], docset: Iterable[int]) -> dict[str, int]:
    """Count each facet value over DOCSET."""
    counts: dict[str, int] = {}
    for n in docset:
        for value in column[n]:
            if value:
                counts[value] = counts.get(value, 0) + 1
    return counts
