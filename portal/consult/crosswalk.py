"""Where a 施策 went in later revisions: the published crosswalk, else the shared concept_id.

Crosswalk rows are read through portal.catalog.packages (the only frictionless import) once per
process and package version; they are small (under 100 rows per plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.catalog import packages
from portal.catalog.models import Dataset
from portal.plan.models import Node, Plan, Revision


@dataclass(frozen=True)
class Successor:
    """One place a 施策 went in a later revision (node is None when the crosswalk says unknown)."""

    revision: Revision
    node: Node | None
    relation: str
    note_ja: str = ""
    note_en: str = ""
    #: "crosswalk" when a published crosswalk row says so, "concept" when only the concept id does.
    basis: str = "crosswalk"


@lru_cache(maxsize=16)
def _crosswalk_rows(folder: str, stamp: tuple[int, ...]) -> tuple[dict[str, Any], ...]:
    """Read a package's crosswalk rows (cached per folder and file modification times)."""
    return tuple(packages.read(folder).rows("crosswalk"))


def crosswalk_rows(folder: Path) -> tuple[dict[str, Any], ...]:
    """Return FOLDER's crosswalk rows, or () when the package has no crosswalk."""
    files = [folder / "datapackage.json", folder / "crosswalk.csv"]
    if not all(f.is_file() for f in files):
        return ()
    return _crosswalk_rows(str(folder), tuple(f.stat().st_mtime_ns for f in files))


def _package_folder(session: Session, plan_id: str, datasets_dir: str) -> Path | None:
    """The datasets/ folder the plan was loaded from."""
    name = session.scalar(select(Dataset.name).join(Plan, Plan.dataset_id == Dataset.id)
                          .where(Plan.plan_id == plan_id))
    return Path(datasets_dir) / name if name else None


def later_places(session: Session, datasets_dir: str, revision_id: str, node_id: str,
                 concept_id: str) -> list[Successor]:
    """Return where NODE_ID of REVISION_ID went in each later revision of its plan."""
    revision = session.get(Revision, revision_id)
    if revision is None:
        return []
    later = list(session.scalars(select(Revision).where(
        Revision.plan_id == revision.plan_id, Revision.position > revision.position)
        .order_by(Revision.position)))
    folder = _package_folder(session, revision.plan_id, datasets_dir)
    rows = crosswalk_rows(folder) if folder else ()
    found: list[Successor] = []
    for target in later:
        found.extend(_via_crosswalk(session, rows, node_id, target)
                     or _via_concept(session, concept_id, target))
    return found


def _via_crosswalk(session: Session, rows: tuple[dict[str, Any], ...], node_id: str,
                   target: Revision) -> list[Successor]:
    """Successors listed by crosswalk rows from NODE_ID into TARGET."""
    return [Successor(target, session.get(Node, r["to_node_id"]) if r.get("to_node_id") else None,
                      r.get("relation") or "", r.get("note_ja") or "", r.get("note_en") or "")
            for r in rows
            if r.get("from_node_id") == node_id and r.get("to_revision_id") == target.revision_id]


def _via_concept(session: Session, concept_id: str, target: Revision) -> list[Successor]:
    """Successors sharing CONCEPT_ID in TARGET (used when no crosswalk row exists)."""
    nodes = session.scalars(select(Node).where(Node.revision_id == target.revision_id,
                                               Node.concept_id == concept_id))
    return [Successor(target, n, "same_concept", basis="concept") for n in nodes]
