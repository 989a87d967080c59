"""When no page matches every word of a query: the rare words decide, and an unused word is said so.

A query's units are its content words (保育園に入れない → 保育園, 入れる) or, for a one-word chunk,
the chunk. Each unit is looked up in the index with its expansions:

* a unit no page uses (typed form) is reported, so the page can say "no page uses this word";
* a generic word (the plans' action nouns — 対策, 推進, 支援 …, their English names, any single
  kanji) or one used by more than COMMON_SHARE of the pages only ranks results up; it never
  brings a page in by itself, so 空き家対策 is never answered by pages that share only 対策;
* every other unit is required.

No required unit → no list at all: the answer names the unused words and offers related plan words
(the unit's expansions that pages do use) as links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.search import whoosh_query
from portal.search.expand import GENERIC
from portal.search.index import SearchIndex
from portal.search.query import Chunk

#: A unit used by more than this share of the pages is common: it ranks results but never selects them.
COMMON_SHARE = 0.08


@dataclass
class Partial:
    """What the fallback found: a query for the rare words (None: show no list), unused and related words."""

    query: Any | None = None
    absent: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


def units(chunks: list[Chunk]) -> list[Chunk]:
    """The words of CHUNKS a page may hold apart: each chunk's content words, or the chunk itself."""
    return [w for c in chunks for w in (c.words or [c])]


def absent_words(index: SearchIndex, lang: str, chunks: list[Chunk]) -> list[str]:
    """The typed words of CHUNKS that no page of LANG's index uses (a lone kanji is never named)."""
    return [u.text for u in units(chunks) if not _single(u) and index.unused(lang, u)]


def _single(unit: Chunk) -> bool:
    """True for a one-character Japanese word (家, 区): too short to say whether pages use it."""
    return len(unit.text) == 1 and not unit.text.isascii()


def _generic(unit: Chunk) -> bool:
    """True for a single kanji or kana and for the plans' action nouns (in Japanese or English)."""
    if _single(unit):
        return True
    forms = unit.morph or [s[:7] for s in unit.latin]
    return bool(forms) and all(any(f.startswith(g) if f.isascii() else f == g for g in GENERIC)
                               for f in forms)


def partial(index: SearchIndex, lang: str, chunks: list[Chunk]) -> Partial:
    """Split CHUNKS' units into required (rare) and optional (common) queries; collect unused words.

    A chunk holding a word that neither the pages nor its expansions use (ペットの防災, 花火大会)
    selects nothing: its other words only rank, and are offered as related words instead.
    """
    found = Partial()
    total = index.count(lang) or 1
    required, optional = [], []
    for chunk in chunks:
        words = [(u, whoosh_query.expanded_query(u)) for u in (chunk.words or [chunk])]
        counts = [index.matches(lang, q) if q is not None else 0 for _u, q in words]
        lost = any(n == 0 for n in counts)
        for (unit, query), matches in zip(words, counts, strict=True):
            if not _single(unit) and index.unused(lang, unit):
                found.absent.append(unit.text)
                found.related += related_words(index, lang, unit)
            if not matches:
                continue
            if lost or _generic(unit) or matches > COMMON_SHARE * total:
                optional.append(query)
                found.related += [unit.text] if lost and not _generic(unit) else []
            else:
                required.append(query)
    found.query = whoosh_query.partial_query(required, optional) if required else None
    found.related = list(dict.fromkeys(found.related))
    return found


def related_words(index: SearchIndex, lang: str, unit: Chunk) -> list[str]:
    """UNIT's expansions (thesaurus plan words, synonyms) that some page of LANG's index uses."""
    return [other.text for other, _w in unit.expansions if not index.unused(lang, other)]
