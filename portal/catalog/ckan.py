"""Read-only CKAN action API (/api/3/action/…) so CKAN harvesters can collect the catalogue.

Answers use CKAN's envelope {"help", "success", "result"}; errors carry {"__type", "message"}
as CKAN 2.x does. Only package_list, package_show and package_search exist.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for

from portal.catalog import citation, facets, releases, services
from portal.catalog.links import file_url
from portal.db import get_session

bp = Blueprint("ckan", __name__, url_prefix="/api/3/action")

FORMAT_NAMES = {"csv": "CSV", "excel": "CSV", "json": "JSON", "datapackage": "JSON", "zip": "ZIP"}


def _envelope(action: str, result: Any, status: int = 200):
    """Wrap RESULT the way CKAN does."""
    body = {"help": url_for(".help_show", name=action, _external=True), "success": status == 200}
    body["result" if status == 200 else "error"] = result
    response = jsonify(body)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response, status


def _error(action: str, status: int, kind: str, message: str):
    """A CKAN error: 404 Not Found Error or 409 Validation Error."""
    return _envelope(action, {"__type": kind, "message": message}, status)


def _resources(man: dict[str, Any]) -> list[dict[str, Any]]:
    """The release's files as CKAN resources (one per file, with size and sha256)."""
    items = []
    for res in man["resources"]:
        for fmt, filename in res["files"].items():
            entry = man["files"][filename]
            items.append({
                "id": f"{man['name']}/{man['version']}/{filename}", "name": filename,
                "description": f"{res.get('title_ja', '')} / {res.get('title', '')} ({fmt})",
                "format": FORMAT_NAMES[fmt], "mimetype": entry["mediatype"],
                "url": file_url(man["name"], man["version"], filename), "size": entry["bytes"],
                "hash": f"sha256:{entry['sha256']}", "last_modified": man["published_at"],
                "package_id": man["name"], "state": "active"})
    return items


def package_dict(man: dict[str, Any]) -> dict[str, Any]:
    """Return a release as a CKAN package dict."""
    desc = man["descriptor"]
    lic = citation.licence(desc)
    portal = desc.get("portal") or {}
    resources = _resources(man)
    return {
        "id": man["name"], "name": man["name"], "type": "dataset", "state": "active", "private": False,
        "title": desc.get("title_ja") or desc.get("title", ""), "notes": desc.get("description_ja", ""),
        "version": man["version"], "license_id": lic["name"], "license_title": lic["title"],
        "license_url": lic.get("path", ""), "author": citation.AUTHOR, "maintainer": citation.AUTHOR,
        "organization": {"name": "setagaya", "title": citation.PUBLISHER_JA, "type": "organization"},
        "metadata_created": desc.get("created", ""), "metadata_modified": man["published_at"],
        "url": url_for("catalog.dataset_page", lang=current_app.config["DEFAULT_LANGUAGE"],
                       name=man["name"], _external=True),
        "tags": [{"name": k} for k in desc.get("keywords", [])],
        "extras": [{"key": "title_en", "value": desc.get("title", "")},
                   {"key": "notes_en", "value": desc.get("description", "")},
                   {"key": "attribution_ja", "value": citation.attribution_ja(desc)},
                   {"key": "plan_id", "value": portal.get("plan_id", "")},
                   {"key": "theme", "value": portal.get("theme", "")}],
        "resources": resources, "num_resources": len(resources), "num_tags": len(desc.get("keywords", [])),
    }


def _latest_manifest(name: str) -> dict[str, Any] | None:
    """Return the newest release's manifest of NAME, or None."""
    base = current_app.config["RELEASES_DIR"]
    version = releases.latest_version(base, name)
    return releases.manifest(base, name, version) if version else None


@bp.get("/package_list")
def package_list():
    """Names of every dataset."""
    return _envelope("package_list", [d.name for d in services.list_datasets(get_session())])


@bp.get("/package_show")
def package_show():
    """One dataset's newest release (?id=<name>)."""
    name = request.args.get("id", "")
    if not name:
        return _error("package_show", 409, "Validation Error", "Missing value: id")
    man = _latest_manifest(name)
    if man is None:
        return _error("package_show", 404, "Not Found Error", "Not found")
    return _envelope("package_show", package_dict(man))


def _int_arg(name: str, default: int, top: int) -> int | None:
    """Parse a non-negative integer argument no larger than TOP; None when malformed."""
    raw = request.args.get(name, str(default))
    return int(raw) if raw.isdigit() and int(raw) <= top else None


@bp.get("/package_search")
def package_search():
    """Datasets matching ?q= (words in titles, descriptions, keywords), paged with rows/start."""
    rows, start = _int_arg("rows", 10, 1000), _int_arg("start", 0, 100000)
    if rows is None or start is None:
        return _error("package_search", 409, "Validation Error",
                      "rows must be 0-1000 and start a non-negative integer")
    q = request.args.get("q", "").strip()
    q = "" if q in {"*:*", "*"} else q
    entries = [facets.entry(ds) for ds in services.list_datasets(get_session())]
    found = facets.search(entries, {}, q[:200])
    results = [package_dict(m) for e in found[start:start + rows] if (m := _latest_manifest(e["name"]))]
    return _envelope("package_search", {"count": len(found), "results": results, "sort": "name asc",
                                        "facets": {}, "search_facets": {}})


@bp.get("/help_show")
def help_show():
    """Say what an action does (CKAN's `help` link)."""
    name = request.args.get("name", "")
    docs = {"package_list": package_list.__doc__, "package_show": package_show.__doc__,
            "package_search": package_search.__doc__}
    if name not in docs:
        return _error("help_show", 404, "Not Found Error", "Action not found")
    return _envelope("help_show", docs[name])
