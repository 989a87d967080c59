"""Turn what a resident typed into analysed chunks; no query syntax is ever interpreted.

The search box takes plain text. Operators (AND, OR, NOT), quotes, wildcards and brackets are
ordinary characters here, so no input can make the engine parse something expensive or invalid.
Each space-separated chunk is analysed the ways the index was: bigrams, Sudachi normalised forms,
a reading, Latin words for the English fields, and Western years for 和暦 years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.search.analysis import bigrams, clean_query, fold, is_kana
from portal.search.japanese import morph_tokens, reading
from portal.search.years import western_years

#: Characters of a query that are searched; the rest is ignored (and the page says so).
MAX_QUERY_CHARS = 200
MAX_CHUNKS = 8
MAX_TOKENS = 24
_LATIN = re.compile(r"[0-9a-z]+")
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff々]")


@dataclass
class Chunk:
    """One space-separated part of the query, analysed for every field family."""

    text: str
    bigrams: list[str] = field(default_factory=list)
    morph: list[str] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)
    kana: bool = False
    latin: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing in the chunk can match anything."""
        return not (self.bigrams or self.morph or self.reading or self.latin or self.years)


def analyse(text: str) -> list[Chunk]:
    """Analyse raw query TEXT into at most MAX_CHUNKS non-empty chunks."""
    chunks = []
    for part in clean_query(text, MAX_QUERY_CHARS).split(" ")[:MAX_CHUNKS]:
        chunk = _chunk(part)
        if not chunk.empty:
            chunks.append(chunk)
    return chunks


def _chunk(part: str) -> Chunk:
    """Analyse one chunk."""
    folded = fold(part)
    kana = is_kana(part)
    chunk = Chunk(part, kana=kana)
    chunk.bigrams = bigrams(folded, folded=True)[:MAX_TOKENS]
    chunk.latin = _LATIN.findall(folded)[:MAX_TOKENS]
    if _CJK.search(part):
        chunk.morph = morph_tokens(part)[:MAX_TOKENS]
        said = folded if kana else reading(part)
        chunk.reading = bigrams(said, folded=True)[:MAX_TOKENS]
    chunk.years = [str(y) for y in western_years(part)]
    return chunk
