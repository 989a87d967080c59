"""Security headers and CSRF protection applied to every response and form."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

#: No inline script or style anywhere: every asset comes from this host.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    """Turn on CSRF checks and add the security headers to each response."""
    csrf.init_app(app)
    app.after_request(_headers)


def _headers(response: Response) -> Response:
    """Set CSP, nosniff, referrer and framing headers; no-store on staff and refused responses."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if response.status_code in (401, 403) or request.path.startswith("/staff/"):
        # Who may see what depends on the login: never kept by a browser or a shared cache
        # (staff pages, the redirects to the login form, every refusal).
        response.headers["Cache-Control"] = "no-store"
    return response


def client_key(remote_addr: str | None) -> str:
    """Identify the client by its address (behind a proxy, configure ProxyFix so this is real)."""
    return remote_addr or "unknown"
