"""Immutable releases on disk: RELEASES_DIR/<name>/<version>/ with a manifest.json per release.

A release is written once by `portal build` (see publish.py) and never rewritten. This module
only reads: it finds releases, checks names before any path is built, and refuses a package
whose bytes changed while its version did not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from portal.catalog.packages import Problem, content_hash

#: Package names as the conventions allow them (lowercase ASCII, `-` separated).
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
#: Versions: semver-like, no slashes, no leading dot (so never `..`).
VERSION_RE = re.compile(r"[0-9][0-9A-Za-z.+-]{0,39}")
#: File names inside a release: one dot-free stem, one or two extensions.
FILE_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,150}")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class FileInfo:
    """One downloadable file of a release."""

    name: str
    bytes: int
    sha256: str
    mediatype: str
    kind: str


def is_safe_name(name: str) -> bool:
    """True when NAME may be used as a package folder name."""
    return bool(NAME_RE.fullmatch(name))


def is_safe_version(version: str) -> bool:
    """True when VERSION may be used as a release folder name."""
    return bool(VERSION_RE.fullmatch(version)) and ".." not in version


def release_dir(base: str | Path, name: str, version: str) -> Path | None:
    """Return the folder of a release, or None when NAME or VERSION is not a safe name."""
    if not (is_safe_name(name) and is_safe_version(version)):
        return None
    return Path(base) / name / version


def _version_key(version: str) -> tuple:
    """Sort key for versions: numeric parts compare as numbers (1.10.0 > 1.9.0)."""
    core, _, pre = version.partition("-")
    parts = tuple(int(p) if p.isdigit() else -1 for p in re.split(r"[.+]", core))
    return parts, pre == "", pre


def versions(base: str | Path, name: str) -> list[str]:
    """List the published versions of NAME, newest first."""
    if not is_safe_name(name):
        return []
    folder = Path(base) / name
    if not folder.is_dir():
        return []
    found = [p.name for p in folder.iterdir()
             if is_safe_version(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=_version_key, reverse=True)


def latest_version(base: str | Path, name: str) -> str | None:
    """Return the newest published version of NAME, or None."""
    found = versions(base, name)
    return found[0] if found else None


@lru_cache(maxsize=256)
def _read_manifest(path: str, mtime_ns: int) -> dict[str, Any]:
    """Parse a manifest (cached: a release never changes once written)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def manifest(base: str | Path, name: str, version: str) -> dict[str, Any] | None:
    """Return the manifest of a release, or None when there is no such release."""
    folder = release_dir(base, name, version)
    if folder is None:
        return None
    path = folder / MANIFEST
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read_manifest(str(path), stat.st_mtime_ns)


def file_info(man: dict[str, Any], filename: str) -> FileInfo | None:
    """Return the manifest entry for FILENAME, or None when the release has no such file."""
    if not (FILE_RE.fullmatch(filename) or filename == "SHA256SUMS") or filename == MANIFEST:
        return None
    entry = man.get("files", {}).get(filename)
    return FileInfo(filename, **entry) if entry else None


def file_path(base: str | Path, name: str, version: str, filename: str) -> Path | None:
    """Return the path of a listed file of a release; None for anything not listed."""
    man = manifest(base, name, version)
    if man is None or file_info(man, filename) is None:
        return None
    folder = release_dir(base, name, version)
    return folder / filename if folder else None


def immutability_problems(folders: list[Path], base: str | Path) -> list[Problem]:
    """Name every package whose version is already released with different bytes."""
    problems = []
    for folder in folders:
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        name, version = str(desc.get("name")), str(desc.get("version"))
        man = manifest(base, name, version)
        if man is not None and man["content_hash"] != content_hash(folder):
            problems.append(Problem(name, "datapackage.json", (
                f"version {version} is already published with different contents; published "
                f"releases never change, so bump 'version' (releases folder: {base})")))
    return problems
