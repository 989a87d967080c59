"""The CKAN actions this catalogue answers (registered on portal.catalog.ckan's dispatcher)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from portal.catalog import ckan_dicts as dicts
from portal.catalog import releases
from portal.catalog.ckan import (
    action,
    boolean,
    find_package,
    integer,
    invalid,
    not_found,
    packages,
    page,
    publisher,
    query_error,
    releases_dir,
    theme_groups,
)
from portal.catalog.ckan_search import DEFAULT_SORT, document, facet_fields, facets, search

SEARCH_PARAMS = {"q", "fq", "fq_list", "sort", "rows", "start", "facet", "facet.field", "facet.limit",
                 "facet.mincount", "include_private", "include_drafts", "include_deleted"}


@action("package_list", {"limit", "offset"})
def package_list(data: dict[str, Any]) -> list[str]:
    """Names of every dataset, by name."""
    return page([p["name"] for p in packages()], data)


@action("package_show", {"id"})
def package_show(data: dict[str, Any]) -> dict[str, Any]:
    """One dataset's newest release (id: its name or UUID)."""
    return find_package(data.get("id"))


def _filters(data: dict[str, Any]) -> list[str]:
    """`fq` and `fq_list` as a list of filter queries."""
    fq = data.get("fq", "")
    fq_list = data.get("fq_list", [])
    if not isinstance(fq, str) or not isinstance(fq_list, list | str):
        raise query_error("fq must be text and fq_list a list of texts")
    return [f for f in [fq, *([fq_list] if isinstance(fq_list, str) else fq_list)] if str(f).strip()]


@action("package_search", SEARCH_PARAMS)
def package_search(data: dict[str, Any]) -> dict[str, Any]:
    """Datasets matching q and fq (Solr field:value subset), sorted, paged and faceted."""
    rows, start = integer(data, "rows", 10, 1000), integer(data, "start", 0, 10**6)
    for flag in ("include_private", "include_drafts", "include_deleted"):
        boolean(data, flag)  # every dataset is public, published and active: both values give the same
    q = str(data.get("q", "") or "")
    sort = str(data.get("sort") or DEFAULT_SORT)
    found = search(packages(), q=q, fq=_filters(data), sort=sort)
    fields = facet_fields(data.get("facet.field", "[]")) if boolean(data, "facet", True) else []
    limit = integer(data, "facet.limit", 50, 10**6, low=-1)
    mincount = integer(data, "facet.mincount", 1, 10**6)
    titles = {"groups": {g["name"]: g["title"] for g in theme_groups().values()},
              "organization": {(o := dicts.organization(publisher()))["name"]: o["title"]}}
    plain, rich = facets([document(p) for p in found], fields, limit, mincount, titles)
    return {"count": len(found), "sort": sort, "facets": plain, "search_facets": rich,
            "results": found[start:start + rows]}


@action("current_package_list_with_resources", {"limit", "offset"})
def current_package_list_with_resources(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every dataset with its resources, most recently modified first."""
    items = sorted(packages(), key=lambda p: (p["metadata_modified"], p["name"]), reverse=True)
    return page(items, data, default_limit=1000)


@action("resource_show", {"id"})
def resource_show(data: dict[str, Any]) -> dict[str, Any]:
    """One file of a dataset's newest release, by its UUID."""
    ident = data.get("id")
    if not isinstance(ident, str) or not ident:
        raise invalid("id", "Missing value")
    for pkg in packages():
        for res in pkg["resources"]:
            if res["id"] == ident:
                return res
    raise not_found(f"resource {ident}")


def _counts(key) -> dict[str, int]:
    """Datasets per value of KEY(package)."""
    counts: dict[str, int] = {}
    for pkg in packages():
        for value in key(pkg):
            counts[value] = counts.get(value, 0) + 1
    return counts


@action("organization_list", {"all_fields", "limit", "offset", "include_dataset_count"})
def organization_list(data: dict[str, Any]) -> list[Any]:
    """The publishing organisation (names, or dicts with all_fields)."""
    count = len(packages()) if boolean(data, "include_dataset_count", True) else None
    org = dicts.organization(publisher(), count)
    return page([org] if boolean(data, "all_fields") else [org["name"]], data)


@action("organization_show", {"id", "include_datasets"})
def organization_show(data: dict[str, Any]) -> dict[str, Any]:
    """The publishing organisation (by name or id), optionally with its datasets."""
    items = packages()
    org = dicts.organization(publisher(), len(items))
    if data.get("id") not in (org["name"], org["id"]):
        raise not_found(f"organization {data.get('id')}")
    if boolean(data, "include_datasets"):
        org["packages"] = items
    return org


@action("group_list", {"all_fields", "limit", "offset", "include_dataset_count"})
def group_list(data: dict[str, Any]) -> list[Any]:
    """The portal's themes as groups (names, or dicts with all_fields), by name."""
    counts = _counts(lambda p: [g["name"] for g in p["groups"]])
    groups = sorted(theme_groups().values(), key=lambda g: g["name"])
    if not boolean(data, "all_fields"):
        return page([g["name"] for g in groups], data)
    with_count = boolean(data, "include_dataset_count", True)
    return page([{**g, **({"package_count": counts.get(g["name"], 0)} if with_count else {})}
                 for g in groups], data)


@action("group_show", {"id", "include_datasets"})
def group_show(data: dict[str, Any]) -> dict[str, Any]:
    """One theme as a group (by name or id), optionally with its datasets."""
    group = next((g for g in theme_groups().values() if data.get("id") in (g["name"], g["id"])), None)
    if group is None:
        raise not_found(f"group {data.get('id')}")
    members = [p for p in packages() if group["name"] in [g["name"] for g in p["groups"]]]
    group = {**group, "package_count": len(members)}
    if boolean(data, "include_datasets"):
        group["packages"] = members
    return group


@action("tag_list", {"query", "all_fields"})
def tag_list(data: dict[str, Any]) -> list[Any]:
    """Every keyword in use (containing `query`, case-insensitive), by name."""
    query = str(data.get("query", "")).casefold()
    names = sorted(n for n in _counts(lambda p: [t["name"] for t in p["tags"]]) if query in n.casefold())
    return [dicts.tag(n) for n in names] if boolean(data, "all_fields") else names


@action("status_show", set())
def status_show(data: dict[str, Any]) -> dict[str, Any]:
    """Who runs this catalogue and which CKAN API level it answers."""
    config = current_app.config
    return {"site_title": "世田谷区 計画進捗オープンデータ",
            "site_description": "Setagaya plan-progress open data",
            "site_url": config["PUBLIC_BASE_URL"], "ckan_version": "2.10.0", "api_version": 3,
            "locale_default": config["DEFAULT_LANGUAGE"], "extensions": [],
            "note": "Read-only CKAN-compatible actions of the Setagaya plan-progress portal (not CKAN)."}


@action("package_activity_list", {"id", "offset", "limit"})
def package_activity_list(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every release of a dataset as an activity, newest first."""
    pkg = find_package(data.get("id"))
    found = releases.versions(releases_dir(), pkg["name"])
    items = []
    for index, version in enumerate(found):
        man = releases.manifest(releases_dir(), pkg["name"], version)
        if man is not None:
            items.append(dicts.activity(man, found[index + 1] if index + 1 < len(found) else None,
                                        publisher()))
    return page(items, data, default_limit=31)

