"""The search index the app talks to: rebuilds, updates, removals and searches per language.

The engine (Whoosh) sits behind portal.search.engine; the folders, swap and writer lock behind
portal.search.store. Serving only reads. Every write — a rebuild or an update from a feature —
holds the one cross-process writer lock, so concurrent writers queue instead of losing updates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import Flask, current_app

from portal.search import engine, whoosh_query
from portal.search.documents import Document, Kind, SearchAdapter
from portal.search.query import Chunk
from portal.search.store import IndexStore
from portal.search.suggest import build_vocabulary

#: Wraps the documents of one language while they are written: (label, items) → items.
Progress = Callable[[str, list[Document]], Iterable[Document]]


class SearchIndex:
    """The per-language indexes in one folder."""

    def __init__(self, folder: str, boosts: Mapping[str, float] | None = None) -> None:
        self.store = IndexStore(folder)
        self.boosts = dict(boosts or {})
        self.searcher = engine.Searcher()
        self._meta: dict[str, tuple[tuple[str, float], dict[str, Any]]] = {}

    def rebuild(self, docs_by_lang: dict[str, list[Document]],
                progress: Progress | None = None) -> dict[str, int]:
        """Build each language's index in a new folder, then swap it in; return counts."""
        counts = {}
        with self.store.writer_lock():
            for lang, docs in docs_by_lang.items():
                target = self.store.new_build(lang)
                items = progress(lang, docs) if progress else docs
                counts[lang] = engine.write_build(target, items, self.boosts)
                self.store.write_meta(target, _meta(docs))
                self.store.swap(lang, target)
            self.store.prune()
        return counts

    def apply(self, docs: Iterable[Document] = (), uids: Iterable[str] = (),
              timeout: float | None = None) -> None:
        """Add or replace DOCS and delete UIDS (all languages) under the writer lock."""
        docs, uids = list(docs), list(uids)
        with self.store.writer_lock(timeout):
            for lang in self._langs():
                path = self.store.current(lang)
                if path is None:
                    continue
                mine = [d for d in docs if d.lang == lang]
                engine.apply_changes(path, self.boosts, mine, uids)
                meta = self.store.read_meta(path)
                self.store.write_meta(path, _merge_meta(meta, mine))

    def _langs(self) -> list[str]:
        """Languages that have an index folder."""
        folder = self.store.folder
        return sorted(p.name for p in folder.iterdir() if p.is_symlink()) if folder.is_dir() else []

    def is_current(self, lang: str) -> bool:
        """True when LANG's index exists and was built by this version of the analysis."""
        path = self.store.current(lang)
        return path is not None and self.store.read_meta(path).get("version") == engine.SCHEMA_VERSION

    def count(self, lang: str) -> int | None:
        """Number of documents in LANG's index, None when it is not built."""
        path = self.store.current(lang)
        return None if path is None else self.searcher.doc_count(path)

    def meta(self, lang: str) -> dict[str, Any]:
        """LANG's facet labels and did-you-mean vocabulary (re-read only when meta.json changes)."""
        path = self.store.current(lang)
        if path is None:
            return {}
        stamp = (path, self.store.meta_mtime(path))
        cached = self._meta.get(lang)
        if cached is None or cached[0] != stamp:
            cached = self._meta[lang] = (stamp, self.store.read_meta(path))
        return cached[1]

    def search(self, lang: str, chunks: list[Chunk], filters: dict[str, str], page: int,
               per_page: int, query: Any = None) -> engine.RawResults | None:
        """Search LANG's index for CHUNKS (or a prebuilt QUERY); None when it is not built."""
        path = self.store.current(lang)
        query = whoosh_query.build_query(chunks) if query is None else query
        if path is None or query is None:
            return None if path is None else engine.RawResults(0, [], {})
        return self.searcher.search(path, whoosh_query.simplify(query), filters, page, per_page)

    def matches(self, lang: str, query: Any) -> int:
        """0 when no document of LANG's index matches QUERY, else an upper bound of how many do."""
        path = self.store.current(lang)
        return 0 if path is None or query is None else self.searcher.matches(path, query)[1]

    def unused(self, lang: str, chunk: Chunk) -> bool:
        """True when no document of LANG's index uses CHUNK's word (see engine.unused)."""
        path = self.store.current(lang)
        return path is not None and whoosh_query.unused(chunk, self.searcher.frequency(path))


def _meta(docs: list[Document]) -> dict[str, Any]:
    """meta.json of a new build: schema version, facet labels and vocabulary."""
    return _merge_meta({"version": engine.SCHEMA_VERSION, "labels": {}, "vocabulary": {}}, docs)


def _merge_meta(meta: dict[str, Any], docs: list[Document]) -> dict[str, Any]:
    """Add DOCS' facet labels and vocabulary to META."""
    labels = meta.setdefault("labels", {})
    for doc in docs:
        for name, label in doc.facet_labels.items():
            value = doc.facets.get(name)
            if value and label:
                labels.setdefault(name, {})[value] = label
    vocabulary = meta.setdefault("vocabulary", {})
    for kind, words in build_vocabulary(docs).items():
        vocabulary.setdefault(kind, {}).update(words)
    return meta


def init_app(app: Flask, adapters: Iterable[SearchAdapter] = ()) -> None:
    """Attach the index folder to APP with the kinds and document sources the features' adapters declare."""
    adapters = list(adapters)
    kinds: dict[str, Kind] = {}
    for adapter in adapters:
        clash = set(kinds) & set(adapter.kinds)
        if clash:
            raise ValueError(f"search kinds declared twice: {sorted(clash)}")
        kinds.update(adapter.kinds)
    app.extensions["search_kinds"] = kinds
    app.extensions["search_sources"] = [a.documents for a in adapters]
    boosts = {name: kind.boost for name, kind in kinds.items()}
    app.extensions["search_index"] = SearchIndex(app.config["SEARCH_INDEX_DIR"], boosts)


def get_index() -> SearchIndex:
    """Return the current app's SearchIndex."""
    return current_app.extensions["search_index"]


def status() -> dict[str, Any]:
    """Report, per language, whether the index is built and how many documents it holds."""
    index = get_index()
    langs = {lang: index.count(lang) for lang in current_app.config["LANGUAGES"]}
    return {"ok": all(n is not None for n in langs.values()), "documents": langs}
