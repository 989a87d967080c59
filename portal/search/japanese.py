"""Morphological analysis with SudachiPy (core dictionary): normalised forms and kana readings.

The Sudachi dictionary takes a noticeable time to load, so each process loads it once, lazily,
and keeps one tokenizer per thread (tokenizers hold scratch state and are not shared).

The morphological field indexes Sudachi's ``normalized_form`` (申し込み/申込み → 申し込み,
ぼうさい → 防災), folded like the bigram field. Its normalisation (① → 1, ＜ → <) only ever reaches
the index, never stored or displayed text. Folding happens after tokenising, because folding kana
first damages segmentation. Readings are Sudachi's ``reading_form`` turned into hiragana, so
「せたがや」 finds 世田谷.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from portal.search.analysis import fold

#: Parts of speech left out of the morphological field: particles, auxiliaries, symbols, spaces.
_SKIP = {"助詞", "助動詞", "補助記号", "空白"}
#: Parts of speech whose reading is meaningless (symbols read as キゴウ).
_NO_READING = {"補助記号", "空白"}
_MAX_CHARS = 4000

_dictionary: Any = None
_load_lock = threading.Lock()
_local = threading.local()


def _tokenizer(mode: str = "A") -> Any:
    """This thread's Sudachi tokenizer (split mode A, or B for whole words) on the one dictionary."""
    global _dictionary
    tok = getattr(_local, f"tokenizer_{mode}", None)
    if tok is None:
        from sudachipy import Dictionary, SplitMode

        with _load_lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
        tok = _dictionary.tokenizer(mode=getattr(SplitMode, mode))
        setattr(_local, f"tokenizer_{mode}", tok)
    return tok


def _morphemes(text: str) -> list[Any]:
    """Sudachi morphemes of TEXT, a chunk at a time (Sudachi refuses very long input)."""
    out: list[Any] = []
    tok = _tokenizer()
    for start in range(0, len(text), _MAX_CHARS):
        chunk = text[start:start + _MAX_CHARS]
        if chunk.strip():
            out.extend(tok.tokenize(chunk))
    return out


def morph_tokens(text: str) -> list[str]:
    """Folded normalised forms of TEXT's content words, in order (Latin words as written:
    Sudachi normalises "drawn" to ドローン, which would match a katakana word by sound)."""
    tokens = []
    for m in _morphemes(text):
        if m.part_of_speech()[0] in _SKIP:
            continue
        surface = m.surface()
        form = fold(surface if surface.isascii() else m.normalized_form()).strip()
        if form:
            tokens.append(form)
    return tokens


def reading(text: str) -> str:
    """TEXT's reading in hiragana, folded; runs separated by spaces where symbols were.

    Latin words get no reading: Sudachi reads "drawn" as ドローン, which would let a kana query
    find an English text by sound.
    """
    parts = []
    for m in _morphemes(text):
        if m.part_of_speech()[0] in _NO_READING or m.surface().isascii():
            parts.append(" ")
        else:
            parts.append(fold(m.reading_form()))
    return " ".join("".join(parts).split())


def word_readings(text: str) -> list[tuple[str, str]]:
    """(surface, katakana reading) of TEXT's words in split mode C (longest units: 世田谷区), for
    ふりがな (portal.easy.readings); one dictionary for the whole process."""
    tok = _tokenizer("C")
    return [(m.surface(), m.reading_form())
            for start in range(0, len(text), _MAX_CHARS)
            for m in tok.tokenize(text[start:start + _MAX_CHARS])]


def noun_compounds(text: str) -> list[tuple[str, str]]:
    """Runs of nouns in TEXT (防災 + 塾 → 防災塾) with their readings, for did-you-mean."""
    found: list[tuple[str, str]] = []
    surface, read = [], []
    for m in [*_morphemes(text), None]:
        if m is not None and m.part_of_speech()[0] in ("名詞", "接尾辞", "接頭辞"):
            surface.append(m.surface())
            read.append(fold(m.reading_form()))
            continue
        if len(surface) > 1 or (surface and len(surface[0]) > 1):
            found.append(("".join(surface), "".join(read)))
        surface, read = [], []
    return found


#: Parts of speech of the words a query is made of (nouns, verbs, adjectives, adjectival nouns).
_CONTENT = {"名詞", "動詞", "形容詞", "形状詞"}
#: Words that carry no topic of their own (する, ある, 人, こと …): never a query word by themselves.
LIGHT = frozenset({"為る", "有る", "居る", "成る", "出来る", "行く", "来る", "言う", "思う", "見る",
                   "人", "方", "事", "物", "所", "時", "為", "様", "感じ", "上", "中", "等"})


@dataclass(frozen=True)
class Word:
    """A content word of a query (split mode B: 保育園, 高齢者, 見守り) with its synonym groups."""

    surface: str
    normalized: str
    group_ids: tuple[int, ...]


def content_words(text: str) -> list[Word]:
    """TEXT's content words in order (particles, auxiliaries, symbols and light words left out).

    A suffix or a one-character noun right after a noun joins it (防災 + 塾 → 防災塾, 高齢 + 化 →
    高齢化): on its own it would be a lone kanji that matches everywhere.
    """
    found: list[Word] = []
    joinable = False
    for m in _tokenizer("B").tokenize(text[:_MAX_CHARS]):
        pos, surface = m.part_of_speech()[0], m.surface()
        if joinable and (pos == "接尾辞" or (pos == "名詞" and len(surface) == 1)):
            last = found[-1]
            found[-1] = Word(last.surface + surface, last.normalized + m.normalized_form(), ())
            continue
        joinable = pos == "名詞" and m.normalized_form() not in LIGHT
        if pos in _CONTENT and m.normalized_form() not in LIGHT:
            found.append(Word(surface, m.normalized_form(), tuple(m.synonym_group_ids())))
    return found


def known_word(word: str) -> bool:
    """True when Sudachi's dictionary holds WORD as one entry (ration, station; not welfere)."""
    morphemes = _tokenizer("B").tokenize(word[:_MAX_CHARS]) if word.strip() else []
    return len(morphemes) == 1 and not morphemes[0].is_oov()
