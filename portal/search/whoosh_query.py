"""Whoosh queries from analysed chunks (portal.search.query): what each chunk, expansion and word may match.

Built programmatically, never parsed, so no input can make the engine parse something expensive.
Typed text weighs 1; thesaurus words and synonyms less (their weight comes with the chunk); all of
a chunk's words found apart weigh WORDS_WEIGHT; generic words (対策, 推進) only rank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from whoosh.query import And, AndMaybe, Or, Phrase, Term

from portal.search.analysis import fold
from portal.search.engine import ENGLISH
from portal.search.query import Chunk

EN_FIELDS = ("title_en", "text_en")
#: Words of at most this many tokens are matched as phrases in whole texts too.
SHORT_PHRASE = 3
#: Weight of "all the chunk's words, anywhere" against the chunk as typed (a phrase).
WORDS_WEIGHT = 0.5


def _stems(words: list[str]) -> list[str]:
    """English stems of WORDS (stop words dropped)."""
    return list(dict.fromkeys(t.text for w in words for t in ENGLISH(w)))


def _phrase(fields: Iterable[str], tokens: list[str], boost: float = 1.0) -> Any:
    """A phrase (or a term) over any of FIELDS."""
    fields = list(fields)
    if len(fields) == 1:
        return Term(fields[0], tokens[0], boost=boost) if len(tokens) == 1 else Phrase(
            fields[0], tokens, boost=boost)
    # The weight on the Or, not on each field's term: the same score, one matcher fewer per match.
    if len(tokens) == 1:
        return Or([Term(f, tokens[0]) for f in fields], boost=boost)
    return Or([Phrase(f, tokens) for f in fields], boost=boost)


def _name_or_text(family: str, tokens: list[str], boost: float = 1.0) -> Any:
    """TOKENS as a phrase in the name, or all of them anywhere in the text.

    Phrase checks read positions for every candidate; on names (short) that is cheap, on whole
    texts of a large index it dominated query time. Requiring every token of the text keeps recall
    and nearly all precision: the tokens are overlapping bigrams or the morphemes of one word.
    Short words (up to SHORT_PHRASE tokens: ドローン → どろ ろん) are phrases everywhere, since two
    common bigrams found apart say nothing about the word.
    """
    if len(tokens) == 1:
        return _phrase((f"title_{family}", f"all_{family}"), tokens, boost)
    if len(tokens) <= SHORT_PHRASE:
        return _phrase((f"title_{family}", f"all_{family}"), tokens, boost)
    return Or([Phrase(f"title_{family}", tokens),
               And([Term(f"all_{family}", t) for t in tokens])], boost=boost)


def _chunk_query(chunk: Chunk) -> Any | None:
    """Everything one chunk may match: bigram phrase, Sudachi phrase, reading, English, years."""
    alts: list[Any] = []
    if chunk.bigrams:
        alts.append(_name_or_text("bg", chunk.bigrams))
    if chunk.morph:
        alts.append(_name_or_text("ja", chunk.morph, boost=3.0))
    if chunk.reading and chunk.kana:
        alts.append(_phrase(("reading",), chunk.reading, boost=2.0))
    stems = _stems(chunk.latin)
    if stems:
        alts.append(And([Or([Term(f, s) for f in EN_FIELDS]) for s in stems]))
    alts.extend(Term("all_bg", y) for y in chunk.years)
    return Or(alts) if alts else None


def _word_query(chunk: Chunk) -> Any | None:
    """A word found by meaning, not by characters: its Sudachi forms, or its English words and stems.

    Expansions and a chunk's words are whole words analysed like the index (same Sudachi), so
    the bigram and reading fields would add cost and noise, not recall.
    """
    if chunk.morph:
        return _name_or_text("ja", chunk.morph, boost=3.0)
    return _chunk_query(chunk)  # English: whole words and stems, as typed words are searched


def _weighted(query: Any, weight: float) -> Any:
    """QUERY with its score multiplied by WEIGHT (a one-child Or keeps the weight once simplified)."""
    while isinstance(query, (And, Or)) and len(query.subqueries) == 1:
        query = query.subqueries[0]
    return query if weight == 1.0 else query.with_boost(query.boost * weight)


def expanded_query(chunk: Chunk, as_word: bool = False) -> Any | None:
    """CHUNK as typed, or any of its expansions (weighted lower), or all its content words."""
    plain = _word_query(chunk) if as_word else _chunk_query(chunk)
    alts = [plain] if plain is not None else []
    for other, weight in chunk.expansions:
        query = _word_query(other)
        if query is not None:
            alts.append(_weighted(query, weight))
    words = [(w, expanded_query(w, True)) for w in chunk.words] if len(chunk.words) > 1 else []
    if words and all(q is not None for _w, q in words):
        alts.append(_weighted(_all_of(words), WORDS_WEIGHT))
    return Or(alts) if alts else None


def _all_of(parts: list[tuple[Chunk, Any]]) -> Any:
    """Every part's query, except that generic words (対策, 推進) only rank when a topic word is there."""
    topical = [q for c, q in parts if not c.generic]
    generic = [q for c, q in parts if c.generic]
    if not topical or not generic:
        return And([q for _c, q in parts]) if len(parts) > 1 else parts[0][1]
    return partial_query(topical, generic)


