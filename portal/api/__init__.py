"""JSON API under /api/v1: the same services as the HTML views, JSON errors, CORS open for GET."""

from __future__ import annotations

from flask import Blueprint, Response

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.after_request
def _cors(response: Response) -> Response:
    """Let any site read the API with GET (the data is public)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    return response


def register_modules() -> None:
    """Import the modules that add routes to the API blueprint."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
