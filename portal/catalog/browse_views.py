"""The table browser's pages and view downloads (the rows API in portal/api/catalog.py is the JSON twin).

A page is a pure function of the release (immutable), the language and the query string, so the
rendered HTML goes into the app's page cache (portal/cache.py) and is served again without
re-rendering to requests without cookies.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, current_app, g, redirect, render_template, request, url_for

from portal.cache import cached_page
from portal.catalog import browse, releases, rows
from portal.catalog.links import public_url, with_json_twin
from portal.catalog.views import bp
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _

#: Filter operators offered by the form, in order (equality first).
FORM_OPERATORS = ("exact", "contains", "gte", "lte", "gt", "lt", "not")


def _source(name: str, version: str, resource: str) -> browse.Source:
    """The table, or a 404 in the user's language."""
    source = browse.open_source(current_app.config["RELEASES_DIR"], name, version, resource)
    if source is None:
        fail(404, _("There is no table %(resource)s in %(name)s %(version)s.", resource=resource, name=name,
                    version=version))
    return source  # type: ignore[return-value]


def _from_form(args: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """Turn the form's _filter_column/_filter_op/_filter_value into `column__op=value`; None: no form."""
    form = dict(args)
    if "_filter_column" not in form:
        return None
    kept = [(k, v) for k, v in args if not k.startswith("_filter_") and k != "_cursor" and v != ""]
    column, op = form.get("_filter_column", ""), form.get("_filter_op", "exact")
    value = form.get("_filter_value")
    if column and value is not None and value != "":
        kept.append((column if op == "exact" else f"{column}__{op}", value))
    return kept


def _link(args: list[tuple[str, str]], drop=(), add=(), drop_pair=None) -> str:
    """This page's URL with ARGS minus DROP (and one DROP_PAIR), plus ADD."""
    kept = [(k, v) for k, v in args if k not in drop and (k, v) != drop_pair] + list(add)
    return request.path + ("?" + urlencode(kept) if kept else "")


def _latest(name: str, endpoint: str, **values: str) -> Response:
    """Redirect `latest` to the newest version."""
    newest = releases.latest_version(current_app.config["RELEASES_DIR"], name)
    if newest is None:
        fail(404, _("There is no dataset called %(name)s.", name=name))
    response = redirect(url_for(endpoint, name=name, version=newest, **values) +
                        (f"?{request.query_string.decode()}" if request.query_string else ""))
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<lang>/datasets/<name>/<version>/tables/<resource>/")
def table_page(name: str, version: str, resource: str):
    """Browse a table: filters per column, sort, facets, keyset pages, downloads of the view."""
    if version == "latest":
        return _latest(name, "catalog.table_page", resource=resource)
    args = list(request.args.items(multi=True))
    canonical = _from_form(args)
    if canonical is not None:
        return redirect(request.path + ("?" + urlencode(canonical) if canonical else ""), code=303)
    page = cached_page(get_session(), ("table", g.lang, request.full_path), not request.cookies,
                       lambda: _render(_source(name, version, resource), args))
    twin = public_url("api.resource_rows", name=name, version=version, resource=resource)
    return with_json_twin(page, twin + ("?" + urlencode(args) if args else ""))


def _render(source: browse.Source, args: list[tuple[str, str]]) -> str:
    """Render one view of SOURCE, or a page explaining which parameter was wrong (400)."""
    try:
        view = browse.view(source, args)
    except rows.QueryError as exc:
        fail(400, _("This table cannot be shown with the parameter %(param)s (%(value)s).",
                    param=exc.param, value=exc.value[:100]))
    names = view.query.fields or source.table.names
    following = None
    if view.following is not None:
        following = _link(args, {"_cursor"}, [("_cursor", rows.encode_cursor(view.following))])
    downloads = {fmt: url_for("catalog.table_download", name=source.name, version=source.version,
                              resource=source.resource, fmt=fmt) + (f"?{urlencode(args)}" if args else "")
                 for fmt in browse.EXPORTS}
    return render_template(
        "catalog/table.html", source=source, view=view, names=names, args=args, link=_link,
        filters=[(k, v) for k, v in args if not k.startswith("_")],
        fields={f["name"]: f for f in source.fields}, following=following, downloads=downloads,
        operators=FORM_OPERATORS, rows_api=url_for("api.resource_rows", name=source.name,
                                                   version=source.version, resource=source.resource))


@bp.get("/datasets/<name>/<version>/tables/<resource>.<fmt>")
def table_download(name: str, version: str, resource: str, fmt: str):
    """Download every row of a view (its filters, sort and columns) as CSV, JSON or xlsx."""
    if version == "latest":
        return _latest(name, "catalog.table_download", resource=resource, fmt=fmt)
    if fmt not in browse.EXPORTS:
        fail(404, _("There is no such file in this dataset release."))
    source = _source(name, version, resource)
    try:
        body = browse.export(source, list(request.args.items(multi=True)), fmt)
    except rows.QueryError as exc:
        fail(400, _("This table cannot be shown with the parameter %(param)s (%(value)s).",
                    param=exc.param, value=exc.value[:100]))
    response = current_app.response_class(body, mimetype=browse.EXPORTS[fmt])
    response.headers["Content-Disposition"] = f"attachment; filename={name}_{version}_{resource}.{fmt}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
