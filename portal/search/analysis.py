"""Japanese-first text folding and bigram tokenising for search; never applied to stored text.

Folding is for matching only and is applied to the indexed copy and the query, never to what is
stored or shown. It makes full-width ASCII letters and digits half-width (ＡＥＤ → aed, ２０２３ →
2023), half-width katakana full-width (ｶﾞｲﾄﾞ → がいど), katakana hiragana, drops the long-vowel
mark (サーバー ⇄ サーバ), turns the ideographic space into a space, and lower-cases Latin. It is
not NFKC: circled numbers (①), full-width brackets (＜ ＞) and other symbols are left alone, so a
folded string can never turn into markup or lose a number's circle.
"""

from __future__ import annotations

import re
import unicodedata

_TABLE: dict[int, int | str | None] = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}
_TABLE.update({c: c - 0x60 for c in range(0x30A1, 0x30F7)})
_TABLE.update({ord("ー"): None, 0x3000: " ", ord("ｰ"): None})
_HALFWIDTH_KANA = re.compile("[\uff66-\uff9d][\uff9e\uff9f]?")
#: Characters that form bigrams: kana, CJK ideographs, 々〆, hangul syllables.
_CJK_CLASS = (r"\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fd\u30fe"
              r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆\uac00-\ud7af")
_TOKEN = re.compile(rf"([{_CJK_CLASS}]+)|([0-9a-z]+(?:\.[0-9]+)?)")
_KANA_ONLY = re.compile(r"[\u3041-\u3096\u30a1-\u30faー\s]+")
#: C0/C1 control characters (NUL included) and the Unicode non-characters a browser may send.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _halfwidth(match: re.Match[str]) -> str:
    """Full-width form of one half-width katakana (with its voicing mark)."""
    return unicodedata.normalize("NFKC", match.group())


def fold(text: str) -> str:
    """Fold TEXT for matching (width, kana, case, long vowels) without touching ① or ＜."""
    return _HALFWIDTH_KANA.sub(_halfwidth, text).translate(_TABLE).lower()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold TEXT and return, for each folded character, the index of its source character."""
    if not _HALFWIDTH_KANA.search(text):
        folded = fold(text)
        offsets = [i for i, ch in enumerate(text) if _TABLE.get(ord(ch), 0) is not None]
        if len(offsets) == len(folded):
            return folded, offsets
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    while pos < len(text):
        match = _HALFWIDTH_KANA.match(text, pos)
        piece = match.group() if match else text[pos]
        folded = fold(piece)
        out.append(folded)
        offsets.extend([pos] * len(folded))
        pos += len(piece)
    return "".join(out), offsets


def clean_query(text: str, limit: int) -> str:
    """Drop control characters and NUL, collapse spaces, keep the first LIMIT characters."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:limit]


def is_kana(text: str) -> bool:
    """True when TEXT is written in kana only (a reading the resident typed)."""
    return bool(text.strip()) and bool(_KANA_ONLY.fullmatch(text))


def bigrams(text: str, folded: bool = False) -> list[str]:
    """Split TEXT, in order, into CJK character bigrams (a lone character kept) and Latin/digit words."""
    tokens: list[str] = []
    for run, word in _TOKEN.findall(text if folded else fold(text)):
        if word:
            tokens.append(word)
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    return tokens


def to_hiragana(text: str) -> str:
    """Katakana to hiragana only (for readings shown as suggestions)."""
    return text.translate({c: c - 0x60 for c in range(0x30A1, 0x30F7)})
