"""Absolute URLs on PUBLIC_BASE_URL, shared by the pages, the API, CKAN and DCAT."""

from __future__ import annotations

from flask import Response, current_app, make_response, url_for


def public_url(endpoint: str, **values: object) -> str:
    """Return the absolute URL of ENDPOINT on PUBLIC_BASE_URL (never the request's Host header).

    Behind a proxy or in a static mirror the host a request came in on is not the public one;
    citations, DCAT and CKAN must name the address researchers can reach.
    """
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def file_url(name: str, version: str, filename: str) -> str:
    """Return the absolute URL of a release file."""
    return public_url("catalog.download", name=name, version=version, filename=filename)


def with_json_twin(page: str, twin: str) -> Response:
    """A page's response carrying `Link: <twin>; rel="alternate"; type="application/json"`."""
    response = make_response(page)
    response.headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return response
