"""Follow by email: double opt-in subscriptions to the site, a plan, a 施策 or a consultation;
a queue of mails filled from portal.updates' public events and sent outside requests by
`portal notify send`; one-click unsubscribe. Addresses live only in their own table."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the follow pages."""
    from portal.notify.views import bp

    app.register_blueprint(bp)
