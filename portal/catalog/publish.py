"""Write a release once: CSV, CSV for Excel, JSON records, datapackage.json, ZIP and a manifest.

The folder is written by portal.packagefiles (a temporary folder renamed into place), so a
release is either complete or absent. An existing release is never rewritten
(releases.immutability_problems refuses changed bytes under an old version before anything is
loaded; the writer refuses to replace a release folder).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from portal import packagefiles
from portal.catalog import bundle, citation, releases, sources, xlsx
from portal.catalog.changes import compare, jsonable
from portal.catalog.packages import PackageData, ResourceData, frictionless_version
from portal.spreadsheet import excel_csv

MEDIATYPES = {"csv": "text/csv; charset=utf-8", "excel": "text/csv; charset=utf-8",
              "json": "application/json", "datapackage": "application/json",
              "zip": "application/zip", "xlsx": xlsx.MEDIATYPE, "workbook": xlsx.MEDIATYPE,
              "sums": "text/plain; charset=utf-8", "original": xlsx.MEDIATYPE,
              "original-csv": "text/csv; charset=utf-8", "sources": "text/csv; charset=utf-8"}
#: The checksum list of a release (the name sha256sum and GNU tools expect).
SUMS = "SHA256SUMS"


def records_json(res: ResourceData) -> bytes:
    """Return the rows of RES as a JSON array of objects (typed values, dates in ISO 8601)."""
    rows = [{k: jsonable(v) for k, v in row.items()} for row in res.rows]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def resource_files(pkg: PackageData, res: ResourceData, now: datetime) -> dict[str, tuple[str, bytes]]:
    """Return {file name: (kind, bytes)} of one resource: CSV as published, Excel twin (formulas
    neutralised, portal.spreadsheet), JSON, xlsx."""
    raw = (pkg.folder / res.path).read_bytes()
    return {f"{res.name}.csv": ("csv", raw),
            f"{res.name}-excel.csv": ("excel", excel_csv(raw)),
            f"{res.name}.json": ("json", records_json(res)),
            f"{res.name}.xlsx": ("xlsx", xlsx.resource_xlsx(res, now))}


def release_descriptor(pkg: PackageData) -> dict[str, Any]:
    """Return the descriptor with each resource's byte size and sha256 (Frictionless `hash`)."""
    desc = json.loads(json.dumps(pkg.descriptor))
    for res_desc, res in zip(desc.get("resources", []), pkg.resources, strict=True):
        res_desc["bytes"] = res.bytes
        res_desc["hash"] = f"sha256:{res.sha256}"
    return desc


def _entry(kind: str, data: bytes) -> dict[str, Any]:
    """Manifest entry of one file."""
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "mediatype": MEDIATYPES[kind], "kind": kind}


def _entries(files: dict[str, tuple[str, bytes]]) -> dict[str, dict[str, Any]]:
    """Manifest entries of FILES."""
    return {name: _entry(kind, data) for name, (kind, data) in files.items()}


def _workbook_lines(pkg: PackageData, url: str) -> list[tuple[str, str]]:
    """What the README sheet of the release workbook says about the release."""
    d, lic = pkg.descriptor, citation.licence(pkg.descriptor)
    return [("タイトル / Title", d.get("title_ja", "")), ("", d.get("title", "")),
            ("バージョン / Version", pkg.version), ("URL", url),
            ("ライセンス / Licence", f"{lic.get('title', '')} ({lic.get('path', '')})"),
            ("出典 / Attribution", citation.attribution_ja(d)), ("説明", d.get("description_ja", "")),
            ("Description", d.get("description", "")),
            ("見出し / Headers", "各シートの1行目は列の日本語名、2行目はCSVと同じ列名です。"
             " Row 1 of each sheet is the column's Japanese name, row 2 its name as in the CSV.")]


def sums_file(files: dict[str, tuple[str, bytes]]) -> bytes:
    """SHA256SUMS of FILES in the format `sha256sum -c` reads (hash, two spaces, name)."""
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, (_k, data) in sorted(files.items())]
    return "".join(lines).encode("utf-8")


