"""The API for people: every endpoint and parameter of /api/v1, rendered from the OpenAPI description.

A page of the site (/<lang>/api/, in the page's language), linked from the footer and every dataset
page; it loads nothing from elsewhere.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.api.openapi import spec
from portal.catalog.links import public_url, with_json_twin

bp = Blueprint("apidocs", __name__)


@bp.get("/<lang>/api/")
def page():
    """Render the OpenAPI description as a page."""
    page = render_template("catalog/api.html", spec=spec(public_url("api.index").rstrip("/")))
    return with_json_twin(page, public_url("api.openapi"))
