"""Fixtures of the security tests: the staff fixtures (accounts, a built demo database) reused."""

from __future__ import annotations

from tests.staff.conftest import admin, commented, staff_app  # noqa: F401  (fixtures reused)
