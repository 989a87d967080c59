"""The one text rule for every human-entered field (residents' comments and staff texts alike).

Text gets NFC and CRLF → LF only, never NFKC: ① must stay ① and ＜ must stay ＜, as written.
Refused: NUL and other control characters (except line feed and tab in multi-line fields), bidi
overrides and isolates (they can make the text read differently from what is stored, CVE-2021-42574),
Unicode tag characters U+E0000–U+E007F (invisible; they can smuggle text past a reader), and U+FFFD
(bytes that were not valid UTF-8). The WTForms validators below apply the rule to staff forms
with the same messages the resident form shows.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from wtforms.validators import ValidationError

from portal.i18n import _

#: Bidirectional formatting characters that can disguise text (Trojan Source, CVE-2021-42574).
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: Unicode tag characters: invisible, and able to carry hidden text.
TAGS = range(0xE0000, 0xE0080)


def normalize_text(raw: str | None) -> str:
    """NFC and LF line ends; surrounding blank space removed."""
    raw = raw or ""
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()


def bad_character(text: str, *, multiline: bool) -> tuple[int, str] | None:
    """Return (position from 1, U+XXXX) of the first refused character, or None."""
    for index, ch in enumerate(text, start=1):
        if ch in "\n\t" and multiline:
            continue
        if (ch in BIDI or ch == "\ufffd" or ord(ch) in TAGS
                or unicodedata.category(ch) in {"Cc", "Cs"}):
            return index, f"U+{ord(ch):04X}"
    return None


def length_problem(text: str, limit: int) -> str | None:
    """The message for TEXT longer than LIMIT characters, or None."""
    if len(text) <= limit:
        return None
    return str(_("This is %(length)s characters long; the limit is %(limit)s. "
                 "Please shorten it by %(over)s characters.",
                 length=len(text), limit=limit, over=len(text) - limit))


def character_problem(text: str, *, multiline: bool) -> str | None:
    """The message for the first refused character of TEXT, or None."""
    bad = bad_character(text, multiline=multiline)
    if bad is None:
        return None
    return str(_("Character %(position)s is an invisible control character (%(code)s) "
                 "that cannot be accepted. Please delete it and retype that part.",
                 position=bad[0], code=bad[1]))


class PlainText:
    """WTForms validator: at most LIMIT characters, none refused by the text rule; REQUIRED or not."""

    def __init__(self, limit: int, *, multiline: bool = False, required: bool = False) -> None:
        self.limit, self.multiline, self.required = limit, multiline, required

    def __call__(self, form: Any, field: Any) -> None:
        text = field.data or ""
        if not text:
            if self.required:
                raise ValidationError(str(_("Please fill in this field.")))
            return
        problem = (length_problem(text, self.limit)
                   or character_problem(text, multiline=self.multiline))
        if problem:
            raise ValidationError(problem)
