"""Reuse the real-data page fixtures of tests/plan."""

from tests.plan.conftest import site_app, site_client  # noqa: F401
