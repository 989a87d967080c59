"""Japanese-first text folding and tokenising for search; never applied to stored text.

Folding is for matching only: full-width ASCII letters and digits become half-width, half-width
katakana becomes full-width, katakana becomes hiragana, the long-vowel mark is dropped, Latin is
lower-cased. Circled numbers (①), full-width brackets and symbols are left alone: no blind NFKC.
"""

from __future__ import annotations

import re
import unicodedata

_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ]+")
_WORD = re.compile(r"[0-9a-z]+(?:\.[0-9]+)?")


def fold(text: str) -> str:
    """Fold TEXT for matching (width, kana, case, long vowels) without touching ① or ＜."""
    text = text.translate(_FULLWIDTH_ALNUM)
    text = _HALFWIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    out = []
    for ch in text:
        code = ord(ch)
        if 0x30A1 <= code <= 0x30F6:
            out.append(chr(code - 0x60))
        elif ch == "ー":
            continue
        else:
            out.append(ch)
    return "".join(out).lower()


def bigrams(text: str) -> list[str]:
    """Split folded TEXT into CJK character bigrams (single characters kept) and Latin/digit words."""
    tokens: list[str] = []
    folded = fold(text)
    for run in _CJK.findall(folded):
        if len(run) == 1:
            tokens.append(run)
        tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    tokens.extend(_WORD.findall(folded))
    return tokens
