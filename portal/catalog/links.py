"""Absolute URLs of release files, shared by the pages, the API, CKAN and DCAT."""

from __future__ import annotations

from flask import url_for


def file_url(name: str, version: str, filename: str) -> str:
    """Return the absolute URL of a release file."""
    return url_for("catalog.download", name=name, version=version, filename=filename, _external=True)
