"""Catalogue use cases: record a package release, list and fetch datasets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal.catalog.models import Dataset, Resource
from portal.catalog.packages import PackageData


@dataclass
class ImportOutcome:
    """What importing one package did: loaded (new), replaced (same version, new bytes) or unchanged."""

    dataset: Dataset
    action: str


def import_package(session: Session, pkg: PackageData, *, now: datetime) -> ImportOutcome:
    """Record PKG as a dataset release; a release whose bytes are unchanged is left as it is."""
    existing = session.scalar(
        select(Dataset).where(Dataset.name == pkg.name, Dataset.version == pkg.version)
    )
    if existing is not None and existing.content_hash == pkg.content_hash:
        return ImportOutcome(existing, "unchanged")
    action = "loaded"
    if existing is not None:
        session.delete(existing)
        session.flush()
        action = "replaced"
    session.execute(update(Dataset).where(Dataset.name == pkg.name).values(is_latest=False))
    desc = pkg.descriptor
    dataset = Dataset(
        name=pkg.name, version=pkg.version, kind=pkg.kind, descriptor=desc,
        title_en=desc.get("title", ""), title_ja=desc.get("title_ja", ""),
        description_en=desc.get("description", ""), description_ja=desc.get("description_ja", ""),
        content_hash=pkg.content_hash, is_latest=True, loaded_at=now,
    )
    for res in pkg.resources:
        dataset.resources.append(Resource(
            name=res.name, position=res.position, path=res.path,
            title_en=res.descriptor.get("title", ""), title_ja=res.descriptor.get("title_ja", ""),
            description_en=res.descriptor.get("description", ""),
            table_schema=res.descriptor.get("schema", {}), row_count=len(res.rows),
            bytes=res.bytes, sha256=res.sha256,
        ))
    session.add(dataset)
    session.flush()
    return ImportOutcome(dataset, action)


def list_datasets(session: Session, *, latest_only: bool = True) -> list[Dataset]:
    """Return datasets by name (only each name's newest release unless told otherwise)."""
    query = select(Dataset).order_by(Dataset.name, Dataset.id)
    if latest_only:
        query = query.where(Dataset.is_latest.is_(True))
    return list(session.scalars(query))




def publish_package(pkg: PackageData, releases_dir: str, *, now: datetime, base_url: str,
                    extra: dict[str, tuple[str, bytes]] | None = None) -> dict | None:
    """Write PKG's immutable release files unless that version is already released.

    EXTRA adds files to the release as they are ({name: (kind, bytes)}), e.g. the 原本 of figures
    the ward uploaded.
    """
    from pathlib import Path

    from portal.catalog import publish, releases

    previous = None
    older = [v for v in releases.versions(releases_dir, pkg.name) if v != pkg.version]
    if older:
        man = releases.manifest(releases_dir, pkg.name, older[0])
        folder = releases.release_dir(releases_dir, pkg.name, older[0])
        previous = (man, Path(folder)) if man and folder else None
    return publish.publish_release(pkg, releases_dir, now=now, base_url=base_url,
                                   previous=previous, extra=extra)


def preview(releases_dir: str, name: str, version: str, resource: str, limit: int = 10) -> list[dict]:
    """Return the first LIMIT rows of a released resource, as published."""
    from portal.catalog.rows import load_table

    table = load_table(releases_dir, name, version, resource)
    return table.rows[:limit] if table else []


def data_stamp(session: Session) -> tuple[Any, ...]:
    """A value that changes whenever a build loads or replaces a dataset release (the page
    cache's key to freshness)."""
    return tuple(session.execute(select(func.count(Dataset.id), func.max(Dataset.loaded_at),
                                        func.max(Dataset.id))).one())
