"""Ward staff: accounts with roles, login with lockout and timeout, the hash-chained audit log.

Back-office features (portal.review, …) add their pages to the staff blueprint
(portal.staff.blueprint.bp) in their own init_app; `init_app` here registers it, so it is called
after theirs.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the staff pages (every one behind login and a role)."""
    from portal.staff import account_views, views  # noqa: F401  (routes)
    from portal.staff.blueprint import bp

    app.register_blueprint(bp)