def build_query(chunks: list[Chunk]) -> Any | None:
    """Every chunk must match (as typed or through an expansion); the whole name typed ranks first."""
    parts = [(c, q) for c in chunks if (q := expanded_query(c)) is not None]
    if not parts:
        return None
    whole = fold(" ".join(c.text for c in chunks))
    return Or([_all_of(parts), Term("exact", whole, boost=8.0)])


def simplify(query: Any) -> Any:
    """QUERY with the same matches and scores, cheaper to run: nested Or/And of the same kind
    flattened, and a subquery repeated in one Or (a thesaurus word that is also a synonym) run
    once with the repeats' weights summed (scores are linear in the weight).

    Every level of nesting is one more matcher each match passes through; at 20 times the
    corpus, broad queries spent most of their time walking those levels.
    """
    if type(query) is AndMaybe:
        simple = AndMaybe(simplify(query.a), simplify(query.b))
        return simple if query.boost == 1.0 else simple.with_boost(query.boost)
    if type(query) not in (And, Or):
        return query
    if len(query.subqueries) == 1:  # Whoosh runs a lone subquery without its parent's weight
        return simplify(query.subqueries[0])
    subs: list[Any] = []
    for sub in (simplify(s) for s in query.subqueries):
        same = type(sub) is type(query) and sub.boost == 1.0
        subs.extend(sub.subqueries if same and not _scaled(sub) else [sub])
    if type(query) is Or:
        subs = _merge_repeats(subs)
        return Or(subs, boost=query.boost, minmatch=query.minmatch, scale=query.scale)
    return And(subs, boost=query.boost)


def _scaled(query: Any) -> bool:
    """True for an Or with a coordination scale or a minimum match (it cannot be flattened)."""
    return bool(getattr(query, "scale", None) or getattr(query, "minmatch", 0))


def _merge_repeats(subs: list[Any]) -> list[Any]:
    """SUBS with each repeated query kept once, carrying the sum of the repeats' weights."""
    merged: dict[str, list[Any]] = {}
    for sub in subs:
        key = repr(sub.with_boost(1.0))
        if key in merged:
            merged[key][1] += sub.boost
        else:
            merged[key] = [sub, sub.boost]
    return [sub if weight == sub.boost else sub.with_boost(weight) for sub, weight in merged.values()]


def partial_query(required: list[Any], optional: list[Any]) -> Any:
    """Pages with every REQUIRED query, ranked up by any OPTIONAL one (rare words before common ones)."""
    must = required[0] if len(required) == 1 else And(required)
    return AndMaybe(must, Or(optional)) if optional else must


def unused(chunk: Chunk, frequency: Callable[[str, str], int]) -> bool:
    """True when no page uses CHUNK's word: one of its CJK bigrams, or an English word, occurs nowhere.

    FREQUENCY(field, term) is the number of documents holding the term. Bigram and stem lookups
    are dictionary reads, so this costs microseconds, not a search.
    """
    cjk = [t for t in chunk.bigrams if not t.isascii()]
    if cjk:
        return any(frequency("all_bg", t) == 0 for t in cjk)
    for word in chunk.latin:
        stems = [] if word.isdigit() else _stems([word])
        if stems and frequency("all_bg", word) == 0 and all(
                frequency("title_en", st) + frequency("text_en", st) == 0 for st in stems):
            return True
    return False
