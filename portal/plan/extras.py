"""Plan resources that have no table (changes, crosswalk, concepts, budgets), read from the packages.

They are read through portal.catalog.packages (frictionless stays behind it) and cached per
file modification time, so a page reads them once per process and again only after a new build.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from portal.catalog import packages


def _stamp(folder: Path) -> int:
    """A number that changes whenever any file of the package folder changes."""
    return sum(p.stat().st_mtime_ns for p in folder.glob("*") if p.is_file())


@lru_cache(maxsize=32)
def _read(folder: str, _stamp_value: int) -> packages.PackageData | None:
    """Read a package once per stamp."""
    path = Path(folder)
    if not (path / "datapackage.json").is_file():
        return None
    return packages.read(path)


def package_rows(datasets_dir: str, package: str, resource: str) -> list[dict[str, Any]]:
    """Return the rows of RESOURCE in package PACKAGE under DATASETS_DIR ([] when absent)."""
    folder = Path(datasets_dir) / package
    if not folder.is_dir():
        return []
    pkg = _read(str(folder), _stamp(folder))
    return pkg.rows(resource) if pkg else []


def plan_package(plan_id: str) -> str:
    """The package folder name of a plan (plan ids equal package names in datasets/)."""
    return plan_id


def changes_by_indicator(datasets_dir: str, plan_id: str) -> dict[str, list[dict[str, Any]]]:
    """Target and plan changes (with reasons) of PLAN_ID's indicators, by indicator id."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in package_rows(datasets_dir, plan_package(plan_id), "changes"):
        grouped.setdefault(row["indicator_id"], []).append(row)
    return grouped


def crosswalk(datasets_dir: str, plan_id: str) -> list[dict[str, Any]]:
    """The crosswalk rows of PLAN_ID (empty when the package has none)."""
    return package_rows(datasets_dir, plan_package(plan_id), "crosswalk")
