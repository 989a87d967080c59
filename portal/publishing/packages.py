"""Find the plan packages the ward can publish figures for (read through the catalogue's reader)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from portal.catalog import packages, releases
from portal.i18n import _


class PublishingError(Exception):
    """A publishing step cannot go on; the message says why in the user's language."""


def plan_package_names(datasets_dir: str) -> list[str]:
    """Names of the plan packages in DATASETS_DIR (those the template can be made for)."""
    names = []
    for folder in packages.discover(datasets_dir):
        desc = _descriptor_kind(
            str(folder / "datapackage.json"), (folder / "datapackage.json").stat().st_mtime_ns
        )
        if desc == "plan":
            names.append(folder.name)
    return names


@lru_cache(maxsize=64)
def _descriptor_kind(path: str, _mtime: int) -> str | None:
    """The portal.kind of a descriptor (cached per modification time)."""
    import json

    try:
        return (json.loads(Path(path).read_text(encoding="utf-8")).get("portal") or {}).get("kind")
    except (OSError, ValueError):
        return None


def package_folder(datasets_dir: str, name: str) -> Path:
    """The folder of plan package NAME.

    :raise PublishingError: no such plan package.
    """
    if not releases.is_safe_name(name) or name not in plan_package_names(datasets_dir):
        raise PublishingError(_("There is no plan package called %(name)s.", name=name))
    return Path(datasets_dir) / name


@lru_cache(maxsize=8)
def _read(folder: str, stamp: str) -> packages.PackageData:
    """Read a package once per content hash."""
    return packages.read(folder)


def read_plan_package(datasets_dir: str, name: str) -> packages.PackageData:
    """The current (published) version of plan package NAME, typed rows and all."""
    folder = package_folder(datasets_dir, name)
    return _read(str(folder), packages.content_hash(folder))


def revision_ids(pkg: packages.PackageData) -> list[str]:
    """Revisions of PKG that have indicators, oldest first."""
    used = {r.get("revision_id") for r in pkg.rows("indicators")}
    return [
        r["revision_id"]
        for r in sorted(pkg.rows("revisions"), key=lambda r: r["position"])
        if r["revision_id"] in used
    ]
