"""The clock consultation views read: UTC now, which tests can fix with `frozen()`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_fixed: datetime | None = None


def now() -> datetime:
    """Return the current time as naive UTC (the fixed time while frozen)."""
    if _fixed is not None:
        return _fixed
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Fix the clock at AT (aware or naive UTC) inside the block."""
    global _fixed
    previous = _fixed
    _fixed = at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at
    try:
        yield
    finally:
        _fixed = previous
