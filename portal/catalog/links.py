"""Absolute URLs on PUBLIC_BASE_URL, shared by the pages, the API, CKAN and DCAT."""

from __future__ import annotations

from flask import Response, make_response

from portal.urls import public_url

__all__ = ["file_url", "public_url", "with_json_twin"]


def file_url(name: str, version: str, filename: str) -> str:
    """Return the absolute URL of a release file."""
    return public_url("catalog.download", name=name, version=version, filename=filename)


def with_json_twin(page: str, twin: str) -> Response:
    """A page's response carrying `Link: <twin>; rel="alternate"; type="application/json"`."""
    response = make_response(page)
    response.headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return response
