"""Rebuild every language's index from the features' document sources."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from portal.db import fresh_session
from portal.search.index import get_index


def rebuild_index(app: Flask, *, force: bool = True,
                  progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Rebuild all indexes (or only the missing ones when FORCE is false); return counts."""
    index = get_index()
    langs = [lang for lang in app.config["LANGUAGES"] if force or index.count(lang) is None]
    if not langs:
        return {}
    sources = app.extensions.get("search_sources", [])
    with fresh_session() as session:

        def docs_for(lang: str):
            for source in sources:
                yield from source(session, lang)

        return index.rebuild(langs, docs_for, progress)
