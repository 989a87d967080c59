"""Public comment (パブリックコメント), the residents' side: consultation pages, the comment form,
confirmation, receipts, the comment writer and the rate limit. The ward's side is portal.review."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the consultation pages, the shared submission limiter, the comment writer and the
    snapshot cache of the public pages."""
    from portal.consult import committer, limiter, snapshots
    from portal.consult.views import bp

    limiter.init_app(app)
    committer.init_app(app)
    snapshots.init_app(app)
    app.register_blueprint(bp)
