"""The metadata of a release as one plain dict, shared by the HTML page, its .json twin and the API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from portal.catalog import citation, releases

#: (name, version, file name) -> absolute URL of a download.
FileUrl = Callable[[str, str, str], str]
#: Download formats of a resource, in the order they are offered (older releases lack xlsx).
RESOURCE_FORMATS = ("csv", "excel", "json", "xlsx")


def _download(man: dict[str, Any], filename: str, fmt: str, file_url: FileUrl) -> dict[str, Any]:
    """One download link: format, URL, size, sha256 and media type."""
    entry = man["files"][filename]
    return {"format": fmt, "filename": filename,
            "url": file_url(man["name"], man["version"], filename), "bytes": entry["bytes"],
            "sha256": entry["sha256"], "mediatype": entry["mediatype"]}


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's fields as shown: name, type, unit, title, description."""
    return [{"name": f.get("name", ""), "type": f.get("type", "any"), "unit": f.get("unit", ""),
             "title": f.get("title", ""), "description": f.get("description", "")}
            for f in schema.get("fields", [])]


def _resource(man: dict[str, Any], res: dict[str, Any], file_url: FileUrl) -> dict[str, Any]:
    """A resource with its schema table, row count and three downloads."""
    schema = res.get("schema", {})
    return {"name": res["name"], "title": {"ja": res.get("title_ja", ""), "en": res.get("title", "")},
            "description": res.get("description", ""), "row_count": res["row_count"],
            "fields": _fields(schema), "primary_key": schema.get("primaryKey", []),
            "downloads": [_download(man, res["files"][fmt], fmt, file_url) for fmt in RESOURCE_FORMATS
                          if fmt in res["files"]]}


def changelog(base: str | Path, name: str) -> list[dict[str, Any]]:
    """Every release of NAME, newest first, with its date and the row changes it made."""
    entries = []
    for version in releases.versions(base, name):
        man = releases.manifest(base, name, version) or {}
        notes = (man.get("descriptor", {}).get("portal") or {}).get("changelog", [])
        entries.append({"version": version, "published_at": man.get("published_at", ""),
                        "changes": man.get("changes"),
                        "entry": next((n for n in notes if n.get("version") == version), None)})
    return entries


def dataset_metadata(base: str | Path, man: dict[str, Any], *, base_url: str,
                     file_url: FileUrl) -> dict[str, Any]:
    """Return everything the catalogue says about one release."""
    desc, name, version = man["descriptor"], man["name"], man["version"]
    url = citation.release_url(base_url, name, version)
    portal = desc.get("portal") or {}
    return {
        "name": name, "version": version, "latest_version": releases.latest_version(base, name),
        "versions": releases.versions(base, name), "url": url,
        "title": {"ja": desc.get("title_ja", ""), "en": desc.get("title", "")},
        "description": {"ja": desc.get("description_ja", ""), "en": desc.get("description", "")},
        "kind": portal.get("kind", ""), "plan_id": portal.get("plan_id"), "theme": portal.get("theme"),
        "translation_note": portal.get("translation_note", ""),
        "licence": citation.licence(desc),
        "attribution": {"ja": citation.attribution_ja(desc), "en": citation.attribution_en(desc)},
        "created": desc.get("created", ""), "published_at": man["published_at"],
        "keywords": desc.get("keywords", []), "sources": desc.get("sources", []),
        "contributors": desc.get("contributors", []), "validation": man["validation"],
        "changelog": changelog(base, name),
        "citation": {"text": citation.cite_text(desc, version, url, man["published_at"]),
                     "bibtex": citation.cite_bibtex(desc, version, url, man["published_at"])},
        "resources": [_resource(man, r, file_url) for r in man["resources"]],
        "downloads": [_download(man, filename, fmt, file_url) for filename, fmt in (
            ("datapackage.json", "datapackage"), (f"{name}-{version}.zip", "zip"),
            (f"{name}-{version}.xlsx", "workbook"), ("sources.csv", "sources"), ("SHA256SUMS", "sums"))
            if filename in man["files"]],
    }
