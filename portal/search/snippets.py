"""Highlighted snippets: stored text cut around the first match, every part escaped, matches in <mark>.

Matching runs on the folded copy (so ＡＥＤ in the text lights up for "aed" typed) and maps back
to the original characters; the text shown is always the stored text, escaped piece by piece, so
neither the document nor the query can inject markup.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from portal.search.analysis import fold, fold_with_offsets
from portal.search.query import Chunk, expansions_of

_LATIN = re.compile(r"[0-9a-z]+")


def needles(chunks: list[Chunk]) -> list[re.Pattern[str]]:
    """Patterns (over folded text) for what the query's chunks and their expansions should light up."""
    found: list[str] = []
    for chunk in [*chunks, *expansions_of(chunks)]:
        folded = fold(chunk.text)
        if not _LATIN.fullmatch(folded):
            found.append(re.escape(folded))
        found += [re.escape(m) for m in chunk.morph if len(m) > 1]
        for word in chunk.latin:
            stem = word[:max(4, len(word) - 2)] if len(word) > 4 else word
            found.append(rf"(?<![0-9a-z]){re.escape(stem)}[0-9a-z]*")
    return [re.compile(p) for p in dict.fromkeys(p for p in found if p)]


def _spans(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of TEXT matching any pattern."""
    folded, offsets = fold_with_offsets(text)
    raw = []
    for pattern in patterns:
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                end = offsets[m.end()] if m.end() < len(offsets) else len(text)
                raw.append((offsets[m.start()], end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(raw):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, patterns: list[re.Pattern[str]], width: int | None = None) -> Markup:
    """TEXT (or a window of WIDTH characters around its first match) with matches marked."""
    spans = _spans(text, patterns) if text else []
    lo, hi = 0, len(text)
    if width is not None and len(text) > width:
        first = spans[0][0] if spans else 0
        lo = max(0, min(first - width // 4, len(text) - width))
        hi = lo + width
    out = [Markup("…")] if lo > 0 else []
    pos = lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        out += [escape(text[pos:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        pos = end
    out.append(escape(text[pos:hi]))
    if hi < len(text):
        out.append(Markup("…"))
    return Markup("").join(out)
