"""Releases as CKAN 2.10 dicts: package, resource, organization, group (theme), tag and activity.

Ids are UUIDs derived from names (uuid5), so they are stable across builds and machines; every
time is UTC written as CKAN writes it (ISO 8601 without offset). The organisation is the configured
publisher; groups are the portal's themes.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from portal.catalog import citation
from portal.catalog.agents import Agent

#: The namespace of every id this API hands out (uuid5 of names within it).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "ckan.setagaya-plan-progress-portal")
#: CKAN format and resource type of each kind of release file.
FORMATS = {"csv": ("CSV", "data"), "excel": ("CSV (UTF-8 with BOM, for Excel)", "data"),
           "json": ("JSON", "data"), "xlsx": ("XLSX", "data"),
           "datapackage": ("Data Package JSON", "metadata"),
           "zip": ("ZIP", "archive"), "workbook": ("XLSX", "archive"), "sums": ("SHA256SUMS", "checksums"),
           "sources": ("CSV", "documentation"), "original": ("XLSX", "source"),
           "original-csv": ("CSV", "source")}
#: Licences the Open Definition lists as conformant (CKAN's `isopen`).
OPEN_LICENCES = {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "ODC-BY-1.0", "ODbL-1.0", "PDDL-1.0"}


def stable_id(kind: str, name: str) -> str:
    """A UUID for KIND:NAME that never changes."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def utc(stamp: str) -> str:
    """An ISO 8601 time with any offset as CKAN writes times: UTC, no offset."""
    when = datetime.fromisoformat(stamp)
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.replace(tzinfo=None).isoformat()


def organization(publisher: Agent, package_count: int | None = None) -> dict[str, Any]:
    """The publisher as a CKAN organisation."""
    name = re.sub(r"[^a-z0-9]+", "-", publisher.name_en.lower()).strip("-") or "publisher"
    org = {"id": stable_id("organization", publisher.iri), "name": name, "title": publisher.name_ja,
           "display_name": publisher.name_ja, "description": publisher.name_en, "type": "organization",
           "is_organization": True, "state": "active", "approval_status": "approved",
           "image_url": "", "image_display_url": "", "created": "2026-11-26T00:00:00"}
    if package_count is not None:
        org["package_count"] = package_count
    return org


def group(key: str, title: str, package_count: int | None = None) -> dict[str, Any]:
    """A portal theme as a CKAN group."""
    item = {"id": stable_id("group", key), "name": key, "title": title, "display_name": title,
            "description": "", "type": "group", "is_organization": False, "state": "active",
            "approval_status": "approved", "image_url": "", "image_display_url": ""}
    if package_count is not None:
        item["package_count"] = package_count
    return item


def tag(name: str) -> dict[str, Any]:
    """A keyword as a CKAN tag."""
    return {"id": stable_id("tag", name), "name": name, "display_name": name, "state": "active",
            "vocabulary_id": None}


def _titles(man: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    """File name -> (resource name, Japanese title, English title) of every resource file."""
    return {filename: (res["name"], res.get("title_ja", ""), res.get("title", ""))
            for res in man["resources"] for filename in res["files"].values()}


def resources(man: dict[str, Any], file_url: Any) -> list[dict[str, Any]]:
    """Every file of a release as a CKAN resource, with its own format, media type, size and sha256."""
    titles, items = _titles(man), []
    for position, (filename, entry) in enumerate(man["files"].items()):
        fmt, kind = FORMATS[entry["kind"]]
        _res, ja, en = titles.get(filename, ("", "", ""))
        stamp = utc(man["published_at"])
        items.append({
            "id": stable_id("resource", f"{man['name']}/{filename}"),
            "package_id": stable_id("package", man["name"]),
            "name": filename, "description": " / ".join(t for t in (ja, en) if t) or filename,
            "format": fmt, "mimetype": entry["mediatype"].split(";")[0], "mimetype_inner": None,
            "url": file_url(man["name"], man["version"], filename), "url_type": None, "size": entry["bytes"],
            "hash": f"sha256:{entry['sha256']}", "created": stamp, "last_modified": stamp,
            "metadata_modified": stamp, "position": position, "resource_type": kind, "state": "active",
            "datastore_active": False, "cache_url": None, "cache_last_updated": None})
    return items


def package(man: dict[str, Any], first: dict[str, Any], *, publisher: Agent, groups: list[dict[str, Any]],
            file_url: Any, page_url: str) -> dict[str, Any]:
    """Return the newest release MAN (FIRST: the oldest release) as a CKAN 2.10 package dict."""
    desc = man["descriptor"]
    lic = citation.licence(desc)
    org = organization(publisher)
    res = resources(man, file_url)
    keywords = desc.get("keywords", [])
    portal = desc.get("portal") or {}
    return {
        "id": stable_id("package", man["name"]), "name": man["name"], "type": "dataset", "state": "active",
        "private": False, "title": desc.get("title_ja") or desc.get("title", ""),
        "notes": desc.get("description_ja", ""), "version": man["version"], "url": page_url,
        "license_id": lic["name"], "license_title": lic["title"], "license_url": lic.get("path", ""),
        "isopen": lic["name"] in OPEN_LICENCES, "author": publisher.name_ja, "author_email": None,
        "maintainer": publisher.name_ja, "maintainer_email": publisher.email or None,
        "creator_user_id": None, "owner_org": org["id"], "organization": org,
        "metadata_created": utc(first["published_at"]), "metadata_modified": utc(man["published_at"]),
        "groups": groups, "tags": [tag(k) for k in keywords], "num_tags": len(keywords),
        "resources": res, "num_resources": len(res),
        "relationships_as_object": [], "relationships_as_subject": [],
        "extras": [{"key": "title_en", "value": desc.get("title", "")},
                   {"key": "notes_en", "value": desc.get("description", "")},
                   {"key": "attribution_ja", "value": citation.attribution_ja(desc)},
                   {"key": "plan_id", "value": portal.get("plan_id", "")},
                   {"key": "theme", "value": portal.get("theme", "")},
                   {"key": "spatial_code", "value": "131121"}],
    }


def activity(man: dict[str, Any], previous: str | None, publisher: Agent) -> dict[str, Any]:
    """A release as a CKAN activity: `new package` for the first version, `changed package` after."""
    return {"id": stable_id("activity", f"{man['name']}@{man['version']}"),
            "timestamp": utc(man["published_at"]), "user_id": stable_id("organization", publisher.iri),
            "object_id": stable_id("package", man["name"]),
            "activity_type": "changed package" if previous else "new package",
            "data": {"package": {"id": stable_id("package", man["name"]), "name": man["name"],
                                 "title": man["descriptor"].get("title_ja", ""), "version": man["version"],
                                 "previous_version": previous, "changes": man.get("changes")}}}
