"""Rebuild every language's index from the features' document sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask

from portal.db import get_session
from portal.search.documents import Document
from portal.search.index import get_index

#: A progress wrapper, as `portal build` uses: (label, items) → the same items.
Progress = Callable[[str, Iterable[Any]], Iterable[Any]]


def collect_documents(app: Flask, lang: str) -> list[Document]:
    """Every document of every registered source in LANG, read in one session."""
    session = get_session()
    docs: list[Document] = []
    for source in app.extensions.get("search_sources", []):
        docs.extend(source(session, lang))
    return docs


def rebuild_index(app: Flask, *, force: bool = True, progress: Progress | None = None) -> dict[str, int]:
    """Rebuild all indexes (or only missing or outdated ones when FORCE is false); return counts."""
    index = get_index()
    langs = [lang for lang in app.config["LANGUAGES"] if force or not index.is_current(lang)]
    if not langs:
        return {}
    docs_by_lang = {lang: collect_documents(app, lang) for lang in langs}

    def wrap(lang: str, docs: list[Document]) -> Iterable[Document]:
        return progress(f"Indexing ({lang})", docs) if progress else docs

    return index.rebuild(docs_by_lang, wrap)
