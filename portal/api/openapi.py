"""GET /api/v1/openapi.json: an OpenAPI 3.1 description of every /api/v1 endpoint."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify

from portal.api import bp
from portal.catalog.links import public_url
from portal.catalog.rows import MAX_LIMIT
from portal.plan.labels import SERIES_LABELS
from portal.plan.services import OBSERVATION_SORTS

NULLABLE_STRING = {"type": ["string", "null"]}
ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["status", "message"],
    "properties": {"status": {"type": "integer"}, "message": {"type": "string"},
                   "parameter": {"type": "string"}}}}}
OBJECT = {"type": "object"}
DOWNLOAD = {"type": "object", "required": ["format", "url", "bytes", "sha256", "mediatype"], "properties": {
    "format": {"enum": ["csv", "excel", "json", "datapackage", "zip"]}, "url": {"type": "string"},
    "bytes": {"type": "integer", "minimum": 0}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    "mediatype": {"type": "string"}, "filename": {"type": "string"}}}
DATASET = {"type": "object", "required": ["name", "version", "versions", "title", "licence", "resources"],
           "properties": {
               "name": {"type": "string"}, "version": {"type": "string"},
               "versions": {"type": "array", "items": {"type": "string"}},
               "title": {"type": "object", "properties": {"ja": {"type": "string"},
                                                          "en": {"type": "string"}}},
               "licence": OBJECT, "attribution": OBJECT, "citation": OBJECT, "changelog": {"type": "array"},
               "downloads": {"type": "array", "items": DOWNLOAD},
               "resources": {"type": "array", "items": {"type": "object", "required": [
                   "name", "row_count", "fields", "downloads"], "properties": {
                   "name": {"type": "string"}, "row_count": {"type": "integer"},
                   "fields": {"type": "array"}, "downloads": {"type": "array", "items": DOWNLOAD},
                   "rows_url": {"type": "string"}}}}}}
ROWS = {"type": "object", "required": ["dataset", "version", "resource", "total", "count", "fields", "rows",
                                       "next"],
        "properties": {"dataset": {"type": "string"}, "version": {"type": "string"},
                       "resource": {"type": "string"}, "total": {"type": "integer"},
                       "count": {"type": "integer"}, "fields": {"type": "array", "items": {"type": "string"}},
                       "rows": {"type": "array", "items": OBJECT}, "next": NULLABLE_STRING}}
OBSERVATIONS = {"type": "object", "required": ["total", "count", "observations", "next"], "properties": {
    "total": {"type": "integer", "description": "observations matching the filters, on every page"},
    "count": {"type": "integer"}, "sort": {"type": "string"},
    "observations": {"type": "array", "items": OBJECT},
    "next": NULLABLE_STRING, "note": {"type": "string"}, "filters": OBJECT}}
SEARCH = {"type": "object", "required": ["total", "results", "facets"], "properties": {
    "total": {"type": "integer"}, "facets": OBJECT,
    "also_searched": {"type": "array", "items": {"type": "string"},
                      "description": "Plan words and synonyms also searched for (weighted below the query)"},
    "unused_words": {"type": "array", "items": {"type": "string"},
                     "description": "Words of the query that no page uses"},
    "related": {"type": "array", "items": {"type": "string"},
                "description": "When nothing relevant was found: related words the plans use"},
    "results": {"type": "array", "items": {
        "type": "object", "required": ["kind", "id", "title", "url"],
        "properties": {"kind": {"type": "string"}, "id": {"type": "string"}, "title": {"type": "string"},
                       "url": {"type": "string"}, "snippet": {"type": "string"},
                       "score": {"type": "number"}}}}}}


def _param(name: str, where: str = "query", schema: dict | None = None, text: str = "") -> dict[str, Any]:
    """One parameter object; path parameters are required."""
    return {"name": name, "in": where, "required": where == "path", "description": text,
            "schema": schema or {"type": "string"}}


def _get(summary: str, schema: dict, params: list[dict], errors: tuple[int, ...] = (404,)) -> dict:
    """A GET operation answering SCHEMA as JSON, with JSON errors."""
    responses: dict[str, Any] = {"200": {"description": "OK", "content": {"application/json": {
        "schema": schema}}}}
    for code in errors:
        responses[str(code)] = {"description": "Error", "content": {"application/json": {"schema": ERROR}}}
    return {"get": {"summary": summary, "parameters": params, "responses": responses}}


#: `_lang`: the language of messages (errors) in every answer.
LANG = {"enum": ["ja", "en", "zh-hans", "ko"]}


def _text_params(*names_and_texts: tuple[str, str]) -> list[dict[str, Any]]:
    """Query parameters of type string, each with its description."""
    return [_param(name, text=text) for name, text in names_and_texts]


def _observation_params(page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The filters, order and paging of /observations."""
    params = _text_params(("plan", "a plan id, e.g. `mirai-plan-2022`"),
                          ("revision", "a revision id, e.g. `mirai-plan-2022:revised`"),
                          ("node", "a node id: the 施策 or 事業 the indicator belongs to"),
                          ("indicator", "an indicator id"))
    params += [_param("series", schema={"enum": list(SERIES_LABELS)},
                      text="which printed column: original or revised plan, actual, baseline, target"),
               _param("fiscal_year", schema={"type": "integer"},
                      text="Western fiscal year (令和4年度 = 2022)"),
               _param("chiku", text="a 地区 id; no published figure is broken down by 地区"),
               _param("_sort", schema={"enum": [*OBSERVATION_SORTS, *(f"-{c}" for c in OBSERVATION_SORTS)]},
                      text="order: a column, `-column` for descending; empty values last, "
                           "ties by observation_id (default `observation_id`)"),
               *page]
    return params


