"""`portal build`: validate every package, load the database, rebuild the search index.

Validation runs first and stops everything on a problem, so a malformed package leaves the
previous database and index untouched. Loading runs in one transaction; the index is built into
new folders and swapped in, so a running portal keeps answering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from portal.areas.services import load_areas
from portal.catalog import packages
from portal.catalog.releases import immutability_problems
from portal.catalog.services import import_package, publish_package
from portal.db import begin_write
from portal.migrate import upgrade
from portal.plan.services import load_plan


class BuildFailed(Exception):
    """Raised when packages do not validate; carries every problem found."""

    def __init__(self, problems: list[packages.Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in datasets")
        self.problems = problems


@dataclass
class BuildReport:
    """What a build did, per package and for the index."""

    packages: list[tuple[str, str, str, dict[str, int]]] = field(default_factory=list)
    index_counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when any package was loaded or replaced."""
        return any(action != "unchanged" for _, _, action, _ in self.packages)


Progress = Callable[[str, Iterable], Iterable]


def _plain_progress(label: str, items: Iterable) -> Iterable:
    """Default progress: none."""
    return items


def validate_all(datasets_dir: str | Path, progress: Progress = _plain_progress) -> list[Path]:
    """Validate every package folder; raise BuildFailed listing all problems."""
    folders = packages.discover(datasets_dir)
    problems: list[packages.Problem] = []
    for folder in progress("Validating packages", folders):
        problems.extend(packages.validate(folder))
    if problems:
        raise BuildFailed(problems)
    return folders


def load_all(app: Flask, folders: list[Path], progress: Progress = _plain_progress,
             now: datetime | None = None) -> BuildReport:
    """Load every package into the database in one transaction (unchanged ones are skipped)."""
    from portal.db import fresh_session

    report = BuildReport()
    now = now or datetime.now(UTC).replace(tzinfo=None)
    with fresh_session() as session:
        begin_write(session)
        for folder in progress("Loading packages", folders):
            pkg = packages.read(folder)
            outcome = import_package(session, pkg, now=now)
            publish_package(pkg, app.config["RELEASES_DIR"], now=now,
                            base_url=app.config["PUBLIC_BASE_URL"])
            counts: dict[str, int] = {}
            if outcome.action != "unchanged":
                counts = _load_rows(session, pkg, outcome.dataset.id)
            report.packages.append((pkg.name, pkg.version, outcome.action, counts))
        session.commit()
    return report


def _load_rows(session, pkg: packages.PackageData, dataset_id: int) -> dict[str, int]:
    """Hand a package's rows to the loader of its kind."""
    if pkg.kind == "plan":
        return load_plan(session, pkg, dataset_id)
    if pkg.kind == "reference":
        return load_areas(session, pkg, dataset_id)
    return {}


def build(app: Flask, progress: Progress = _plain_progress, *, reindex: bool = True,
          index_progress: Callable[[int], None] | None = None) -> BuildReport:
    """Validate, migrate, load and index; nothing is touched unless every package is valid."""
    from portal.db import get_engine
    from portal.search.rebuild import rebuild_index

    folders = validate_all(app.config["DATASETS_DIR"], progress)
    folders += validate_all(app.config["PUBLISHED_DIR"], progress)  # consultation results
    problems = immutability_problems(folders, app.config["RELEASES_DIR"])
    if problems:  # a released version never changes: refuse before touching anything
        raise BuildFailed(problems)
    upgrade(get_engine())
    report = load_all(app, folders, progress)
    if app.config["DEMO_MODE"]:
        from portal.review.demo import build_demo

        build_demo()
    if reindex:
        report.index_counts = rebuild_index(app, force=report.changed, progress=index_progress)
    return report
