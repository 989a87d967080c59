"""The only Whoosh import: schema, atomic rebuilds, the single writer lock and queries."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer, Token, Tokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.query import And, Or, Term

from portal.search.analysis import bigrams
from portal.search.documents import Document

FACETS = ("plan", "pillar", "chiku", "department", "revision")


class BigramTokenizer(Tokenizer):
    """Whoosh tokenizer emitting folded CJK bigrams and Latin/digit words."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        """Yield one token per bigram or word of VALUE."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(bigrams(value) if tokenize else [value]):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = token.endchar = start_char
            yield token


def _schema() -> Schema:
    """One schema for every language's index: a bigram field and a stemmed English field."""
    ja = BigramTokenizer()
    en = StemmingAnalyzer()
    facet_fields = {name: ID(stored=True) for name in FACETS}
    return Schema(
        uid=ID(stored=True, unique=True), kind=ID(stored=True), key=STORED(),
        title=TEXT(analyzer=ja, stored=True, field_boost=3.0),
        body=TEXT(analyzer=ja, stored=True),
        keywords=TEXT(analyzer=ja, field_boost=2.0),
        title_en=TEXT(analyzer=en, field_boost=2.0),
        text_en=TEXT(analyzer=en),
        url=STORED(), **facet_fields,
    )


@dataclass
class Hit:
    """A search result as the views and the API need it."""

    kind: str
    key: str
    title: str
    body: str
    url: dict[str, Any]
    score: float
    facets: dict[str, str] = field(default_factory=dict)


