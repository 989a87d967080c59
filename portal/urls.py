"""Absolute URLs of the portal: always on PUBLIC_BASE_URL, never on the request's Host header.

A Host header is chosen by the client; echoing it in API links, redirects or cached pages lets
anyone make the portal hand out links to another site. `public_url` is the one way to build an
absolute link; `init_app` also makes absolute redirect locations on the request's host (Werkzeug's
308 for a missing slash) root-relative and hands TRUSTED_HOSTS to Flask, which refuses other
hosts (400).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, request, url_for
from markupsafe import escape
from werkzeug.exceptions import SecurityError


def public_base() -> str:
    """PUBLIC_BASE_URL without a trailing slash."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def public_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of ENDPOINT with VALUES, on PUBLIC_BASE_URL."""
    values.pop("_external", None)
    return public_base() + url_for(endpoint, **values)


def init_app(app: Flask) -> None:
    """Refuse hosts outside TRUSTED_HOSTS (when set) and keep the Host out of redirects."""
    app.config["TRUSTED_HOSTS"] = list(app.config.get("TRUSTED_HOSTS") or []) or None
    app.after_request(_public_location)
    app.register_error_handler(SecurityError, _untrusted_host)


def _untrusted_host(_exc: SecurityError) -> Response:
    """A plain 400 for a Host outside TRUSTED_HOSTS (no page: its links would need the host)."""
    return Response("400 Bad Request: unknown host\n", status=400, mimetype="text/plain")


def _public_location(response: Response) -> Response:
    """Make an absolute Location on the request's own host root-relative (body too).

    Werkzeug writes the 308 that adds a missing slash with the request's Host; a relative
    location (RFC 9110 §10.2.2) names no host at all and works behind any proxy or port.
    """
    location = response.headers.get("Location", "")
    if "://" not in location:
        return response
    try:
        own = request.host_url
    except SecurityError:
        return response
    if location.startswith(own):
        moved = "/" + location[len(own):]
        response.headers["Location"] = moved
        if response.status_code in (301, 302, 303, 307, 308):
            link = escape(moved)
            response.set_data(f'<!doctype html>\n<title>Redirecting</title>\n'
                              f'<p>Redirecting to <a href="{link}">{link}</a>.</p>\n')
    return response
