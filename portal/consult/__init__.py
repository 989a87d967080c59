"""Public comment (パブリックコメント): consultations on a plan revision, comments, receipts."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the consultation pages, the shared submission limiter, the comment writer and the
    snapshot cache of the public pages."""
    from portal.consult import committer, limiter, snapshots
    from portal.consult.result_views import bp as result_bp
    from portal.consult.views import bp

    limiter.init_app(app)
    committer.init_app(app)
    snapshots.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(result_bp)
