"""JSON API under /api/v1: the same services as the HTML views, JSON errors, CORS open for GET."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request

from portal.i18n import _, best_language

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def _language() -> tuple[Response, int] | None:
    """Write messages in `_lang` when given, else the client's language (Accept-Language, else Japanese)."""
    chosen = request.args.get("_lang")
    if not g.get("lang"):
        g.lang = best_language(request.accept_languages, current_app.config["LANGUAGES"],
                               current_app.config["DEFAULT_LANGUAGE"])
    if chosen is None:
        return None
    if chosen not in current_app.config["LANGUAGES"]:
        return bad_parameter("_lang", "unknown_value", chosen)
    g.lang = chosen
    return None


@bp.after_request
def _cors(response: Response) -> Response:
    """Let any site read the API with GET (the data is public)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers.setdefault("Vary", "Accept-Language")
    return response


def _reasons() -> dict[str, str]:
    """Why a parameter was refused, per reason code, in the client's language."""
    return {
        "unknown_column": _("“%(value)s” is not a column of this table."),
        "not_integer": _("“%(value)s” is not a whole number."),
        "not_number": _("“%(value)s” is not a number."),
        "not_boolean": _("“%(value)s” is not true or false."),
        "size_range": _("“%(value)s” is not a whole number from 1 to %(max)s."),
        "bad_cursor": _("This is not a cursor that this API returned."),
        "cursor_mismatch": _("This cursor belongs to another sort order."),
        "empty_fields": _("Name at least one column."),
        "unknown_value": _("“%(value)s” is not known."),
        "unknown_operator": _("“%(value)s” is not a filter; use contains, gt, gte, lt, lte or not."),
    }


def bad_parameter(param: str, code: str, value: str = "", **extra: Any) -> tuple[Response, int]:
    """Answer 400 with a message naming the parameter that was wrong and why."""
    reason = _reasons()[code] % {"value": value[:100], "max": extra.get("max", ""), **extra}
    message = _("Parameter %(param)s: %(reason)s", param=param, reason=reason)
    return jsonify({"error": {"status": 400, "parameter": param, "message": message}}), 400


def plain(value: Any) -> Any:
    """Make a column value JSON-ready (dates as ISO 8601)."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def dump(obj: Any, skip: tuple[str, ...] = ("dataset_id",)) -> dict[str, Any]:
    """Return a model row as a dict of its columns."""
    return {c.name: plain(getattr(obj, c.name, None)) for c in obj.__table__.columns if c.name not in skip}


def register_modules() -> None:
    """Import the modules that add routes to the API blueprint."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def register(app) -> None:
    """Add the API's routes to APP: /api/v1 and the page describing it for people (/<lang>/api/)."""
    from portal.api.docs import bp as docs_bp

    register_modules()
    app.register_blueprint(bp)
    app.register_blueprint(docs_bp)
