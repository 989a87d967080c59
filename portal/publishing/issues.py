"""An error found in an upload, located by sheet, row and column with the offending value."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem with one cell (or row, or sheet) of an upload, in the user's language."""

    sheet: str
    row: int | None
    column: str | None
    value: str
    message: str

    def __str__(self) -> str:
        where = (
            self.sheet + (f"!{self.row}" if self.row else "") + (f" [{self.column}]" if self.column else "")
        )
        return f"{where}: {self.message}" + (f" («{self.value}»)" if self.value else "")


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def fold_number_text(text: str) -> str:
    """Fold a printed figure for comparison: full-width digits to ASCII, spaces and , ， removed.

    Only digits, the decimal point and the minus sign are folded (never NFKC on the whole
    text: ① and ＜ keep their meaning); the published value_text itself is never changed.
    """
    folded = text.translate(_WIDE_DIGITS)
    return "".join(ch for ch in folded if ch not in ",，" and not unicodedata.category(ch).startswith("Z"))


def numbers_in(text: str) -> list[float]:
    """Every number printed in TEXT after folding (e.g. 'a）6,700 件' → [6700.0])."""
    return [float(m) for m in _NUMBER.findall(fold_number_text(text))]


def fold_unit(text: str) -> str:
    """A unit compared width-insensitively (％ = %, ｍ = m): NFKC on the short unit text only."""
    return unicodedata.normalize("NFKC", text).strip()
