"""Find 町丁目 from what a resident types: kanji or kana, 4丁目 / 四丁目 / ４丁目, with or without 丁目.

Normalisation is targeted, never NFKC: full-width digits become ASCII digits, katakana becomes
hiragana (for readings), kanji numerals before 丁目 become digits, spaces and the prefixes
東京都 / 世田谷区 are removed. Nothing else in the text is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHOME = re.compile(r"^(?P<town>.*?)(?P<no>[0-9]+|[一二三四五六七八九十]+)?(?:丁目|ちょうめ|チョウメ)?$")
#: Longest input accepted; anything longer is not a place name.
MAX_QUERY = 40


@dataclass(frozen=True)
class Query:
    """A parsed lookup: the town part (kanji or hiragana) and the 丁目 number if given."""

    town: str
    number: int | None
    is_kana: bool


def kanji_number(text: str) -> int | None:
    """Read 一…九, 十, 十一…九十九 as an integer (丁目 numbers); None if not such a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if (tens and tens not in _KANJI_DIGITS) or (ones and ones not in _KANJI_DIGITS):
            return None
        return _KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0)
    return _KANJI_DIGITS.get(text) if len(text) == 1 else None


def to_hiragana(text: str) -> str:
    """Turn katakana into hiragana (readings are stored in hiragana)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _is_kana(text: str) -> bool:
    """True when TEXT is written only in kana (and the long-vowel mark)."""
    return bool(text) and all("ぁ" <= c <= "ゖ" or c == "ー" for c in text)


def parse(raw: str) -> Query | None:
    """Parse what was typed; None when nothing usable remains."""
    text = re.sub(r"\s+", "", raw or "")[:MAX_QUERY].translate(_FULLWIDTH_DIGITS)
    for prefix in ("東京都", "世田谷区", "せたがやく"):
        text = text.removeprefix(prefix)
    text = re.sub(r"[-−‐ー－]?[0-9]+(?:番地?|[-−‐－][0-9]+)*(?:号)?$", "", text) if re.search(
        r"丁目[0-9]", text) else text
    text = re.sub(r"(丁目)[0-9].*$", r"\1", text)
    match = _CHOME.match(text)
    if not match:
        return None
    town = to_hiragana(match.group("town")) if _is_kana(to_hiragana(match.group("town"))) \
        else match.group("town")
    number = kanji_number(match.group("no") or "")
    if not town:
        return None
    return Query(town, number, _is_kana(town))
