"""What changed on the portal, for anyone to follow: public events (new data versions and
corrections, new revisions, consultations opened / closing / closed / answered), the updates page,
Atom feeds per site, plan, 施策 and consultation, and the .ics of a consultation."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the updates page, the feeds and the calendar files."""
    from portal.updates.views import bp

    app.register_blueprint(bp)