def _package_files(pkg: PackageData, url: str, now: datetime) -> dict[str, tuple[str, bytes]]:
    """Every file of a release: per-resource files, datapackage.json, the workbook, the ZIP, SHA256SUMS."""
    files: dict[str, tuple[str, bytes]] = {}
    for res in pkg.resources:
        files.update(resource_files(pkg, res, now))
    desc_bytes = json.dumps(release_descriptor(pkg), ensure_ascii=False, indent=2).encode("utf-8")
    files["datapackage.json"] = ("datapackage", desc_bytes)
    cited = sources.sources_csv(pkg)
    readme = bundle.readme(pkg, url=url, attribution_ja=citation.attribution_ja(pkg.descriptor),
                           licence=citation.licence(pkg.descriptor), with_sources=cited is not None)
    inside = {"README.md": readme.encode("utf-8"), "datapackage.json": desc_bytes,
              "data-dictionary.csv": bundle.data_dictionary(pkg)}
    if cited is not None:
        files[sources.FILENAME] = ("sources", cited)
        inside[sources.FILENAME] = cited
    inside.update({res.path: (pkg.folder / res.path).read_bytes() for res in pkg.resources})
    files[f"{pkg.name}-{pkg.version}.zip"] = ("zip", bundle.build_zip(pkg, inside))
    files[f"{pkg.name}-{pkg.version}.xlsx"] = ("workbook",
                                               xlsx.release_workbook(pkg, _workbook_lines(pkg, url), now))
    files[SUMS] = ("sums", sums_file(files))
    return files


def _resources(pkg: PackageData, files: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Manifest entries of the resources: titles, schema, row count and their three files."""
    return [{"name": r.name, "path": r.path, "title": r.descriptor.get("title", ""),
             "title_ja": r.descriptor.get("title_ja", ""),
             "description": r.descriptor.get("description", ""),
             "schema": r.descriptor.get("schema", {}), "row_count": len(r.rows),
             "files": {"csv": f"{r.name}.csv", "excel": f"{r.name}-excel.csv",
                       "json": f"{r.name}.json", "xlsx": f"{r.name}.xlsx"}}
            for r in pkg.resources]


def publish_release(pkg: PackageData, base: str | Path, *, now: datetime, base_url: str,
                    previous: tuple[dict[str, Any], Path] | None = None,
                    extra: dict[str, tuple[str, bytes]] | None = None) -> dict[str, Any] | None:
    """Write PKG's release under BASE unless it exists (EXTRA: more files); return the manifest."""
    target = releases.release_dir(base, pkg.name, pkg.version)
    if target is None:
        raise ValueError(f"unsafe package name or version: {pkg.name} {pkg.version}")
    if (target / releases.MANIFEST).is_file():
        return None
    files = {**_package_files(pkg, citation.release_url(base_url, pkg.name, pkg.version), now),
             **(extra or {})}
    entries = _entries(files)
    man = _manifest(pkg, entries, now, previous)
    contents = {name: data for name, (_kind, data) in files.items()}
    contents[releases.MANIFEST] = json.dumps(man, ensure_ascii=False, indent=1).encode("utf-8")
    packagefiles.write_folder(target, contents, overwrite=False)
    return man


def _manifest(pkg: PackageData, files: dict[str, dict[str, Any]], now: datetime,
              previous: tuple[dict[str, Any], Path] | None) -> dict[str, Any]:
    """Describe a release: identity, hash, validation, resources, files and changes."""
    stamp = (now if now.tzinfo else now.replace(tzinfo=UTC)).replace(microsecond=0).isoformat()
    return {
        "name": pkg.name, "version": pkg.version, "content_hash": pkg.content_hash,
        "published_at": stamp,
        "validation": {"valid": True, "errors": 0, "tool": f"frictionless {frictionless_version()}",
                       "checked_at": stamp},
        "descriptor": release_descriptor(pkg), "resources": _resources(pkg, files),
        "files": files, "changes": compare(pkg, previous),
    }
