"""Ward staff: accounts with roles, login with lockout and timeout, the hash-chained audit log."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the staff pages (every one behind login and a role)."""
    from portal.staff import consult_views, group_views, setup_views, views  # noqa: F401  (routes)
    from portal.staff.blueprint import bp

    app.register_blueprint(bp)
