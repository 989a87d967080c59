"""The test clock file moves `clock.now()` only in a TESTING app: production ignores it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from portal import clock

DAY = timedelta(days=1)


def _real_now() -> datetime:
    """The wall clock as naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


@pytest.fixture
def clock_file(tmp_path, monkeypatch):
    """A clock file saying 'one day ahead', named by the environment variable."""
    path = tmp_path / "clock-offset"
    path.write_text(str(DAY.total_seconds()), encoding="ascii")
    monkeypatch.setenv(clock.TEST_CLOCK_ENV, str(path))
    return path


def _app(testing: bool) -> Flask:
    """A bare app whose TESTING setting is TESTING."""
    app = Flask(__name__)
    app.config["TESTING"] = testing
    return app


def test_a_testing_app_follows_the_clock_file_and_its_changes(clock_file):
    with _app(testing=True).app_context():
        assert abs(clock.now() - (_real_now() + DAY)) < timedelta(seconds=5)
        clock_file.write_text(str(40 * DAY.total_seconds()), encoding="ascii")
        assert abs(clock.now() - (_real_now() + 40 * DAY)) < timedelta(seconds=5)
        clock_file.unlink()
        assert abs(clock.now() - _real_now()) < timedelta(seconds=5)


@pytest.mark.parametrize("testing", [False, None], ids=["production-app", "no-app"])
def test_the_clock_file_is_ignored_unless_the_app_is_testing(clock_file, testing):
    if testing is None:
        assert abs(clock.now() - _real_now()) < timedelta(seconds=5)
        return
    with _app(testing=testing).app_context():
        assert abs(clock.now() - _real_now()) < timedelta(seconds=5)


def test_a_frozen_clock_wins_over_the_clock_file(clock_file):
    at = datetime(2026, 10, 1, 3, 0)
    with _app(testing=True).app_context(), clock.frozen(at):
        assert clock.now() == at
