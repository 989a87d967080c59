"""Absolute URLs of release files, shared by the pages, the API, CKAN and DCAT."""

from __future__ import annotations

from flask import current_app, url_for


def file_url(name: str, version: str, filename: str) -> str:
    """Return the absolute URL of a release file, on PUBLIC_BASE_URL (not the request's host).

    Behind a proxy or in a static mirror the host a request came in on is not the public one;
    citations, DCAT and CKAN must name the address researchers can reach.
    """
    path = url_for("catalog.download", name=name, version=version, filename=filename)
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path
