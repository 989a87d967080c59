"""The portal's clock: UTC now for every feature (periods, sessions, audit); tests fix it with
`frozen()`.

Browser tests run the portal in its own process, where `frozen()` cannot reach. For them, and
only while the app's TESTING setting is on, `now()` adds the number of seconds written in the
file named by the PORTAL_TEST_CLOCK_FILE environment variable (read on every call, so a test
can move the server's time forward, e.g. past a consultation's close). Production never sets
TESTING, so the variable is ignored there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

#: Environment variable naming the test clock file (honoured only when TESTING is on).
TEST_CLOCK_ENV = "PORTAL_TEST_CLOCK_FILE"

_fixed: datetime | None = None


def now() -> datetime:
    """Return the current time as naive UTC (the fixed time while frozen)."""
    if _fixed is not None:
        return _fixed
    return datetime.now(UTC).replace(tzinfo=None) + _test_offset()


def _test_offset() -> timedelta:
    """Seconds from the test clock file when the app is TESTING; zero otherwise."""
    path = os.environ.get(TEST_CLOCK_ENV)
    if not path:
        return timedelta(0)
    from flask import current_app, has_app_context

    if not (has_app_context() and current_app.config.get("TESTING")):
        return timedelta(0)
    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return timedelta(0)
    return timedelta(seconds=float(text or 0))


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
