"""Read-only CKAN action API (/api/3/action/…) as harvesters and ckanapi call it.

GET with query parameters, POST with a JSON body or a form, CKAN's envelope {"help", "success",
"result" | "error"} and its error types: 404 "Not Found Error", 409 "Validation Error", 400
"Search Query Error" for a query this catalogue cannot answer exactly, and 400 "Bad request" for
an unknown action or body. A parameter an action does not support is refused, never ignored.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask_babel import force_locale

from portal.catalog import agents, releases, services, themes
from portal.catalog import ckan_dicts as dicts
from portal.catalog.ckan_query import QueryError
from portal.catalog.links import file_url, public_url
from portal.db import get_session
from portal.i18n import babel_locale
from portal.security import csrf

bp = Blueprint("ckan", __name__, url_prefix="/api/3/action")
csrf.exempt(bp)  # POST here reads only, as CKAN's side-effect-free actions do; nothing changes


class ActionError(Exception):
    """An error CKAN would answer: HTTP status and the `error` object."""

    def __init__(self, status: int, error: dict[str, Any]) -> None:
        super().__init__(error)
        self.status, self.error = status, error


def not_found(what: str) -> ActionError:
    """CKAN's 404."""
    return ActionError(404, {"__type": "Not Found Error", "message": f"Not found: {what}"})


def invalid(field: str, message: str) -> ActionError:
    """CKAN's 409 validation error, keyed by field."""
    return ActionError(409, {"__type": "Validation Error", field: [message]})


def query_error(message: str) -> ActionError:
    """CKAN's 400 for a search it cannot run."""
    return ActionError(400, {"__type": "Search Query Error",
                             "message": f"Search Query is invalid: {message}"})


def _envelope(action: str, body: dict[str, Any], status: int):
    """Wrap BODY the way CKAN does, readable from any site."""
    help_url = public_url("catalog.ckan.dispatch", name="help_show") + f"?name={action}"
    response = jsonify({"help": help_url, **body})
    response.status_code = status
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def request_data() -> dict[str, Any]:
    """The action's parameters: query string (GET), JSON body or form (POST), as CKAN reads them."""
    def mixed(multi) -> dict[str, Any]:
        return {k: v[0] if len(v) == 1 else v for k, v in multi.to_dict(flat=False).items()}

    if request.method == "GET":
        return mixed(request.args)
    if request.form:
        values = list(request.form.values())
        if len(request.form) == 1 and values[0] in {"1", ""}:
            data = json.loads(next(iter(request.form.keys())))
        else:
            data = mixed(request.form)
    elif request.get_data():
        data = json.loads(request.get_data(as_text=True))
    else:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("the request body must be a JSON object")
    return data


# --- what the actions read -------------------------------------------------------------------------

def releases_dir() -> str:
    """The configured folder of release files."""
    return current_app.config["RELEASES_DIR"]


def publisher() -> agents.Agent:
    """The configured publisher."""
    return agents.publisher(current_app.config)


def theme_groups() -> dict[str, dict[str, Any]]:
    """Every theme as a CKAN group, titled in the portal's default language."""
    with force_locale(babel_locale(current_app.config["DEFAULT_LANGUAGE"])):
        return {slug: dicts.group(themes.key(slug), themes.label(slug)) for slug in themes.THEMES}


def packages() -> list[dict[str, Any]]:
    """Every dataset's newest release as a CKAN package dict, by name."""
    groups, items = theme_groups(), []
    for ds in services.list_datasets(get_session()):
        found = releases.versions(releases_dir(), ds.name)
        man = releases.manifest(releases_dir(), ds.name, found[0]) if found else None
        if man is None:
            continue
        first = releases.manifest(releases_dir(), ds.name, found[-1]) or man
        theme = (man["descriptor"].get("portal") or {}).get("theme", "")
        url = public_url("catalog.dataset_page", lang=current_app.config["DEFAULT_LANGUAGE"], name=ds.name)
        items.append(dicts.package(man, first, publisher=publisher(), file_url=file_url, page_url=url,
                                   groups=[groups[theme]] if theme in groups else []))
    return items


