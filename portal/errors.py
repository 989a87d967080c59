"""Error pages in the user's language (JSON under /api/); never a bare 500 page."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, ServiceUnavailable

from portal.i18n import _, site_languages

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the handlers for HTTP errors and unexpected exceptions."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _wants_json() -> bool:
    """True for API paths and .json twins."""
    path = request.path
    return path.startswith(("/api/", "/healthz")) or path.endswith(".json")


def _guess_lang() -> None:
    """Take the language from the first path segment when routing did not set it."""
    if g.get("lang"):
        return
    first = request.path.strip("/").split("/", 1)[0]
    if first in site_languages():  # /ja-easy/… errors speak やさしい日本語 too
        g.lang = first


def _messages() -> dict[int, str]:
    """Human messages per status code, translated at request time."""
    return {
        400: _("The request could not be understood."),
        403: _("You are not allowed to see this page."),
        404: _("This page does not exist. It may have moved, or the address may be mistyped."),
        405: _("This address does not accept that kind of request."),
        413: _("What you sent is too large."),
        429: _("Too many requests. Please wait a moment and try again."),
        500: _("Something went wrong on our side. Nothing you sent was lost; please try again."),
    }


def _http_error(exc: HTTPException):
    """Render an HTTP error as a page in the user's language, or as JSON for the API."""
    _guess_lang()
    code = exc.code or 500
    detail = exc.description if getattr(exc, "portal_message", False) else None
    message = detail or _messages().get(code, exc.name)
    if _wants_json():
        return jsonify({"error": {"status": code, "message": message}}), code
    return render_template("errors/error.html", code=code, message=message), code


def _unexpected(exc: Exception):
    """Log an unexpected exception (without request bodies); a database outage answers 503."""
    from sqlalchemy.exc import DataError, InterfaceError, OperationalError, ProgrammingError

    if isinstance(exc, DataError):
        # The database refused a value the user sent (PostgreSQL refuses a NUL in any text):
        # the user's input, not a page bug, so a 400 with a message and nothing stored.
        log.warning("database refused a value on %s %s", request.method, request.path)
        refused = BadRequest(description=_(
            "What you sent contains a character the portal cannot store, such as an "
            "invisible control character. Please remove it and try again."))
        refused.portal_message = True  # type: ignore[attr-defined]
        return _http_error(refused)
    log.exception("unhandled error on %s %s", request.method, request.path)
    # Locked, full, unreachable or not-yet-migrated databases (SQLite reports a missing table as
    # OperationalError, PostgreSQL as ProgrammingError): a temporary outage, not a page bug.
    if isinstance(exc, OperationalError | InterfaceError | ProgrammingError):
        unavailable = ServiceUnavailable(description=_(
            "The portal cannot reach its data just now. Nothing you sent was lost; "
            "please try again in a few minutes."))
        unavailable.portal_message = True  # type: ignore[attr-defined]
        return _http_error(unavailable)
    return _http_error(InternalServerError())


def fail(code: int, message: str) -> None:
    """Abort with CODE and a message meant for the user (already translated)."""
    from werkzeug.exceptions import default_exceptions

    exc = default_exceptions[code](description=message)
    exc.portal_message = True  # type: ignore[attr-defined]
    raise exc
