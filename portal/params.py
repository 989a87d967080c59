"""Whole numbers from request parameters and path segments: ASCII digits only, within bounds.

`str.isdigit()` is true for `²`, `١٢` or `𝟙`, on which `int()` fails or which a database
cannot hold; 20-digit numbers overflow SQLite's INTEGER. Every number a visitor sends is read
here (or by the bounded `int` URL converter) so that a bad one is a 400/404, never a 500.
"""

from __future__ import annotations

import re

from werkzeug.routing import IntegerConverter

_WHOLE = re.compile(r"-?[0-9]{1,18}")
#: Largest id a path segment may name (SQLite and PostgreSQL INTEGER hold 2**31 - 1).
MAX_ID = 2**31 - 1


def whole_number(raw: object, low: int, high: int) -> int | None:
    """RAW as an int when it is ASCII digits (optional '-') between LOW and HIGH, else None."""
    if not isinstance(raw, str) or not _WHOLE.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None


class BoundedInt(IntegerConverter):
    """Flask's `int` converter, bounded to MAX_ID: a larger number does not match (404)."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002  (werkzeug's name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