def _csv(summary: str, params: list[dict]) -> dict:
    """A GET operation answering CSV, with JSON errors."""
    operation = _get(summary, OBJECT, params)
    operation["get"]["responses"]["200"] = {"description": "CSV (UTF-8)",
                                            "content": {"text/csv": {"schema": {"type": "string"}}}}
    return operation


def _paths() -> dict[str, Any]:
    """Every path of the API; every operation also takes `_lang` (the language of its messages)."""
    name = _param("name", "path", text="a dataset name, e.g. `mirai-plan-2022`")
    version = _param("version", "path", text="a version, or `latest`")
    page = [_param("_size", schema={"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                   text=f"rows per page (1–{MAX_LIMIT}, default 100)"),
            _param("_cursor", text="the token in `next` of the previous page")]
    rows_params = [name, version, _param("resource", "path", text="a resource name, e.g. `observations`"),
                   _param("_sort", text="a column, `-column` for descending"),
                   _param("_fields", text="comma-separated columns to return"), *page]
    paths = {
        "/": _get("List the endpoints of this API", OBJECT, [], ()),
        "/datasets": _get("List datasets (newest release of each)", OBJECT, [], ()),
        "/datasets/{name}": _get("Metadata of a dataset's newest release", DATASET, [name]),
        "/datasets/{name}/{version}": _get("Metadata of one release", DATASET, [name, version]),
        "/datasets/{name}/{version}/resources/{resource}/rows": _get(
            "Rows of a resource; any other query parameter `column=value` filters", ROWS, rows_params,
            (400, 404)),
        "/plans": _get("List plans with their revisions", OBJECT, [], ()),
        "/plans/{plan_id}": _get("One plan", OBJECT, [_param("plan_id", "path", text="a plan id")]),
        "/plans/{plan_id}/revisions/{revision_id}/tree": _get(
            "The node tree of a revision with indicators", OBJECT,
            [_param("plan_id", "path", text="a plan id"),
             _param("revision_id", "path", text="a revision id")]),
        "/nodes/{node_id}": _get("One node", OBJECT, [_param("node_id", "path", text="a node id")]),
        "/indicators/{indicator_id}": _get("One indicator with its observations", OBJECT,
                                           [_param("indicator_id", "path", text="an indicator id")]),
        "/plans/{plan_id}/revisions/{revision_id}/decidim.csv": _csv(
            "施策 and 事業 of a revision as Decidim Accountability results (the importer's CSV columns)",
            [_param("plan_id", "path", text="a plan id"),
             _param("revision_id", "path", text="a revision id")]),
        "/observations": _get("Observations, filtered", OBSERVATIONS,
                              _observation_params(page), (400,)),
        "/search": _get("Search datasets, plans and 地区", SEARCH, [
            _param("q", text="words to find (Japanese, English, readings)"),
            _param("lang", schema=LANG, text="which language's index to search (default: ja)"),
            _param("kind", text="only results of this kind (dataset, plan, node, indicator, chiku …)"),
            _param("page", schema={"type": "integer", "minimum": 1, "maximum": 10000}, text="result page")],
            (400, 503)),
        "/openapi.json": _get("This description", OBJECT, [], ()),
    }
    lang = _param("_lang", schema=LANG, text="language of the messages in the answer "
                  "(default: the Accept-Language header, else Japanese)")
    for item in paths.values():
        item["get"]["parameters"].append(lang)
    return paths


def spec(server: str) -> dict[str, Any]:
    """Return the OpenAPI document with SERVER as its base URL."""
    return {"openapi": "3.1.0",
            "info": {"title": "Setagaya plan-progress portal API", "version": "1.0.0",
                     "description": "Open data of Setagaya City's plans. Releases are immutable; "
                                    "CORS is open for GET. English names are unofficial translations.",
                     "license": {"name": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}},
            "servers": [{"url": server}], "paths": _paths()}


@bp.get("/openapi.json")
def openapi():
    """Describe the API in OpenAPI 3.1."""
    return jsonify(spec(public_url("api.index").rstrip("/")))


@bp.get("/")
def index():
    """Say what this API offers: each endpoint with its summary, and where the descriptions are."""
    paths = spec(public_url("api.index").rstrip("/"))["paths"]
    base = public_url("api.index").rstrip("/")
    return jsonify({
        "endpoints": [{"path": path, "url": base + path, "summary": item["get"]["summary"]}
                      for path, item in paths.items()],
        "openapi": public_url("api.openapi"), "documentation": public_url("apidocs.page", lang=g.lang),
        "ckan": public_url("catalog.ckan.dispatch", name="package_list"),
        "dcat": {"turtle": public_url("catalog.catalog_turtle"),
                 "rdfxml": public_url("catalog.catalog_rdfxml"),
                 "jsonld": public_url("catalog.catalog_jsonld")},
        "bulk": public_url("catalog.bulk_zip")})
