"""The ward's review of a consultation: moderation, opinion groups and the ward's responses,
completeness, publication of the result, retention of personal data, and the staff pages and
`portal consult …` commands for them. Residents' code (portal.consult) never imports it."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Add the review pages to the staff blueprint, register the public result page, let the
    resident's receipt check show where a comment was placed, and give 施策 and indicator pages
    their consultation box."""
    from portal.review import group_views, setup_views, views  # noqa: F401  (routes on staff's bp)
    from portal.review.boxes import render_box
    from portal.review.result_views import bp, placement

    app.register_blueprint(bp)
    app.extensions["consult_placement"] = placement
    app.extensions["plan_consultation_box"] = render_box
