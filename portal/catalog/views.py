"""Catalogue pages (each with a .json twin) and the immutable release downloads."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import force_locale

from portal.catalog import agents, bulk, dcat, facets, metadata, rdf, releases, schema_org, services, themes
from portal.catalog.ckan import bp as ckan_bp
from portal.catalog.documents import documents_of
from portal.catalog.links import file_url, public_url, with_json_twin
from portal.catalog.rows import load_table
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _, babel_locale, best_language, content_lang

bp = Blueprint("catalog", __name__)
bp.register_blueprint(ckan_bp)  # /api/3/action/… as CKAN 2 documents it
bp.register_blueprint(ckan_bp, url_prefix="/api/action", name="ckan_unversioned")  # ckanapi's path

#: One year: a release file never changes, so caches may keep it.
IMMUTABLE_MAX_AGE = 365 * 24 * 3600


def _releases_dir() -> str:
    """Return the configured folder of release files."""
    return current_app.config["RELEASES_DIR"]


def _list_context() -> dict:
    """Filter the dataset list by the query's text and facet values."""
    selected = {f: request.args[f] for f in facets.FACETS if request.args.get(f)}
    q = request.args.get("q", "").strip()[:200]
    entries = [facets.entry(ds) for ds in services.list_datasets(get_session())]
    found = facets.search(entries, selected, q)
    return {"datasets": found, "total": len(entries), "facets": facets.counts(found),
            "selected": selected, "q": q, "query_args": {**selected, **({"q": q} if q else {})}}


def _facet_links(ctx: dict) -> dict[str, list[dict]]:
    """Each facet value with its count and the URL that selects it (or removes it when selected)."""
    links: dict[str, list[dict]] = {}
    for facet, values in ctx["facets"].items():
        links[facet] = []
        for value, count in values:
            args = {**ctx["selected"], "q": ctx["q"]} if ctx["q"] else dict(ctx["selected"])
            chosen = ctx["selected"].get(facet) == value
            if chosen:
                args.pop(facet)
            else:
                args[facet] = value
            links[facet].append({"value": value, "count": count, "selected": chosen,
                                 "label": themes.label(value) if facet == "theme" else value,
                                 "url": url_for("catalog.datasets_index", **args)})
    return links


@bp.get("/<lang>/datasets/")
def datasets_index():
    """List every dataset with facets and a filter box."""
    ctx = _list_context()
    page = render_template("catalog/index.html", facet_links=_facet_links(ctx), **ctx)
    return with_json_twin(page, public_url("catalog.datasets_index_json", **ctx["query_args"]))


@bp.get("/<lang>/datasets.json")
def datasets_index_json():
    """The dataset list as JSON (the .json twin of the list page)."""
    ctx = _list_context()
    return jsonify({"total": ctx["total"], "count": len(ctx["datasets"]), "q": ctx["q"],
                    "selected": ctx["selected"], "facets": ctx["facets"],
                    "datasets": [{**d, "url": public_url("catalog.dataset_page", name=d["name"])}
                                 for d in ctx["datasets"]]})


def _metadata(name: str, version: str | None) -> dict:
    """Return a release's metadata, or a 404 in the user's language."""
    version = version or releases.latest_version(_releases_dir(), name)
    man = releases.manifest(_releases_dir(), name, version) if version else None
    if man is None:
        fail(404, _("There is no dataset %(name)s in version %(version)s.", name=name,
                    version=version or "-") if version else
             _("There is no dataset called %(name)s.", name=name))
    return metadata.dataset_metadata(_releases_dir(), man, file_url=file_url,
                                     base_url=current_app.config["PUBLIC_BASE_URL"])


def _render_dataset(meta: dict):
    """Render a dataset page with its schema.org JSON-LD and a preview of each resource."""
    page_url = public_url("catalog.version_page", name=meta["name"], version=meta["version"])
    previews = {r["name"]: services.preview(_releases_dir(), meta["name"], meta["version"], r["name"])
                for r in meta["resources"]}
    page = render_template("catalog/dataset.html", meta=meta, previews=previews,
                           jsonld=_schema_org(meta, page_url))
    twin = public_url("catalog.version_json", name=meta["name"], version=meta["version"])
    return with_json_twin(page, twin)


def _schema_org(meta: dict, page_url: str) -> dict:
    """The page's schema.org Dataset: configured publisher, the ward's documents, plan period, indicators."""
    config, base = current_app.config, _releases_dir()
    man = releases.manifest(base, meta["name"], meta["version"]) or {}
    row = dcat.plan_row(base, man)
    indicators = load_table(base, meta["name"], meta["version"], "indicators")
    fields = [f for res in meta["resources"] for f in res["fields"]]
    return schema_org.dataset(meta, page_url, content_lang(), publisher=agents.publisher(config),
                              ward=agents.ward(config),
                              period=(row.get("start_fy", ""), row.get("end_fy", "")),
                              measured=schema_org.variables(indicators, fields, content_lang()))


@bp.get("/<lang>/datasets/<name>/")
def dataset_page(name: str):
    """Show the newest release of a dataset."""
    return _render_dataset(_metadata(name, None))


@bp.get("/<lang>/datasets/<name>.json")
def dataset_json(name: str):
    """The newest release's metadata as JSON."""
    return jsonify(_metadata(name, None))


@bp.get("/<lang>/datasets/<name>/<version>/")
def version_page(name: str, version: str):
    """Show one release; `latest` redirects to the newest."""
    if version == "latest":
        return _to_latest(name, lambda v: url_for("catalog.version_page", name=name, version=v))
    return _render_dataset(_metadata(name, version))


