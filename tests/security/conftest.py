"""Fixtures of the security tests: the staff fixtures (accounts, a built demo database) reused."""

from __future__ import annotations

from tests.staff.conftest import (  # noqa: F401  (fixtures reused)
    admin,
    capp,
    cclient,
    commented,
    consult_template,
    make_app,
    staff_app,
)