def find_package(ident: Any) -> dict[str, Any]:
    """The package whose name or id is IDENT, or CKAN's 404."""
    if not isinstance(ident, str) or not ident:
        raise invalid("id", "Missing value")
    found = next((p for p in packages() if ident in (p["name"], p["id"])), None)
    if found is None:
        raise not_found(f"package {ident}")
    return found


# --- parameter helpers -----------------------------------------------------------------------------

def integer(data: dict[str, Any], name: str, default: int, top: int, low: int = 0) -> int:
    """A whole-number parameter between LOW and TOP."""
    raw = data.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise invalid(name, "Invalid integer") from None
    if not low <= value <= top:
        raise invalid(name, f"Must be a whole number from {low} to {top}")
    return value


def boolean(data: dict[str, Any], name: str, default: bool = False) -> bool:
    """A true/false parameter."""
    raw = data.get(name, default)
    if isinstance(raw, bool):
        return raw
    if str(raw).lower() in {"true", "1", "yes", "on"}:
        return True
    if str(raw).lower() in {"false", "0", "no", "off", ""}:
        return False
    raise invalid(name, "Invalid boolean")


def page(items: list, data: dict[str, Any], default_limit: int = 1000) -> list:
    """ITEMS cut by the `offset` and `limit` parameters."""
    offset = integer(data, "offset", 0, 10**6)
    limit = integer(data, "limit", default_limit, 1000)
    return items[offset:offset + limit]


# --- the route -------------------------------------------------------------------------------------

ACTIONS: dict[str, tuple[Callable[[dict[str, Any]], Any], set[str]]] = {}


def action(name: str, params: set[str]):
    """Register an action function with the parameters it understands."""
    def register(func):
        ACTIONS[name] = (func, params)
        return func
    return register


@bp.route("/<name>", methods=["GET", "POST"])
def dispatch(name: str):
    """Run an action with its parameters; refuse unknown actions and parameters."""
    if name not in ACTIONS:
        return _bad_request(f"Action name not known: {name}")
    func, params = ACTIONS[name]
    try:
        data = request_data()
    except ValueError as exc:
        return _bad_request(f"JSON Error: {exc}")
    try:
        _refuse_unknown(name, sorted(set(data) - params), params)
        return _envelope(name, {"success": True, "result": func(data)}, 200)
    except QueryError as exc:
        error = query_error(str(exc))
        return _envelope(name, {"success": False, "error": error.error}, error.status)
    except ActionError as exc:
        return _envelope(name, {"success": False, "error": exc.error}, exc.status)


def _refuse_unknown(name: str, unknown: list[str], params: set[str]) -> None:
    """Answer 400 for a parameter the action does not support (a search error for package_search)."""
    if not unknown:
        return
    message = (f"parameter {unknown[0]!r} is not supported by {name}; "
               f"supported: {', '.join(sorted(params)) or 'none'}")
    if name == "package_search":
        raise query_error(message)
    raise ActionError(400, {"__type": "Validation Error", unknown[0]: [message]})


def _bad_request(message: str):
    """CKAN's 400 for a request it cannot read: a JSON string, as CKAN sends it."""
    response = jsonify(f"Bad request - {message}")
    response.status_code = 400
    return response


@action("help_show", {"name"})
def help_show(data: dict[str, Any]) -> str:
    """What an action does and which parameters it takes (CKAN's `help` link)."""
    name = data.get("name", "")
    if name not in ACTIONS:
        raise not_found(f"action {name}")
    func, params = ACTIONS[name]
    return f"{func.__doc__} Parameters: {', '.join(sorted(params)) or 'none'}."


from portal.catalog import ckan_actions  # noqa: E402,F401  (registers the actions)