@dataclass
class Results:
    """One page of hits, the total and facet counts over all hits."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]


class SearchIndex:
    """The per-language Whoosh indexes in a folder; readers follow the `current` symlinks."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._open: dict[str, tuple[str, Any]] = {}
        self._lock = threading.Lock()

    def link(self, lang: str) -> Path:
        """Path of the symlink that points at LANG's current build."""
        return self.folder / lang

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the single cross-process writer lock (rebuilds and updates queue behind it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".writer.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def rebuild(self, langs: Iterable[str], docs_for: Callable[[str], Iterable[Document]],
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
        """Build each language's index in a new folder, then swap the symlink atomically."""
        counts = {}
        with self.writer_lock():
            builds = self.folder / "builds"
            builds.mkdir(parents=True, exist_ok=True)
            for lang in langs:
                target = builds / f"{lang}-{time.time_ns()}"
                target.mkdir()
                ix = whoosh_index.create_in(str(target), _schema())
                writer = ix.writer(limitmb=128)
                n = 0
                for doc in docs_for(lang):
                    writer.add_document(**_fields(doc))
                    n += 1
                    if progress:
                        progress(1)
                writer.commit()
                self._swap(lang, target)
                counts[lang] = n
            self._prune(builds)
        return counts

    def _swap(self, lang: str, target: Path) -> None:
        """Point LANG's symlink at TARGET in one rename."""
        tmp = self.folder / f".{lang}.tmp-{os.getpid()}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(Path("builds") / target.name, tmp)
        link = self.link(lang)
        if link.exists() and not link.is_symlink():
            shutil.rmtree(link)
        os.replace(tmp, link)

    def _prune(self, builds: Path) -> None:
        """Delete builds no symlink points at, once older than a minute (readers may hold them)."""
        live = {os.path.realpath(self.link(p.name.rsplit("-", 1)[0])) for p in builds.iterdir()}
        for build in builds.iterdir():
            if str(build.resolve()) not in live and time.time() - build.stat().st_mtime > 60:
                shutil.rmtree(build, ignore_errors=True)

    def _index(self, lang: str) -> Any | None:
        """Open LANG's current index, reopening when a rebuild has swapped it."""
        link = self.link(lang)
        if not link.exists():
            return None
        real = os.path.realpath(link)
        with self._lock:
            cached = self._open.get(lang)
            if cached and cached[0] == real:
                return cached[1]
            ix = whoosh_index.open_dir(real)
            self._open[lang] = (real, ix)
            return ix

    def count(self, lang: str) -> int | None:
        """Number of documents in LANG's index, None when it is not built."""
        ix = self._index(lang)
        return None if ix is None else ix.doc_count()

    def search(self, lang: str, text: str, *, kind: str | None = None,
               filters: dict[str, str] | None = None, page: int = 1,
               per_page: int = 10) -> Results:
        """Find documents matching TEXT in LANG's index; facets count every hit."""
        ix = self._index(lang)
        query = build_query(text)
        if ix is None or query is None:
            return Results(0, [], {})
        clauses = [query]
        if kind:
            clauses.append(Term("kind", kind))
        for name, value in (filters or {}).items():
            clauses.append(Term(name, value))
        final = And(clauses) if len(clauses) > 1 else query
        with ix.searcher() as searcher:
            results = searcher.search(final, limit=None)
            facets: dict[str, dict[str, int]] = {"kind": {}}
            for hit in results:
                _count(facets, "kind", hit.get("kind"))
                for name in FACETS:
                    _count(facets, name, hit.get(name))
            start = (page - 1) * per_page
            hits = [_hit(h) for h in list(results)[start:start + per_page]]
            return Results(len(results), hits, facets)


def _count(facets: dict[str, dict[str, int]], name: str, value: str | None) -> None:
    """Add one to VALUE's count under facet NAME."""
    if value:
        bucket = facets.setdefault(name, {})
        for part in value.split("|"):
            bucket[part] = bucket.get(part, 0) + 1


def _hit(hit: Any) -> Hit:
    """Turn a Whoosh hit into a Hit."""
    facets = {name: hit[name] for name in FACETS if hit.get(name)}
    return Hit(hit["kind"], hit["key"], hit["title"], hit.get("body", ""),
               json.loads(hit["url"]), float(hit.score or 0.0), facets)


def _fields(doc: Document) -> dict[str, Any]:
    """Whoosh field values for DOC."""
    fields: dict[str, Any] = {
        "uid": f"{doc.kind}:{doc.key}", "kind": doc.kind, "key": doc.key,
        "title": doc.title, "body": doc.body, "keywords": doc.keywords,
        "title_en": doc.title if doc.lang == "en" else doc.keywords,
        "text_en": " ".join([doc.title, doc.body, doc.keywords]),
        "url": json.dumps({"endpoint": doc.endpoint, "args": dict(doc.args)}),
    }
    for name, value in doc.facets.items():
        if name in FACETS and value:
            fields[name] = value
    return fields


def build_query(text: str) -> Any | None:
    """Build a query from raw user text with no syntax: all terms rank first, any term matches."""
    from whoosh.analysis import StemmingAnalyzer as _Stem

    terms = list(dict.fromkeys(bigrams(text[:500])))[:64]
    stems = list(dict.fromkeys(t.text for t in _Stem()(text[:500])))[:32]
    if not terms and not stems:
        return None
    ja = [Term(f, t) for t in terms for f in ("title", "body", "keywords")]
    en = [Term(f, s) for s in stems for f in ("title_en", "text_en")]
    any_term = Or(ja + en)
    all_terms = [Or([Term(f, t) for f in ("title", "body", "keywords")]) for t in terms]
    if len(all_terms) > 1:
        return Or([And(all_terms), any_term])
    return any_term


#: Feature document sources, registered by the factory: callables (session, lang) → Documents.
_sources: list[Callable[..., Iterable[Document]]] = []


def init_app(app: Flask, sources: list[Callable[..., Iterable[Document]]] | None = None) -> None:
    """Attach the index folder to APP and remember the document sources."""
    app.extensions["search_index"] = SearchIndex(app.config["SEARCH_INDEX_DIR"])
    if sources is not None:
        app.extensions["search_sources"] = list(sources)


def get_index() -> SearchIndex:
    """Return the current app's SearchIndex."""
    return current_app.extensions["search_index"]


def status() -> dict[str, Any]:
    """Report, per language, whether the index is built and how many documents it holds."""
    index = get_index()
    langs = {lang: index.count(lang) for lang in current_app.config["LANGUAGES"]}
    return {"ok": all(n is not None for n in langs.values()), "documents": langs}
