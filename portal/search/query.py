"""Turn what a resident typed into analysed chunks; no query syntax is ever interpreted.

The search box takes plain text. Operators (AND, OR, NOT), quotes, wildcards and brackets are
ordinary characters here, so no input can make the engine parse something expensive or invalid.
Each space-separated chunk is analysed the ways the index was: bigrams, Sudachi normalised forms,
a reading, Latin words for the English fields, and Western years for 和暦 years. A chunk then gets
its expansions (portal.search.expand: thesaurus plan words, Sudachi synonyms), each analysed the
same way and weighted below the typed text, and its content words (保育園に入れない → 保育園, 入れる),
so a sentence can match pages that hold its words apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.search import expand
from portal.search.analysis import bigrams, clean_query, fold, is_kana
from portal.search.japanese import content_words, morph_tokens, reading
from portal.search.years import western_years

#: Characters of a query that are searched; the rest is ignored (and the page says so).
MAX_QUERY_CHARS = 200
MAX_CHUNKS = 8
MAX_TOKENS = 24
#: At most this many expansions per chunk or word, and content words per chunk.
MAX_EXPANSIONS = 8
MAX_WORDS = 6
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
    #: Other words searched for this chunk (analysed chunks) with their weight (< 1).
    expansions: list[tuple[Chunk, float]] = field(default_factory=list)
    #: True for a lone kanji and the plans' action nouns (対策, 推進, support): they rank, never select.
    generic: bool = False
    #: The chunk's content words (保育園に入れない → 保育園, 入れる), each with its own expansions.
    words: list[Chunk] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing in the chunk can match anything."""
        return not (self.bigrams or self.morph or self.reading or self.latin or self.years)


def analyse(text: str, expand_words: bool = True) -> list[Chunk]:
    """Analyse raw query TEXT into at most MAX_CHUNKS non-empty chunks, with their expansions."""
    chunks = []
    for part in _join_phrases(clean_query(text, MAX_QUERY_CHARS).split(" ")[:MAX_CHUNKS]):
        chunk = _chunk(part)
        if not chunk.empty:
            if expand_words:
                _expand(chunk)
            chunks.append(chunk)
    return chunks


def expansions_of(chunks: list[Chunk]) -> list[Chunk]:
    """Every expansion of CHUNKS and of their words, in order, one per text."""
    found = [e for c in chunks for e, _w in c.expansions]
    found += [e for c in chunks if len(c.words) > 1 for w in c.words for e, _w in w.expansions]
    return list({e.text: e for e in reversed(found)}.values())[::-1]


def _join_phrases(parts: list[str]) -> list[str]:
    """Join the parts that spell a multi-word thesaurus key (heavy rain) into one chunk."""
    keys = expand.phrase_keys()
    out: list[str] = []
    i = 0
    while i < len(parts):
        folded = [fold(p) for p in parts[i:i + 4]]
        size = next((len(k) for k in keys if tuple(folded[:len(k)]) == k), 1)
        out.append(" ".join(parts[i:i + size]))
        i += size
    return out


def _expand(chunk: Chunk) -> None:
    """Add CHUNK's thesaurus words, and its content words with their own thesaurus words and synonyms."""
    if not _CJK.search(chunk.text):
        chunk.expansions = _weighted(expand.thesaurus_terms(chunk.text), expand.THESAURUS_WEIGHT)
        chunk.generic = bool(chunk.latin) and all(_generic_latin(w) for w in chunk.latin)
        return
    found = content_words(chunk.text)[:MAX_WORDS]
    words = [_word(w.surface, w.normalized, w.group_ids) for w in found]
    generic = frozenset(fold(w.text) for w in words if w.generic)
    chunk.expansions = _weighted(expand.thesaurus_terms(chunk.text, skip=generic), expand.THESAURUS_WEIGHT)
    if len(words) == 1:
        known = {e.text for e, _w in chunk.expansions}
        chunk.expansions += [e for e in words[0].expansions if e[0].text not in known]
    chunk.generic = bool(words) and all(w.generic for w in words)
    # Kana alone is segmented unreliably (いけんぼしゅう → 行く ぼ しゅう): it stays one word.
    chunk.words = [] if chunk.kana else words
    chunk.expansions = chunk.expansions[:MAX_EXPANSIONS]


def _word(surface: str, normalized: str, group_ids: tuple[int, ...]) -> Chunk:
    """One content word, with its thesaurus words and Sudachi synonyms unless it is generic."""
    piece = _chunk(surface)
    piece.generic = fold(normalized) in expand.GENERIC or len(surface) == 1
    if not piece.generic:
        piece.expansions = _weighted(expand.thesaurus_terms(surface), expand.THESAURUS_WEIGHT)
        known = {fold(e.text) for e, _w in piece.expansions}
        piece.expansions += [e for e in _weighted(expand.synonyms(surface, normalized, list(group_ids)),
                                                  expand.SYNONYM_WEIGHT) if fold(e[0].text) not in known]
        piece.expansions = piece.expansions[:MAX_EXPANSIONS]
    return piece


def _weighted(texts: list[str], weight: float) -> list[tuple[Chunk, float]]:
    """Each of TEXTS analysed as a chunk, with WEIGHT."""
    return [(c, weight) for c in (_chunk(t) for t in texts) if not c.empty]


def _generic_latin(word: str) -> bool:
    """True for an English action noun of the plans (support, promoting, measures …)."""
    return any(word.startswith(g) for g in expand.GENERIC if g.isascii())


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
