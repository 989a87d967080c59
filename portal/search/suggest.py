"""Did-you-mean from the index's own vocabulary: English title words, Japanese compounds and readings.

The vocabulary is collected when documents are indexed and kept in the build's meta.json, so a
suggestion always names something the index holds. Kana input is compared with readings and
answered with the written form (ぼうさいじゅぐ → 防災塾); Latin with English title words; kanji
with the compounds of titles (防災熟 → 防災塾).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from portal.search.analysis import clean_query, fold, is_kana
from portal.search.japanese import known_word, noun_compounds

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_CJK = re.compile(r"[\u3041-\u30ff\u3400-\u9fff々]")


def build_vocabulary(docs: Iterable[Any]) -> dict[str, dict[str, str]]:
    """Collect {"en": {word: word}, "ja": {compound: reading}} from DOCS' names."""
    en: dict[str, str] = {}
    ja: dict[str, str] = {}
    for doc in docs:
        for word in _EN_WORD.findall(doc.title_en):
            en.setdefault(word.lower(), word.lower())
        for text in (doc.title, doc.keywords):
            if text and _CJK.search(text):
                for surface, reading in noun_compounds(text[:300]):
                    ja.setdefault(surface, reading)
    return {"en": en, "ja": ja}


def suggest(text: str, vocabulary: dict[str, dict[str, str]], limit: int) -> str | None:
    """A corrected query for TEXT, or None when every part is already known or nothing is close."""
    parts = clean_query(text, limit).split(" ")
    fixed = [_fix(part, vocabulary) for part in parts]
    if fixed == parts or not any(fixed):
        return None
    return " ".join(fixed)


def _fix(part: str, vocabulary: dict[str, dict[str, str]]) -> str:
    """The nearest known spelling of PART, or PART itself."""
    ja = vocabulary.get("ja", {})
    if is_kana(part):
        return _nearest_reading(fold(part), ja) or part
    if _CJK.search(part):
        if any(part in surface for surface in ja):
            return part
        close = difflib.get_close_matches(part, list(ja), n=1, cutoff=0.6)
        return close[0] if close else part
    words = vocabulary.get("en", {})
    if part.isascii() and part.isalpha() and len(part) >= 4 and part.lower() not in words \
            and not known_word(part):  # a real word (ration) is not a misspelling of another (ratio)
        close = difflib.get_close_matches(part.lower(), list(words), n=1, cutoff=0.75)
        return close[0] if close else part
    return part


def _nearest_reading(reading: str, ja: dict[str, str]) -> str | None:
    """The written form whose reading is nearest to READING (hiragana)."""
    by_reading: dict[str, str] = {}
    for surface, read in ja.items():
        if read and (read not in by_reading or len(surface) < len(by_reading[read])):
            by_reading[read] = surface
    close = difflib.get_close_matches(reading, list(by_reading), n=1, cutoff=0.75)
    return by_reading[close[0]] if close else None
