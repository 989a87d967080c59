"""The ward's data-publishing back office: template, upload and validation, draft, approval; and the
official URLs of the source documents (proposed, then approved by a second person).

Staff pages live under /staff/data/ (behind the staff login); `portal data …` is the CLI twin.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the publishing pages and the `portal data` commands."""
    from portal.publishing import document_views, replica  # noqa: F401  (document_views adds its routes to bp)
    from portal.publishing.cli import data_group
    from portal.publishing.views import bp

    app.register_blueprint(bp)
    app.extensions.setdefault("publishing_hooks", [])
    replica.init_app(app)
    app.cli.add_command(data_group)
