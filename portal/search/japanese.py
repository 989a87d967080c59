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


def _tokenizer() -> Any:
    """This thread's Sudachi tokenizer (split mode A) on the process's one dictionary."""
    global _dictionary
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import Dictionary, SplitMode

        with _load_lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
        tok = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.A)
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
    """Folded normalised forms of TEXT's content words, in order."""
    tokens = []
    for m in _morphemes(text):
        if m.part_of_speech()[0] in _SKIP:
            continue
        form = fold(m.normalized_form()).strip()
        if form:
            tokens.append(form)
    return tokens


def reading(text: str) -> str:
    """TEXT's reading in hiragana, folded; runs separated by spaces where symbols were."""
    parts = []
    for m in _morphemes(text):
        if m.part_of_speech()[0] in _NO_READING:
            parts.append(" ")
        else:
            parts.append(fold(m.reading_form()))
    return " ".join("".join(parts).split())


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
