"""Readings (hiragana) of Japanese text for ふりがな: SudachiPy's, overridden by a readings table.

The table (readings.tsv, written by tools/easy/build_readings.py with each row's source) holds the
proper nouns the analyser may read wrongly: every 町 of the ward (Japan Post's kana: 等々力 とどろき,
三軒茶屋 さんげんぢゃや) and the 地区 that are not 町 names (九品仏 くほんぶつ, from
../shared/reference). A 丁目 number is read by the counter rule (四丁目 よんちょうめ, 八丁目
はっちょうめ). Only runs containing kanji get a reading: numbers, Latin text and kana get none.
Text is read as given (no normalisation): ruby must sit on exactly the characters shown.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from portal.search.japanese import word_readings

TABLE = Path(__file__).with_name("readings.tsv")
#: Kanji (with 々 and the small ヶ of 霞ヶ関-style names): the characters that get ruby.
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"
HAS_KANJI = re.compile(f"[{KANJI}]")
#: 丁目 numbers (一丁 いっちょう and 八丁 はっちょう in JMdict take 促音).
CHOME = {"一": "いっ", "二": "に", "三": "さん", "四": "よん", "五": "ご", "六": "ろく", "七": "なな",
         "八": "はっ", "九": "きゅう"}


def hiragana(text: str) -> str:
    """Katakana letters of TEXT as hiragana (ー and everything else unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """{word: reading} of the readings table."""
    with open(TABLE, encoding="utf-8", newline="") as fh:
        return {row["word"]: row["reading"] for row in csv.DictReader(fh, delimiter="\t")}


@lru_cache(maxsize=1)
def _fixed() -> re.Pattern[str]:
    """Table words (longest first) and 丁目 numbers: the spans read without the analyser."""
    words = sorted(table(), key=len, reverse=True)
    return re.compile("|".join([*map(re.escape, words), f"[{''.join(CHOME)}]丁目"]))


def _fixed_reading(word: str) -> str:
    """The reading of a table word or a 丁目 number."""
    return table().get(word) or CHOME[word[0]] + "ちょうめ"


def segments(text: str) -> list[tuple[str, str | None]]:
    """TEXT cut into (surface, hiragana reading); the reading is None where no kanji is."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    for match in _fixed().finditer(text):
        out += _analysed(text[pos:match.start()])
        out.append((match.group(), _fixed_reading(match.group())))
        pos = match.end()
    return out + _analysed(text[pos:])


def _analysed(text: str) -> list[tuple[str, str | None]]:
    """Sudachi's words of TEXT with readings for those containing kanji."""
    if not HAS_KANJI.search(text):
        return [(text, None)] if text else []
    return [(surface, hiragana(read) if HAS_KANJI.search(surface) else None)
            for surface, read in word_readings(text)]


def reading(text: str) -> str:
    """TEXT read aloud in hiragana: readings of kanji words, other characters as written."""
    return "".join(hiragana(read if read is not None else surface) for surface, read in segments(text))