@bp.get("/<lang>/datasets/<name>/<version>.json")
def version_json(name: str, version: str):
    """One release's metadata as JSON."""
    if version == "latest":
        return _to_latest(name, lambda v: url_for("catalog.version_json", name=name, version=v))
    return jsonify(_metadata(name, version))


def _to_latest(name: str, build_url):
    """Redirect to the newest version's URL; the redirect itself is not cached for long."""
    newest = releases.latest_version(_releases_dir(), name)
    if newest is None:
        fail(404, _("There is no dataset called %(name)s.", name=name))
    response = redirect(build_url(newest), code=302)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/datasets/<name>/<version>/")
def release_home(name: str, version: str):
    """The permanent URL of a release (as cited): send the reader to its page in their language."""
    lang = best_language(request.accept_languages, current_app.config["LANGUAGES"],
                         current_app.config["DEFAULT_LANGUAGE"])
    response = redirect(url_for("catalog.version_page", lang=lang, name=name, version=version))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/datasets/<name>/<version>/<filename>")
def download(name: str, version: str, filename: str):
    """Serve a pre-built release file with ETag, Last-Modified and a one-year cache."""
    if version == "latest":
        return _to_latest(name, lambda v: url_for("catalog.download", name=name, version=v,
                                                  filename=_versioned(name, v, filename)))
    man = releases.manifest(_releases_dir(), name, version)
    info = releases.file_info(man, filename) if man else None
    path = releases.file_path(_releases_dir(), name, version, filename) if info else None
    if info is None or path is None:
        fail(404, _("There is no such file in this dataset release."))
    response = send_file(path, mimetype=info.mediatype.split(";")[0], etag=info.sha256, conditional=True,
                         last_modified=datetime.fromisoformat(man["published_at"]),
                         as_attachment=info.kind in {"csv", "excel", "zip"},
                         download_name=filename if info.kind == "zip" else f"{name}_{version}_{filename}",
                         max_age=IMMUTABLE_MAX_AGE)
    response.headers["Cache-Control"] = f"public, max-age={IMMUTABLE_MAX_AGE}, immutable"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _theme_labels(slug: str) -> dict[str, str]:
    """A theme's name in every UI language (for the DCAT concept's skos:prefLabel)."""
    labels = {}
    for lang in current_app.config["LANGUAGES"]:
        with force_locale(babel_locale(lang)):
            labels[lang] = themes.label(slug)
    return labels


def _dcat_document() -> dict:
    """The DCAT-AP catalogue of every dataset's newest release, on PUBLIC_BASE_URL."""
    config = current_app.config
    ctx = dcat.Context(
        _releases_dir(), base_url=config["PUBLIC_BASE_URL"], publisher=agents.publisher(config),
        ward=agents.ward(config), file_url=file_url, theme_labels=_theme_labels,
        page_url=lambda n, v: public_url("catalog.version_page", lang=config["DEFAULT_LANGUAGE"],
                                         name=n, version=v),
        documents=lambda text_file: documents_of(config["DATASETS_DIR"], [text_file]))
    return dcat.catalog(_releases_dir(), services.list_datasets(get_session()), ctx)


def _catalog_response(mediatype: str):
    """The catalogue in one serialisation, readable from any site."""
    document = _dcat_document()
    if mediatype == "application/ld+json":
        response = jsonify(document)
    else:
        response = current_app.response_class(rdf.serialise(document, mediatype))
    response.mimetype = mediatype
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _versioned(name: str, version: str, filename: str) -> str:
    """The release's own name of a file asked for under latest/ (`<name>.zip` is `<name>-<version>.zip`)."""
    stem, dot, ext = filename.rpartition(".")
    return f"{name}-{version}.{ext}" if dot and stem == name and ext in {"zip", "xlsx"} else filename


@bp.get("/datasets/current.zip")
def bulk_zip():
    """Every dataset's current release in one ZIP (each release's own ZIP, a README, SHA256SUMS)."""
    current = [(d.name, d.version) for d in services.list_datasets(get_session())]
    items = bulk.members(_releases_dir(), current)
    response = current_app.response_class(bulk.archive(items), mimetype="application/zip")
    response.set_etag(bulk.etag(items))
    response.headers["Content-Disposition"] = f"attachment; filename={bulk.FOLDER}.zip"
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response.make_conditional(request)


@bp.get("/catalog")
def catalog_negotiated():
    """The DCAT catalogue in the serialisation the Accept header prefers (JSON-LD, Turtle, RDF/XML)."""
    response = _catalog_response(rdf.negotiate(request.accept_mimetypes))
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/catalog.jsonld")
def catalog_jsonld():
    """The DCAT catalogue (JSON-LD): every dataset, distribution and plan series."""
    return _catalog_response("application/ld+json")


@bp.get("/catalog.ttl")
def catalog_turtle():
    """The DCAT catalogue as Turtle."""
    return _catalog_response("text/turtle")


@bp.get("/catalog.rdf")
def catalog_rdfxml():
    """The DCAT catalogue as RDF/XML."""
    return _catalog_response("application/rdf+xml")


@bp.app_template_filter("filesize")
def filesize(size: int) -> str:
    """Write a byte count for people: 12.3 KB, 1.2 MB (1 KB = 1,024 bytes)."""
    from portal.i18n import format_decimal

    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{format_decimal(round(size / scale, 1))} {unit}"
    return _("%(num)s bytes", num=format_decimal(size))


from portal.catalog import browse_views  # noqa: E402,F401  (the table browser's routes, on this blueprint)
