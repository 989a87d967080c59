"""Whole sentences around a place in extracted PDF text, joined across the text's line breaks.

The seeds wrap a printed sentence over several lines (often with blank lines between them) and mix
running text with table cells. A sentence here is the text from a sentence start (just after a
「。」, at a bullet such as ●, or at the first line after a heading or table cell) up to and
including the next 「。」, each line stripped and the lines concatenated as printed: nothing else
is normalised, so the quote is found verbatim in the joined text. Text that crosses a table cell
or a heading, or runs over MAX_LINES lines, is not a sentence and gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Marks that open a printed item: a sentence starts after them.
BULLETS = "●・◆○■◎※□"
#: A line shorter than this that does not end a sentence is a heading or a table cell.
SHORT = 24
#: Lines one sentence may span (wrapped lines, blank lines not counted).
MAX_LINES = 8
#: Table rows: targets/actuals labels, dashes for "none", or cells separated by runs of spaces.
TABLE = re.compile(r"当初計画|修正計画|実\s+績|―|\S\s{2,}\S|^\s*[0-9０-９]+\s*$")


@dataclass(frozen=True)
class Sentence:
    """One whole sentence: its text as printed (lines joined) and its first and last line (1-based)."""

    text: str
    first_line: int
    last_line: int


def _opens(text: str) -> bool:
    """Whether a stripped line starts a new printed item (bullet)."""
    return bool(text) and text[0] in BULLETS


def _closed(text: str) -> bool:
    """Whether the line before a sentence ends the text before it (a sentence, heading or cell)."""
    return text.endswith("。") or len(text) < SHORT or bool(TABLE.search(text))


def sentence_at(lines: list[str], number: int, column: int, headings: frozenset[int] = frozenset()
                ) -> Sentence | None:
    """The whole sentence containing the character at COLUMN of line NUMBER (1-based), or None.

    HEADINGS are lines known to be headings (the plan items' own lines): no sentence crosses one.
    """
    stripped = [line.strip() for line in lines]
    here = stripped[number - 1]
    offset = len(lines[number - 1]) - len(lines[number - 1].lstrip())
    column = max(column - offset, 0)
    if TABLE.search(here) or number in headings:
        return None
    # Backwards: the start of the sentence.
    before = here[:column]
    first = number
    if "。" in before:
        cut = before.rindex("。") + 1
        text, pos = here[cut:], column - cut
    else:
        seen, lead = 0, ""
        while not _opens(stripped[first - 1]):
            previous = first - 1
            while previous > 0 and not stripped[previous - 1]:
                previous -= 1
            if previous == 0 or previous in headings:
                break
            text_before = stripped[previous - 1]
            if "。" in text_before:
                lead = text_before[text_before.rindex("。") + 1:]
                break
            if _closed(text_before):
                break
            seen += 1
            if seen >= MAX_LINES:
                return None
            first = previous
        prefix = "".join(t for t in stripped[first - 1:number - 1] if t)
        text, pos = lead + prefix + here, len(lead) + len(prefix) + column
        if lead:
            first = previous
    # Forwards: up to and including the next 「。」.
    last, seen = number, 0
    while "。" not in text[pos:]:
        last += 1
        while last <= len(stripped) and not stripped[last - 1]:
            last += 1
        seen += 1
        if last > len(stripped) or seen >= MAX_LINES or last in headings \
                or TABLE.search(stripped[last - 1]) or _opens(stripped[last - 1]):
            return None
        text += stripped[last - 1]
    end = text.index("。", pos) + 1
    quote = text[:end].lstrip(BULLETS + " 　")
    return Sentence(quote, first, last) if quote else None


def joined(lines: list[str], first: int, last: int) -> str:
    """Lines FIRST..LAST (1-based, inclusive) stripped and concatenated, as sentences are quoted."""
    return "".join(line.strip() for line in lines[first - 1:last])
