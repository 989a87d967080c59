"""Catalogue endpoints: datasets, their releases' metadata and the rows of any resource."""

from __future__ import annotations

import json

from flask import Response, current_app, jsonify, request

from portal.api import bad_parameter, bp
from portal.catalog import browse, facets, metadata, releases, rows, services
from portal.catalog.links import file_url
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _
from portal.urls import public_url


def _base() -> str:
    """Return the configured releases folder."""
    return current_app.config["RELEASES_DIR"]


def _version(name: str, version: str) -> str:
    """Resolve `latest`; answer 404 for a dataset or version that was never released."""
    resolved = releases.latest_version(_base(), name) if version == "latest" else version
    if not resolved or releases.manifest(_base(), name, resolved) is None:
        fail(404, _("There is no dataset %(name)s in version %(version)s.", name=name, version=version))
    return resolved  # type: ignore[return-value]


@bp.get("/datasets")
def datasets():
    """List every dataset's newest release with its facet values."""
    items = [facets.entry(ds) for ds in services.list_datasets(get_session())]
    for item in items:
        item["url"] = public_url("api.dataset_version", name=item["name"], version=item["version"])
    return jsonify({"count": len(items), "datasets": items})


@bp.get("/datasets/<name>")
def dataset(name: str):
    """Return the metadata of a dataset's newest release."""
    return dataset_version(name, "latest")


@bp.get("/datasets/<name>/<version>")
def dataset_version(name: str, version: str):
    """Return the metadata of one release: licence, citation, resources, schemas, downloads."""
    man = releases.manifest(_base(), name, _version(name, version))
    meta = metadata.dataset_metadata(_base(), man, base_url=current_app.config["PUBLIC_BASE_URL"],
                                     file_url=file_url)
    for res in meta["resources"]:
        res["rows_url"] = public_url("api.resource_rows", name=name, version=meta["version"],
                                     resource=res["name"])
    return jsonify(meta)


@bp.get("/datasets/<name>/<version>/resources/<resource>/rows")
def resource_rows(name: str, version: str, resource: str):
    """Rows of a resource (or of `observations-labelled`): `column=value` and `column__op=value`
    filters, `_sort`, `_fields`, `_facet`, `_size`, `_cursor` — the table browser's JSON twin."""
    resolved = _version(name, version)
    source = browse.open_source(_base(), name, resolved, resource)
    if source is None:
        fail(404, _("There is no resource %(resource)s in this dataset.", resource=resource))
    try:
        view = browse.view(source, list(request.args.items(multi=True)))
    except rows.QueryError as exc:
        return bad_parameter(exc.param, exc.code, exc.value, max=rows.MAX_LIMIT)
    return _rows_response(name, resolved, resource, source.table, view)


def _rows_response(name: str, version: str, resource: str, table: rows.Table, view: browse.View) -> Response:
    """Assemble the rows answer around the pre-serialized rows; a Link header points to the next page."""
    query, positions, total, following = view.query, view.positions, view.total, view.following
    next_url = None
    if following is not None:
        args = [(k, v) for k, v in request.args.items(multi=True) if k != "_cursor"]
        args.append(("_cursor", rows.encode_cursor(following)))
        next_url = public_url("api.resource_rows", name=name, version=version,
                              resource=resource) + "?" + "&".join(
            f"{k}={_quote(v)}" for k, v in args)
    head = {"dataset": name, "version": version, "resource": resource, "total": total,
            "count": len(positions), "fields": query.fields or table.names, "next": next_url}
    if view.facets:
        head["facets"] = {column: [{"value": v, "count": c} for v, c in values]
                          for column, values in view.facets.items()}
    body = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    body += ',"rows":' + rows.rows_json(table, positions, query.fields) + "}"
    response = Response(body, mimetype="application/json")
    if next_url:
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return response


def _quote(value: str) -> str:
    """Percent-encode a query value."""
    from urllib.parse import quote

    return quote(value, safe="")
